import { createHash, randomUUID } from 'node:crypto'

import { LRUCache } from 'lru-cache'

import { settings } from '@/lib/settings'
import { announceCatalogPurge, CATALOG_STUDIO_HEADER } from '@server/contract.mjs'

import { monthDayOf } from './season'

/**
 * The catalog cache's one home: the response bodies of the public catalog reads, their keys
 * and ETags, and the Surrogate-Control that lets the production front (server/front.mjs) keep a
 * copy. State lives on globalThis: Next.js bundles the admin and the API separately, and a
 * module-level cache could exist twice in one process. Cleared by ./invalidate.ts, per studio
 * (an edit of one studio's catalog) or whole (anything else).
 */
export type CatalogView = 'bundles' | 'packages' | 'package' | 'themes' | 'pricing'

export interface CatalogEntry {
  /** The id of the studio whose catalog this is (the `studio` of its key). */
  studio: number
  body: string
  /** Strong validator of `body`: `"<sha1 base64url>"`. */
  etag: string
  /** Epoch ms after which the entry is no longer served: its TTL, or the end of its UTC day. */
  expiresAt: number
  /** Whether the cache holds it: a body built across an invalidation is served once, not kept. */
  kept: boolean
}

/** Bodies kept per process: one per studio, view and package (about 5 × packages + categories). */
const MAX_ENTRIES = 2000

interface CatalogState {
  entries: LRUCache<string, CatalogEntry>
  /** `<boot uuid>.<full clears>`: changes on every clear of the whole cache. */
  generation: string
  /** Clears of one studio's entries since boot, by studio id (one number per studio ever cleared). */
  studioClears: Map<number, number>
}

/** PACKAGE_CACHE_TTL in ms (default 5 min); 0 turns the cache off. */
const ttlMs = (): number => settings().packageCacheTtlMs

const holder = globalThis as typeof globalThis & { __photoPackagesCatalog?: CatalogState }

const state = (): CatalogState => {
  holder.__photoPackagesCatalog ??= {
    entries: new LRUCache({ max: MAX_ENTRIES }),
    generation: `${randomUUID()}.0`,
    studioClears: new Map(),
  }
  return holder.__photoPackagesCatalog
}

/**
 * The one key function. A key names the studio the request is served by (its Host, see
 * src/studios/resolveStudio.ts): two studios' catalogs never share a body. It carries today's
 * (UTC) date, so seasonal themes roll over at midnight without waiting for the TTL.
 */
export const catalogCacheKey = (
  studio: number | string,
  view: CatalogView,
  scope: string | undefined,
  now = new Date(),
): string => `${studioKeyPrefix(studio)}${view}:${scope ?? '*'}@${monthDayOf(now)}`

/** What every key of `studio`'s entries starts with (clearCatalogCache drops one studio by it). */
const studioKeyPrefix = (studio: number | string): string => `studio ${studio}/`

const nextUtcMidnight = (now: number): number => {
  const date = new Date(now)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)
}

export const readCatalogEntry = (key: string): CatalogEntry | undefined => {
  const entries = state().entries
  const entry = entries.get(key)
  if (entry && entry.expiresAt <= Date.now()) {
    entries.delete(key)
    return undefined
  }
  return entry
}

export const CATALOG_CACHE_CONTROL = 'public, max-age=0, must-revalidate, no-transform'

/**
 * Caches `body`, of studio `studio`'s catalog, under `key` (catalogCacheKey of that studio; unless
 * the TTL is 0) and returns the entry with its ETag. `generation` is catalogGeneration(studio)
 * read before the body was built: when an invalidation of that studio (or of all) came in
 * meanwhile the body may be stale, so it is returned but not kept.
 */
export const storeCatalogBody = (
  studio: number,
  key: string,
  body: string,
  generation = catalogGeneration(studio),
): CatalogEntry => {
  const ttl = ttlMs()
  const now = Date.now()
  const entry: CatalogEntry = {
    studio,
    body,
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    expiresAt: Math.min(now + ttl, nextUtcMidnight(now)),
    kept: ttl > 0 && generation === catalogGeneration(studio),
  }
  if (entry.kept) state().entries.set(key, entry)
  return entry
}

/**
 * Drops the cached bodies of `studios` (ids), and moves their generations; without `studios` (or
 * with none), every body of this process, and every generation. Then tells the purge listeners
 * (server/contract.mjs) which studios: when this process is the front's Next.js child,
 * server/app.mjs listens and passes the purge on to the front, which drops those copies too.
 * A walk over the keys (at most MAX_ENTRIES) per studio clear.
 */
export const clearCatalogCache = (studios?: readonly number[]): void => {
  const current = state()
  if (!studios?.length) {
    current.entries.clear()
    const [boot, count] = current.generation.split('.')
    current.generation = `${boot}.${Number(count) + 1}`
    announceCatalogPurge()
    return
  }
  const prefixes = studios.map(studioKeyPrefix)
  const dropped = [...current.entries.keys()].filter((key) => prefixes.some((p) => key.startsWith(p)))
  for (const key of dropped) current.entries.delete(key)
  for (const studio of studios) current.studioClears.set(studio, (current.studioClears.get(studio) ?? 0) + 1)
  announceCatalogPurge(studios)
}

/**
 * `<boot uuid>.<full clears>.<clears of this studio>`: changes on every clear that covers studio
 * `studio`'s catalog, on every node (Redis pub/sub). Part of Next's data-cache keys for that
 * studio's reads, so no node reads a stale page cache; compared by storeCatalogBody.
 */
export const catalogGeneration = (studio: number): string =>
  `${state().generation}.${state().studioClears.get(studio) ?? 0}`

/** `If-None-Match` holds this ETag (or `*`); weak and strong forms compare alike (RFC 9110 §13.1.2). */
export const etagMatches = (ifNoneMatch: string | null | undefined, etag: string): boolean =>
  Boolean(ifNoneMatch) &&
  (ifNoneMatch!.trim() === '*' ||
    ifNoneMatch!.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))

/** RFC 9211 Cache-Status of this cache's answers: served from an entry, or built (and kept or not). */
export const CATALOG_CACHE_HIT = 'photo-packages-app; hit'
const CATALOG_CACHE_MISS = 'photo-packages-app; fwd=miss'

/**
 * The headers of a catalog answer, served from the cache (`hit`) or just built. `Surrogate-Control:
 * max-age=<s>` (Edge Architecture 1.0) tells the front how long it may keep its copy: the entry's
 * remaining life in whole seconds; X-Photo-Packages-Studio beside it names the studio whose copy it
 * is (a purge of another studio leaves it). The front removes both, and this Cache-Status (RFC
 * 9211: whether this process's cache answered); `no-transform` keeps Next from compressing the
 * body the front stores.
 */
export const catalogHeaders = (
  entry: CatalogEntry,
  { hit = false, now = Date.now() }: { hit?: boolean; now?: number } = {},
): Record<string, string> => {
  const headers: Record<string, string> = {
    'cache-control': CATALOG_CACHE_CONTROL,
    etag: entry.etag,
    'cache-status': hit ? CATALOG_CACHE_HIT : `${CATALOG_CACHE_MISS}${entry.kept ? '; stored' : ''}`,
  }
  const seconds = Math.floor((entry.expiresAt - now) / 1000)
  if (entry.kept && seconds > 0) {
    headers['surrogate-control'] = `max-age=${seconds}`
    headers[CATALOG_STUDIO_HEADER] = String(entry.studio)
  }
  return headers
}

/** How many bodies this process holds (staff tools and tests). */
export const catalogCacheSize = (): number => state().entries.size
