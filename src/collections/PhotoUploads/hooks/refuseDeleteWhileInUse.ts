import { APIError, type CollectionBeforeDeleteHook } from 'payload'

// Payload's own error type, so REST answers 409 with the message (a plain Error would be a 500).
const conflict = (message: string) => new APIError(message, 409, undefined, true)

/**
 * A photo may be deleted once the shoots that used it are done: their portraits stay and the
 * generation's photo is set null. While a shoot still reads it, the delete is refused.
 */
export const refuseDeleteWhileInUse: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs } = await req.payload.count({
    collection: 'generations',
    where: { and: [{ upload: { equals: id } }, { status: { in: ['queued', 'running'] } }] },
    req,
    overrideAccess: true,
  })
  if (totalDocs > 0) {
    throw conflict('This photo is being used by a shoot in progress. Delete it once the shoot has finished.')
  }
}
