import { Redis } from 'ioredis'

import { settings } from './settings'

/**
 * Redis for what app nodes and workers must share (catalog invalidation).
 * Without REDIS_URL (src/lib/settings.ts) every caller falls back to its in-process form,
 * so the single-process mode needs no Redis at all.
 */
export const redisUrl = (): string | null => settings().redisUrl ?? null

/** Prefix of every key and channel this app uses (REDIS_PREFIX; tests set a unique one per run). */
export const redisPrefix = (): string => settings().redisPrefix

// On globalThis: Next.js bundles the admin and the API separately; one process, one connection.
const holder = globalThis as typeof globalThis & {
  __photoPackagesRedis?: { client?: Redis; subscriber?: Redis }
}

/**
 * Gives an ioredis connection its error listener (without one, ioredis prints "Unhandled error
 * event" on every reconnect attempt, about 8 KB/s) and logs one line per change of state: lost
 * (with the first error), and back. ioredis reconnects by itself meanwhile. Every connection the
 * app opens goes through here, @payloadcms/kv-redis's included (payload.config.ts).
 */
export const watchRedis = <T extends Redis>(client: T, name: string): T => {
  let down = false
  client.on('error', (error: Error) => {
    if (down) return
    down = true
    console.error(`redis (${name}): connection lost: ${error.message}; reconnecting quietly`)
  })
  client.on('ready', () => {
    if (!down) return
    down = false
    console.error(`redis (${name}): connected again`)
  })
  return client
}

const connect = (url: string, name: string): Redis =>
  watchRedis(
    new Redis(url, { connectionName: name, maxRetriesPerRequest: 2, enableOfflineQueue: true }),
    name,
  )

/** The shared command connection, or null without REDIS_URL. */
export const redisClient = (): Redis | null => {
  const url = redisUrl()
  if (!url) return null
  holder.__photoPackagesRedis ??= {}
  holder.__photoPackagesRedis.client ??= connect(url, 'photo-packages')
  return holder.__photoPackagesRedis.client
}

/** A second connection for SUBSCRIBE (a subscribed connection runs no other commands), or null. */
export const redisSubscriber = (): Redis | null => {
  const url = redisUrl()
  if (!url) return null
  holder.__photoPackagesRedis ??= {}
  holder.__photoPackagesRedis.subscriber ??= connect(url, 'photo-packages-subscriber')
  return holder.__photoPackagesRedis.subscriber
}

/** Closes both connections (scripts and tests that must exit). */
export const closeRedis = async (): Promise<void> => {
  const { client, subscriber } = holder.__photoPackagesRedis ?? {}
  holder.__photoPackagesRedis = {}
  await Promise.all([client?.quit().catch(() => undefined), subscriber?.quit().catch(() => undefined)])
}
