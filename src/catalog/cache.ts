import { createHash, randomUUID } from 'node:crypto'

import { LRUCache } from 'lru-cache'

import { settings } from '@/lib/settings'
import { announceCatalogPurge } from '@server/contract.mjs'

import { monthDayOf } from './season'

/**
 * The catalog cache's one home: the response bodies of the public catalog reads, their keys
 * and ETags, and the Surrogate-Control that lets the production front (server/front.mjs) keep a
 * copy. State lives on globalThis: Next.js bundles the admin and the API separately, and a
 * module-level cache could exist twice in one process. Cleared by ./invalidate.ts.
 */
export type CatalogView = 'bundles' | 'packages' | 'package' | 'themes' | 'pricing'

export interface CatalogEntry {
  body: string
  /** Strong validator of `body`: `"<sha1 base64url>"`. */
  etag: string
  /** Epoch ms after which the entry is no longer served: its TTL, or the end of its UTC day. */
  expiresAt: number
  /** Whether the cache holds it: a body built across an invalidation is served once, not kept. */
  kept: boolean
}

/** Bodies kept per process: one per view and package (about 5 × packages + categories). */
const MAX_ENTRIES = 2000

interface CatalogState {
  entries: LRUCache<string, CatalogEntry>
  /** Changes on every invalidation: part of Next's data-cache keys, so no node reads a stale page cache. */
  generation: string
}

/** PACKAGE_CACHE_TTL in ms (default 5 min); 0 turns the cache off. */
const ttlMs = (): number => settings().packageCacheTtlMs

const holder = globalThis as typeof globalThis & { __photoPackagesCatalog?: CatalogState }

const state = (): CatalogState => {
  holder.__photoPackagesCatalog ??= {
    entries: new LRUCache({ max: MAX_ENTRIES }),
    generation: `${randomUUID()}.0`,
  }
  return holder.__photoPackagesCatalog
}

/**
 * The one key function. A key carries today's (UTC) date, so seasonal themes roll over at
 * midnight without waiting for the TTL.
 */
export const catalogCacheKey = (view: CatalogView, scope: string | undefined, now = new Date()): string =>
  `${view}:${scope ?? '*'}@${monthDayOf(now)}`

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
 * Caches `body` under `key` (unless the TTL is 0) and returns the entry with its ETag.
 * `generation` is catalogGeneration() read before the body was built: when an invalidation
 * came in meanwhile the body may be stale, so it is returned but not kept.
 */
export const storeCatalogBody = (
  key: string,
  body: string,
  generation = catalogGeneration(),
): CatalogEntry => {
  const ttl = ttlMs()
  const now = Date.now()
  const entry: CatalogEntry = {
    body,
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    expiresAt: Math.min(now + ttl, nextUtcMidnight(now)),
    kept: ttl > 0 && generation === catalogGeneration(),
  }
  if (entry.kept) state().entries.set(key, entry)
  return entry
}

/**
 * Drops every cached body of this process, starts a new cache generation, and tells the purge
 * listeners (server/contract.mjs): when this process is the front's Next.js child, server/app.mjs
 * listens and passes the purge on to the front, which drops its copies too.
 */
export const clearCatalogCache = (): void => {
  const current = state()
  current.entries.clear()
  const [boot, count] = current.generation.split('.')
  current.generation = `${boot}.${Number(count) + 1}`
  announceCatalogPurge()
}

/** Part of Next's data-cache keys for catalog reads; see CatalogState.generation. */
export const catalogGeneration = (): string => state().generation

/** `If-None-Match` holds this ETag (or `*`); weak and strong forms compare alike (RFC 9110 §13.1.2). */
export const etagMatches = (ifNoneMatch: string | null | undefined, etag: string): boolean =>
  Boolean(ifNoneMatch) &&
  (ifNoneMatch!.trim() === '*' ||
    ifNoneMatch!.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))

/**
 * The headers of a catalog answer. `Surrogate-Control: max-age=<s>` (Edge Architecture 1.0)
 * tells the front how long it may keep its copy: the entry's remaining life in whole seconds.
 * The front removes it; `no-transform` keeps Next from compressing the body the front stores.
 */
export const catalogHeaders = (entry: CatalogEntry, now = Date.now()): Record<string, string> => {
  const headers: Record<string, string> = { 'cache-control': CATALOG_CACHE_CONTROL, etag: entry.etag }
  const seconds = Math.floor((entry.expiresAt - now) / 1000)
  if (entry.kept && seconds > 0) headers['surrogate-control'] = `max-age=${seconds}`
  return headers
}

/** How many bodies this process holds (staff tools and tests). */
export const catalogCacheSize = (): number => state().entries.size
