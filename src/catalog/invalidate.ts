import { randomUUID } from 'node:crypto'

import { redisClient, redisPrefix, redisSubscriber } from '@/lib/redis'
import { forgetStudioDirectory } from '@/studios/resolveStudio'

import { clearCatalogCache } from './cache'

/** Next's cache tag on every catalog read of the pages (src/next/payloadServer.ts): a full purge. */
export const CATALOG_TAG = 'catalog'

/** Next's cache tag on the catalog (and branding) reads of studio `studio`'s pages, beside CATALOG_TAG. */
export const catalogStudioTag = (studio: number): string => `${CATALOG_TAG}:studio:${studio}`

/** Clears the pages cached under a tag; resolves, never rejects. */
export type TagRevalidator = (tag: string) => Promise<void>

/** Which catalogs an invalidation covers: studio ids, or undefined for every studio's (a full purge). */
type Scope = readonly number[] | undefined

/**
 * What goes over Redis (channel `<REDIS_PREFIX>catalog:invalidate`), as JSON: the sending node's id
 * and the studios (null: all). Before per-studio invalidation the message was the bare node id;
 * such a message reads as a full purge.
 */
interface InvalidationMessage {
  node: string
  studios: number[] | null
}

const channel = (): string => `${redisPrefix()}catalog:invalidate`
const holder = globalThis as typeof globalThis & {
  __photoPackagesCatalogNode?: { id: string; listening: boolean; owed: { studios: Scope } | null }
}
const node = () => (holder.__photoPackagesCatalogNode ??= { id: randomUUID(), listening: false, owed: null })

/**
 * Who clears Next's pages on a catalog change: the plugin registers the Next edge's
 * revalidateTagNow (src/next/revalidateTag.ts) when the config is built, so the catalog, a lower
 * room, never imports the Next edge. Held by this module, as the import was: each bundle that
 * builds the config registers its own. Until one is registered, no tag is revalidated.
 */
let revalidateTag: TagRevalidator | undefined
export const revalidatePagesWith = (revalidate: TagRevalidator): void => {
  revalidateTag = revalidate
}

const revalidatePages = async (studios: Scope): Promise<void> => {
  if (!revalidateTag) return
  if (!studios) return revalidateTag(CATALOG_TAG)
  for (const studio of studios) await revalidateTag(catalogStudioTag(studio))
}

/** Clears this process's catalog cache for `studios`; a full purge also forgets the studios' hosts. */
const clearHere = (studios: Scope): void => {
  if (!studios) forgetStudioDirectory()
  clearCatalogCache(studios)
}

/** The studio ids of `studio` (duplicates and non-ids dropped), or undefined (all) when none is left. */
const scopeOf = (studio: number | readonly number[] | null | undefined): Scope => {
  const ids = (Array.isArray(studio) ? studio : [studio]).filter(
    (id): id is number => typeof id === 'number' && Number.isInteger(id),
  )
  return ids.length ? [...new Set(ids)] : undefined
}

/** Both scopes in one: all when either is all. */
const widen = (a: Scope, b: Scope): Scope => (a && b ? [...new Set([...a, ...b])] : undefined)

/**
 * After a catalog (or studio) change: clears this process's catalog cache, Next's tag and the
 * front's copies for the changed studio(s) only, and tells every other node through Redis pub/sub
 * (REDIS_URL) to do the same. `studio`: the id (or ids: a document moved from one studio to
 * another names both) of the studio whose catalog changed; without one (or with null) every
 * studio's is cleared, with this process's list of studios' hosts (src/studios/resolveStudio.ts):
 * image-model changes, a studio's own hosts or status, anything whose reach is unknown.
 * `disableRevalidate` (Payload's context convention) skips Next's tag for bulk writes such as the
 * seed. Outside a Next.js request Next cannot revalidate; the studio's cache generation in the
 * page-cache keys covers that. A Redis outage is logged, never thrown: the edit itself has been
 * saved, and the message goes out when the connection is back (listenForCatalogInvalidations).
 */
export const invalidateCatalog = async (
  options: { studio?: number | readonly number[] | null; disableRevalidate?: unknown } = {},
): Promise<void> => {
  const studios = scopeOf(options.studio)
  clearHere(studios)
  if (!options.disableRevalidate) await revalidatePages(studios)
  const owed = node().owed
  node().owed = null
  await publish(owed ? widen(owed.studios, studios) : studios)
}

/** Publishes an invalidation of `studios`; on failure it is owed (merged with any owed already). */
const publish = async (studios: Scope): Promise<void> => {
  const redis = redisClient()
  if (!redis) return
  try {
    const message: InvalidationMessage = { node: node().id, studios: studios ? [...studios] : null }
    await redis.publish(channel(), JSON.stringify(message))
  } catch (error) {
    const owed = node().owed
    node().owed = { studios: owed ? widen(owed.studios, studios) : studios }
    console.error(`catalog invalidation not sent (sent when Redis is back): ${(error as Error).message}`)
  }
}

/**
 * Reads a message from the channel: its sender and studios (undefined: all). A bare node id (an
 * older node's message) or anything unreadable is a full purge from that sender.
 */
export const readInvalidation = (text: string): { sender: string; studios: Scope } => {
  try {
    const message = JSON.parse(text) as Partial<InvalidationMessage> | null
    if (message && typeof message === 'object' && typeof message.node === 'string')
      return {
        sender: message.node,
        studios: Array.isArray(message.studios) ? scopeOf(message.studios) : undefined,
      }
  } catch {
    // Not JSON: an older node's bare id.
  }
  return { sender: text, studios: undefined }
}

/**
 * Subscribes this process to other nodes' invalidations (once; no-op without REDIS_URL): each
 * clears what its sender names. Pub/sub keeps no messages: after a lapse (Redis restarted, the
 * network dropped) this node may have missed some, so on every reconnection it subscribes again
 * and then clears its whole cache, and sends any invalidation of its own that could not go out
 * meanwhile (owed ones merged into one; it may have widened to all).
 */
export const listenForCatalogInvalidations = async (): Promise<void> => {
  const subscriber = redisSubscriber()
  if (!subscriber || node().listening) return
  node().listening = true
  const clear = (studios: Scope) => {
    clearHere(studios)
    void revalidatePages(studios)
  }
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel()) return
    const { sender, studios } = readInvalidation(text)
    if (sender !== node().id) clear(studios)
  })
  await subscriber.subscribe(channel())
  subscriber.on('ready', () => {
    subscriber
      .subscribe(channel())
      .then(() => clear(undefined))
      .catch((error: Error) => console.error(`catalog invalidations not resubscribed: ${error.message}`))
  })
  redisClient()?.on('ready', () => {
    const owed = node().owed
    if (!owed) return
    node().owed = null
    void publish(owed.studios)
  })
}
