import type { CollectionBeforeOperationHook } from 'payload'

import { checkUploadQuota } from '@/uploads'

/** A new photo within its owner's caps (stored count, hourly rate), checked before it is decoded. */
export const limitUploads: CollectionBeforeOperationHook = async ({ args, operation }) => {
  if (operation === 'create' && args.req?.file?.data) await checkUploadQuota(args.req, 'photo-uploads')
  return args
}
