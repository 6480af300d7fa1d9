import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { clearCatalogCache } from '@/catalog/catalogCache'
import { revalidateTagNow } from '@/next/revalidateTag'

export const CATALOG_TAG = 'catalog'

/**
 * Drops the in-memory catalog cache and tells Next.js to rebuild tagged catalog pages, so an
 * edit shows on the next request. Outside a Next.js server (tests, scripts) there is no
 * cache to revalidate, which Next signals by throwing; that is expected and ignored.
 */
const revalidate = async (context: Record<string, unknown>): Promise<void> => {
  clearCatalogCache()
  if (context.disableRevalidate) return
  await revalidateTagNow(CATALOG_TAG)
}

export const revalidateCatalog: CollectionAfterChangeHook = async ({ doc, req }) => {
  await revalidate(req.context)
  return doc
}

export const revalidateCatalogAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await revalidate(req.context)
  return doc
}
