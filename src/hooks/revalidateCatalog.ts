import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { invalidateCatalog } from '@/catalog/invalidate'
import { afterCommit } from '@/lib/transactions'

/**
 * Once the change commits (a read before that would refill the cache with the old rows), every
 * node's catalog cache, the front's copies and Next's `catalog` tag are cleared.
 */
const invalidateOnCommit = (req: PayloadRequest): Promise<void> => {
  const { disableRevalidate } = req.context
  return afterCommit(req, () => invalidateCatalog({ disableRevalidate }))
}

/** Any catalog document (or media it shows) changed. */
export const revalidateCatalog: CollectionAfterChangeHook = async ({ doc, req }) => {
  await invalidateOnCommit(req)
  return doc
}

export const revalidateCatalogAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await invalidateOnCommit(req)
  return doc
}
