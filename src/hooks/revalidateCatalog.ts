import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { invalidateCatalog } from '@/catalog/invalidate'

/**
 * Any catalog document (or media it shows) changed: every node's catalog cache and Next's
 * `catalog` tag are cleared.
 */
export const revalidateCatalog: CollectionAfterChangeHook = async ({ doc, req }) => {
  await invalidateCatalog({ disableRevalidate: req.context.disableRevalidate })
  return doc
}

export const revalidateCatalogAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await invalidateCatalog({ disableRevalidate: req.context.disableRevalidate })
  return doc
}
