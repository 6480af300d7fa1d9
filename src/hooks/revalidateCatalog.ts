import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { clearCatalogCache } from '@/catalog/catalogCache'

export const CATALOG_TAG = 'catalog'

/**
 * Drops the in-memory catalog cache and tells Next.js to rebuild tagged catalog pages, so an
 * edit shows on the next request. Outside a Next.js server (tests, scripts) there is no
 * cache to revalidate, which Next signals by throwing; that is expected and ignored.
 */
const revalidate = async (context: Record<string, unknown>): Promise<void> => {
  clearCatalogCache()
  if (context.disableRevalidate) return
  try {
    const { revalidateTag } = await import('next/cache')
    // expire: 0 drops the entry at once, so the next request renders fresh (not stale-while-revalidate).
    revalidateTag(CATALOG_TAG, { expire: 0 })
  } catch {
    // not inside a Next.js request: nothing to revalidate
  }
}

export const revalidateCatalog: CollectionAfterChangeHook = async ({ doc, req }) => {
  await revalidate(req.context)
  return doc
}

export const revalidateCatalogAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await revalidate(req.context)
  return doc
}
