import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { normalizeUpload, UploadRejectedError } from '@/generation/images'

/**
 * Upload collections trust the bytes, not the declared type: SVG, polyglots, pixel bombs
 * and truncated files are refused with a 400 before anything is stored.
 */
export const verifyImageBytes: CollectionBeforeOperationHook = async ({ args, operation }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = args.req?.file
  if (!file?.data) return args
  try {
    await normalizeUpload(file.data)
  } catch (error) {
    if (error instanceof UploadRejectedError) throw new APIError(error.message, 400, null, true)
    throw error
  }
  return args
}
