import type { CollectionBeforeDeleteHook, CollectionConfig, PayloadRequest } from 'payload'

import { lockKey } from '@/lib/drizzle'
import { notFound } from '@/lib/errors'

/**
 * Waits for this request's turn to write document `id` of `slug`, held until its transaction ends:
 * a Postgres advisory lock, for every node. Taken again by the same transaction, it returns at
 * once. Call it inside the operation's transaction. On SQLite, which Payload runs without
 * transactions, it does nothing: there the request guard gives REST writes by id their turn
 * (src/endpoints/guard/writeTurns.ts).
 */
export const takeWriteTurn = (req: PayloadRequest, slug: string, id: number | string): Promise<void> =>
  lockKey(req, `write:${slug}:${id}`)

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
