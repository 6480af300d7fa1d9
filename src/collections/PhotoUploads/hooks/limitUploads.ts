import type { CollectionBeforeOperationHook } from 'payload'

import { checkUploadQuota, UPLOAD_QUOTA_CHECKED } from '@/uploads'

/**
 * A new photo within its owner's caps (stored count, hourly rate), checked before it is decoded.
 * A REST upload was checked by the create endpoint already (before its face check); checking again
 * would count it twice against the hourly rate.
 */
export const limitUploads: CollectionBeforeOperationHook = async ({ args, operation }) => {
  if (args.req?.context?.[UPLOAD_QUOTA_CHECKED]) return args
  if (operation === 'create' && args.req?.file?.data) await checkUploadQuota(args.req, 'photo-uploads')
  return args
}
