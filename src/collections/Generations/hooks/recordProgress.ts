import type { CollectionAfterChangeHook } from 'payload'

import { progressSignature, recordProgressEvent } from '@/generation/progressEvents'
import type { Generation } from '@/payload-types'

/**
 * Every write that changes what the progress page shows (status, progress, an image's state,
 * result or error, the rating...) appends the generation's next progress event in the write's own
 * transaction; it is published to every node once that commits. Lease renewals and other
 * bookkeeping make none.
 */
export const recordProgress: CollectionAfterChangeHook<Generation> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation === 'update' && progressSignature(previousDoc) === progressSignature(doc)) return doc
  await recordProgressEvent(req, doc.id)
  return doc
}
