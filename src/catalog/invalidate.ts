import { randomUUID } from 'node:crypto'

import { redisClient, redisPrefix, redisSubscriber } from '@/lib/redis'

import { clearCatalogCache } from './cache'

/** Next's cache tag on every catalog read of the pages (src/next/payloadServer.ts). */
export const CATALOG_TAG = 'catalog'

/** Clears the pages cached under a tag; resolves, never rejects. */
export type TagRevalidator = (tag: string) => Promise<void>

const channel = (): string => `${redisPrefix()}catalog:invalidate`
const holder = globalThis as typeof globalThis & {
  __photoPackagesCatalogNode?: { id: string; listening: boolean; owed: boolean }
}
const node = () => (holder.__photoPackagesCatalogNode ??= { id: randomUUID(), listening: false, owed: false })

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

const revalidatePages = async (): Promise<void> => {
  await revalidateTag?.(CATALOG_TAG)
}

/**
 * After any catalog change: clears this process's catalog cache and Next's `catalog` tag, and
 * tells every other node through Redis pub/sub (REDIS_URL) to do the same. `disableRevalidate`
 * (Payload's context convention) skips Next's tag for bulk writes such as the seed. Outside a
 * Next.js request Next cannot revalidate; the cache generation in the page-cache keys covers that.
 * A Redis outage is logged, never thrown: the edit itself has been saved, and the message goes
 * out when the connection is back (listenForCatalogInvalidations).
 */
export const invalidateCatalog = async (options: { disableRevalidate?: unknown } = {}): Promise<void> => {
  clearCatalogCache()
  if (!options.disableRevalidate) await revalidatePages()
  await publishInvalidation()
}

const publishInvalidation = async (): Promise<void> => {
  const redis = redisClient()
  if (!redis) return
  try {
    await redis.publish(channel(), node().id)
    node().owed = false
  } catch (error) {
    node().owed = true
    console.error(`catalog invalidation not sent (sent when Redis is back): ${(error as Error).message}`)
  }
}

/**
 * Subscribes this process to other nodes' invalidations (once; no-op without REDIS_URL). Pub/sub
 * keeps no messages: after a lapse (Redis restarted, the network dropped) this node may have
 * missed some, so on every reconnection it subscribes again and then clears its cache, and sends
 * any invalidation of its own that could not go out meanwhile.
 */
export const listenForCatalogInvalidations = async (): Promise<void> => {
  const subscriber = redisSubscriber()
  if (!subscriber || node().listening) return
  node().listening = true
  const clear = () => {
    clearCatalogCache()
    void revalidatePages()
  }
  subscriber.on('message', (from: string, sender: string) => {
    if (from !== channel() || sender === node().id) return
    clear()
  })
  await subscriber.subscribe(channel())
  subscriber.on('ready', () => {
    subscriber
      .subscribe(channel())
      .then(clear)
      .catch((error: Error) => console.error(`catalog invalidations not resubscribed: ${error.message}`))
  })
  redisClient()?.on('ready', () => {
    if (node().owed) void publishInvalidation()
  })
}
