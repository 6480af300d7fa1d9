import type { CollectionBeforeOperationHook } from 'payload'

import { normalizeUpload } from '@/generation/images'

/**
 * Upload collections trust the bytes, not the declared type: SVG, polyglots, pixel bombs
 * and truncated files are refused (UploadRejectedError, a 4xx naming "file") before
 * anything is stored.
 */
export const verifyImageBytes: CollectionBeforeOperationHook = async ({ args, operation }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = args.req?.file
  if (!file?.data) return args
  await normalizeUpload(file.data)
  return args
}
