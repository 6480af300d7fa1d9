import type { CollectionAfterChangeHook } from 'payload'

import { countAcceptedUpload } from '@/uploads'

/** A stored new photo counts against its owner's hourly cap; refused ones do not (see checkUploadQuota). */
export const countUpload: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation === 'create' && req.file?.data) await countAcceptedUpload(req)
  return doc
}
