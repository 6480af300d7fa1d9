import type { CollectionBeforeDeleteHook } from 'payload'

import { conflict } from '@/lib/errors'

/**
 * A photo may be deleted once the shoots that used it are done: their portraits stay and the
 * generation's photo (first or further reference) is set null. While a shoot still reads it,
 * the delete is refused with a 409.
 */
export const refuseDeleteWhileInUse: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs } = await req.payload.count({
    collection: 'generations',
    where: {
      and: [
        { or: [{ upload: { equals: id } }, { 'references.upload': { equals: id } }] },
        { status: { in: ['queued', 'running'] } },
      ],
    },
    req,
    overrideAccess: true,
  })
  if (totalDocs > 0) {
    throw conflict('This photo is being used by a shoot in progress. Delete it once the shoot has finished.')
  }
}
