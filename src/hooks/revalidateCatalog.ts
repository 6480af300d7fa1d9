import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { invalidateCatalog } from '@/catalog/invalidate'
import { afterCommit } from '@/lib/transactions'
import { studiosOfChange } from '@/studios/studioOwned'

/**
 * Once the change commits (a read before that would refill the cache with the old rows), the
 * catalog cache of every node, the front's copies and Next's tag are cleared for `studios` (the
 * changed document's studio, both when it moved), or for all when it names none.
 */
const invalidateOnCommit = (req: PayloadRequest, studios: number[] | undefined): Promise<void> => {
  const { disableRevalidate } = req.context
  return afterCommit(req, () => invalidateCatalog({ studio: studios, disableRevalidate }))
}

/** A catalog document of a studio (a package, theme, tier, bundle, or media it shows) changed. */
export const revalidateCatalog: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  await invalidateOnCommit(req, studiosOfChange(doc, previousDoc))
  return doc
}

export const revalidateCatalogAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await invalidateOnCommit(req, studiosOfChange(doc))
  return doc
}
