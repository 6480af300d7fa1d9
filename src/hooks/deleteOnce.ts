import type { CollectionBeforeDeleteHook, CollectionConfig } from 'payload'

import { notFound } from '@/lib/errors'
import { takeWriteTurn } from '@/lib/writeTurn'

/**
 * Deletes of one document that arrive at once (a double click, two tabs, two app nodes) take
 * turns, and the later ones answer 404. Payload finds the document before the beforeDelete hooks
 * and removes its files and row after them: without the turn, every request passed the find, and
 * the later ones failed deleting files already gone or reading a row already gone (a 500).
 * Goes first in `beforeDelete`, so a refused delete runs none of the other hooks.
 */
export const deleteOnce: CollectionBeforeDeleteHook = async ({ collection, id, req }) => {
  await takeWriteTurn(req, collection.slug, id)
  const { totalDocs } = await req.payload.count({
    collection: collection.slug,
    where: { id: { equals: id } },
    req,
    overrideAccess: true,
  })
  if (totalDocs === 0) throw notFound(`No ${collection.slug} document ${id}: it was just deleted.`)
}

/** The collection with `deleteOnce` first in its beforeDelete hooks: the plugin gives it to every collection. */
export const withDeleteOnce = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, beforeDelete: [deleteOnce, ...(collection.hooks?.beforeDelete ?? [])] },
})
