import { createHash, randomUUID } from 'node:crypto'

import { settings } from '@/lib/settings'

import { monthDayOf } from './season'

/**
 * The catalog cache's one home: the response bodies of the public catalog reads, their
 * keys, ETags, and the fast path that answers a hit (server.mjs calls it before Next).
 * State lives on globalThis: Next.js bundles the admin and the API separately, and a
 * module-level cache could exist twice in one process. Cleared by ./invalidate.ts.
 */
export type CatalogView = 'bundles' | 'packages' | 'package' | 'themes' | 'pricing'

export interface CatalogEntry {
  body: string
  /** Strong validator of `body`: `"<sha1 base64url>"`. */
  etag: string
  expiresAt: number
}

export interface CatalogFastResponse {
  status: 200 | 304
  headers: Record<string, string>
  body: string
}

interface CatalogState {
  entries: Map<string, CatalogEntry>
  /** Changes on every invalidation: part of Next's data-cache keys, so no node reads a stale page cache. */
  generation: string
}

/** PACKAGE_CACHE_TTL in ms (default 5 min); 0 turns the cache off. */
const ttlMs = (): number => settings().packageCacheTtlMs

const holder = globalThis as typeof globalThis & {
  __photoPackagesCatalog?: CatalogState
  __photoPackagesCatalogFastPath?: typeof catalogFastResponse
}

const state = (): CatalogState => {
  holder.__photoPackagesCatalog ??= { entries: new Map(), generation: `${randomUUID()}.0` }
  return holder.__photoPackagesCatalog
}

/**
 * The one key function. A key carries today's date, so seasonal themes roll over at midnight
 * without waiting for the TTL.
 */
export const catalogCacheKey = (view: CatalogView, scope: string | undefined, now = new Date()): string =>
  `${view}:${scope ?? '*'}@${monthDayOf(now)}`

const CATALOG_PATH = /^\/api\/(?:packages(?:\/([a-z0-9-]{1,120})(?:\/(themes|pricing))?)?|(bundles))$/

/**
 * The key of a public catalog URL, or undefined when it is not a cacheable read (another
 * path, or any query parameter but `category` on the list: `?at=` is never cached).
 */
export const catalogKeyForUrl = (rawUrl: string, now = new Date()): string | undefined => {
  const url = new URL(rawUrl, 'http://local')
  const match = CATALOG_PATH.exec(url.pathname)
  if (!match) return undefined
  const [, slug, part, bundles] = match
  const view: CatalogView = bundles
    ? 'bundles'
    : ((part as CatalogView | undefined) ?? (slug ? 'package' : 'packages'))
  const allowed = view === 'packages' ? ['category'] : []
  if ([...url.searchParams.keys()].some((key) => !allowed.includes(key))) return undefined
  return catalogCacheKey(
    view,
    view === 'packages' ? (url.searchParams.get('category') ?? undefined) : slug,
    now,
  )
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

/** Caches `body` under `key` (unless the TTL is 0) and returns the entry with its ETag. */
export const storeCatalogBody = (key: string, body: string): CatalogEntry => {
  const ttl = ttlMs()
  const entry = {
    body,
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    expiresAt: Date.now() + ttl,
  }
  if (ttl > 0) state().entries.set(key, entry)
  return entry
}

/** Drops every cached body of this process and starts a new cache generation. */
export const clearCatalogCache = (): void => {
  const current = state()
  current.entries.clear()
  const [boot, count] = current.generation.split('.')
  current.generation = `${boot}.${Number(count) + 1}`
}

/** Part of Next's data-cache keys for catalog reads; see CatalogState.generation. */
export const catalogGeneration = (): string => state().generation

export const CATALOG_CACHE_CONTROL = 'public, max-age=0, must-revalidate'

/** `If-None-Match` holds this ETag (or `*`); weak and strong forms compare alike. */
export const etagMatches = (ifNoneMatch: string | null | undefined, etag: string): boolean =>
  Boolean(ifNoneMatch) &&
  (ifNoneMatch!.trim() === '*' ||
    ifNoneMatch!.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))

/** A 200 with the cached body, or a 304 when the client already holds it. */
export const catalogResponseFor = (
  entry: CatalogEntry,
  ifNoneMatch: string | null | undefined,
): CatalogFastResponse => {
  const headers = { 'cache-control': CATALOG_CACHE_CONTROL, etag: entry.etag }
  return etagMatches(ifNoneMatch, entry.etag)
    ? { status: 304, headers, body: '' }
    : {
        status: 200,
        headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
        body: entry.body,
      }
}

/**
 * The fast path: the answer to a GET of a cached catalog URL, or undefined (not a catalog
 * read, or not cached: Next and the Payload endpoint answer and fill the cache).
 */
export const catalogFastResponse = (
  rawUrl: string,
  ifNoneMatch?: string | null,
): CatalogFastResponse | undefined => {
  const key = catalogKeyForUrl(rawUrl)
  const entry = key === undefined ? undefined : readCatalogEntry(key)
  return entry ? catalogResponseFor(entry, ifNoneMatch) : undefined
}

// server.mjs runs without a TypeScript loader: it reaches the fast path through globalThis.
holder.__photoPackagesCatalogFastPath = catalogFastResponse

/** How many bodies this process holds (staff tools and tests). */
export const catalogCacheSize = (): number => state().entries.size
