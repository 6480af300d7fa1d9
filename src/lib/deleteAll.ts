import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import { conflict } from './errors'

/**
 * Deletes every matching document through Payload (hooks run, upload files go), on `req`'s
 * transaction, and returns how many went. Payload's bulk delete collects per-document
 * failures instead of throwing; this throws the first one as a 409, so a cascade never
 * half-happens silently (the caller's transaction rolls back).
 */
export const deleteAll = async (
  req: PayloadRequest,
  collection: CollectionSlug,
  where: Where,
): Promise<number> => {
  const result = await req.payload.delete({ collection, where, req, overrideAccess: true })
  const failure = result.errors[0]
  if (failure) throw conflict(`Could not delete ${collection} ${failure.id}: ${failure.message}`)
  return result.docs.length
}
