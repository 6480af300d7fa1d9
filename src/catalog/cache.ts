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
  /**
   * The fast path's two answers, built once per entry: the body's bytes with their
   * Content-Length (a body without one goes out chunked), and the 304.
   */
  fast: { ok: CatalogFastResponse; notModified: CatalogFastResponse }
}

export interface CatalogFastResponse {
  status: 200 | 304
  headers: Record<string, string>
  body: string | Buffer
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
  keyOf(view, scope, monthDayOf(now))

const keyOf = (view: CatalogView, scope: string | undefined, day: string): string =>
  `${view}:${scope ?? '*'}@${day}`

// Today's month-day for the fast path, worked out once a day rather than on every request.
let today = { day: '', until: 0 }
const todayNow = (): string => {
  const now = Date.now()
  if (now >= today.until) {
    const date = new Date(now)
    const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)
    today = { day: monthDayOf(date), until: midnight }
  }
  return today.day
}

const CATALOG_PATH = /^\/api\/(?:packages(?:\/([a-z0-9-]{1,120})(?:\/(themes|pricing))?)?|(bundles))$/

/**
 * The key of a public catalog URL, or undefined when it is not a cacheable read (another
 * path, or any query parameter but `category` on the list: `?at=` is never cached).
 */
export const catalogKeyForUrl = (rawUrl: string, now?: Date): string | undefined => {
  // A plain path (the common case) needs no URL parsing.
  const plain = !rawUrl.includes('?') && rawUrl.startsWith('/')
  const url = plain ? undefined : new URL(rawUrl, 'http://local')
  const match = CATALOG_PATH.exec(url ? url.pathname : rawUrl)
  if (!match) return undefined
  const [, slug, part, bundles] = match
  const view: CatalogView = bundles
    ? 'bundles'
    : ((part as CatalogView | undefined) ?? (slug ? 'package' : 'packages'))
  const allowed = view === 'packages' ? ['category'] : []
  if (url && [...url.searchParams.keys()].some((key) => !allowed.includes(key))) return undefined
  const scope = view === 'packages' ? (url?.searchParams.get('category') ?? undefined) : slug
  return keyOf(view, scope, now ? monthDayOf(now) : todayNow())
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

export const CATALOG_CACHE_CONTROL = 'public, max-age=0, must-revalidate'
const JSON_TYPE = 'application/json; charset=utf-8'

/** Caches `body` under `key` (unless the TTL is 0) and returns the entry with its ETag. */
export const storeCatalogBody = (key: string, body: string): CatalogEntry => {
  const ttl = ttlMs()
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
  const bytes = Buffer.from(body)
  const headers = { 'cache-control': CATALOG_CACHE_CONTROL, etag }
  const entry: CatalogEntry = {
    body,
    etag,
    expiresAt: Date.now() + ttl,
    fast: {
      ok: {
        status: 200,
        headers: { ...headers, 'content-type': JSON_TYPE, 'content-length': String(bytes.length) },
        body: bytes,
      },
      notModified: { status: 304, headers, body: '' },
    },
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

/** `If-None-Match` holds this ETag (or `*`); weak and strong forms compare alike. */
export const etagMatches = (ifNoneMatch: string | null | undefined, etag: string): boolean =>
  Boolean(ifNoneMatch) &&
  (ifNoneMatch!.trim() === '*' ||
    ifNoneMatch!.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))

/** A 200 with the cached body, or a 304 when the client already holds it. */
export const catalogResponseFor = (
  entry: CatalogEntry,
  ifNoneMatch: string | null | undefined,
): CatalogFastResponse & { body: string } => {
  const headers = { 'cache-control': CATALOG_CACHE_CONTROL, etag: entry.etag }
  return etagMatches(ifNoneMatch, entry.etag)
    ? { status: 304, headers, body: '' }
    : {
        status: 200,
        headers: { ...headers, 'content-type': JSON_TYPE },
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
  if (!entry) return undefined
  return etagMatches(ifNoneMatch, entry.etag) ? entry.fast.notModified : entry.fast.ok
}

// server.mjs runs without a TypeScript loader: it reaches the fast path through globalThis.
holder.__photoPackagesCatalogFastPath = catalogFastResponse

/** How many bodies this process holds (staff tools and tests). */
export const catalogCacheSize = (): number => state().entries.size
