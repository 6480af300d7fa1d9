import { APIError, type CollectionSlug, type PayloadRequest, type Where } from 'payload'

/**
 * Deletes every matching document through Payload (hooks run, upload files go), on `req`'s
 * transaction. Payload's bulk delete collects per-document failures instead of throwing;
 * this throws the first one, so a cascade never half-happens silently.
 */
export const deleteAll = async (
  req: PayloadRequest,
  collection: CollectionSlug,
  where: Where,
  context?: Record<string, unknown>,
): Promise<number> => {
  const result = await req.payload.delete({ collection, where, req, overrideAccess: true, context })
  const failure = result.errors[0]
  if (failure) {
    throw new APIError(`Could not delete ${collection} ${failure.id}: ${failure.message}`, 409, undefined, true)
  }
  return result.docs.length
}
