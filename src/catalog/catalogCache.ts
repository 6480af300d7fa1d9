import { TtlCache } from './ttlCache'

const DEFAULT_TTL_MS = 300_000

const ttlFromEnv = (): number => {
  const raw = Number(process.env.PACKAGE_CACHE_TTL)
  return Number.isFinite(raw) && raw >= 0 ? raw : DEFAULT_TTL_MS
}

/**
 * Next.js bundles the admin and the API routes separately, so a plain module-level cache
 * could exist twice in one process and an admin edit would clear only one copy. Keeping
 * it on globalThis makes it one cache per process.
 */
const holder = globalThis as typeof globalThis & { __photoPackagesCatalogCache?: TtlCache<unknown> }

export const catalogCache = (): TtlCache<unknown> => {
  holder.__photoPackagesCatalogCache ??= new TtlCache<unknown>(ttlFromEnv())
  return holder.__photoPackagesCatalogCache
}

export const clearCatalogCache = (): void => {
  holder.__photoPackagesCatalogCache?.clear()
}
