import { randomUUID } from 'node:crypto'

import { redisClient, redisPrefix, redisSubscriber } from '@/lib/redis'
import { revalidateTagNow } from '@/next/revalidateTag'

import { clearCatalogCache } from './cache'

/** Next's cache tag on every catalog read of the pages (src/next/payloadServer.ts). */
export const CATALOG_TAG = 'catalog'

const channel = (): string => `${redisPrefix()}catalog:invalidate`
const holder = globalThis as typeof globalThis & {
  __photoPackagesCatalogNode?: { id: string; listening: boolean }
}
const node = () => (holder.__photoPackagesCatalogNode ??= { id: randomUUID(), listening: false })

/**
 * After any catalog change: clears this process's catalog cache and Next's `catalog` tag, and
 * tells every other node through Redis pub/sub (REDIS_URL) to do the same. `disableRevalidate`
 * (Payload's context convention) skips Next's tag for bulk writes such as the seed. Outside a
 * Next.js request Next cannot revalidate; the cache generation in the page-cache keys covers that.
 * A Redis outage is logged, never thrown: the edit itself has been saved.
 */
export const invalidateCatalog = async (options: { disableRevalidate?: unknown } = {}): Promise<void> => {
  clearCatalogCache()
  if (!options.disableRevalidate) await revalidateTagNow(CATALOG_TAG)
  const redis = redisClient()
  if (redis) {
    await redis
      .publish(channel(), node().id)
      .catch((error: Error) => console.error(`catalog invalidation not sent: ${error.message}`))
  }
}

/** Subscribes this process to other nodes' invalidations (once; no-op without REDIS_URL). */
export const listenForCatalogInvalidations = async (): Promise<void> => {
  const subscriber = redisSubscriber()
  if (!subscriber || node().listening) return
  node().listening = true
  subscriber.on('message', (from: string, sender: string) => {
    if (from !== channel() || sender === node().id) return
    clearCatalogCache()
    void revalidateTagNow(CATALOG_TAG)
  })
  await subscriber.subscribe(channel())
}
