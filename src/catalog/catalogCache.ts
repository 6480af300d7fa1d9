import { settings } from '@/lib/settings'

import { TtlCache } from './ttlCache'


/**
 * Next.js bundles the admin and the API routes separately, so a plain module-level cache
 * could exist twice in one process and an admin edit would clear only one copy. Keeping
 * it on globalThis makes it one cache per process.
 */
const holder = globalThis as typeof globalThis & { __photoPackagesCatalogCache?: TtlCache<unknown> }

export const catalogCache = (): TtlCache<unknown> => {
  holder.__photoPackagesCatalogCache ??= new TtlCache<unknown>(settings().packageCacheTtlMs)
  return holder.__photoPackagesCatalogCache
}

export const clearCatalogCache = (): void => {
  holder.__photoPackagesCatalogCache?.clear()
}
