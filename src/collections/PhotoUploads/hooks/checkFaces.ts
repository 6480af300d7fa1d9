import type { CollectionBeforeOperationHook } from 'payload'

import { CHECKED_UPLOAD, type CheckedUpload, checkUploadFaces, uploadRole } from '@/faces'

/**
 * Every new file (after safeUploadHook normalised it) is checked for faces and its quality
 * score and face descriptors are written with it; a photo that fails is refused (4xx) before
 * anything is stored. REST uploads were checked by the create endpoint outside the transaction
 * (reused here); Local API creates are checked here.
 */
export const checkFaces: CollectionBeforeOperationHook = async ({ args, operation }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = args.req?.file
  if (!file?.data) return args
  const role = uploadRole(args.data)
  const checked = args.req.context?.[CHECKED_UPLOAD] as CheckedUpload | undefined
  const faces = checked?.data === file.data ? checked.faces : await checkUploadFaces(file.data, role)
  args.data = { ...(args.data as object), role, ...faces } as typeof args.data
  return args
}
