import type { Payload } from 'payload'

import { redisClient, redisPrefix, redisSubscriber } from '@/lib/redis'

const channel = (): string => `${redisPrefix()}jobs:generation`

/**
 * Tells the workers a generation job was just queued (Redis pub/sub), so a separate worker
 * starts it at once instead of at its next poll (every 5 s). Resolves false without Redis or
 * when the publish fails: the poll then is the only way, and nothing is lost.
 */
export const announceQueuedGeneration = async (): Promise<boolean> => {
  const redis = redisClient()
  if (!redis) return false
  try {
    await redis.publish(channel(), '1')
    return true
  } catch {
    return false
  }
}

/**
 * In a worker: runs `runQueued` on every announcement. Runs never overlap; announcements that
 * arrive during a run cause one more run right after it, so a burst costs a few runs, not one
 * each. Resolves false (and listens to nothing) without REDIS_URL.
 */
export const listenForQueuedGenerations = async (
  payload: Payload,
  runQueued: () => Promise<unknown>,
): Promise<boolean> => {
  const subscriber = redisSubscriber()
  if (!subscriber) return false
  let running = false
  let again = false
  const drain = async () => {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      do {
        again = false
        await runQueued().catch((error: unknown) =>
          payload.logger.error({ err: error, msg: 'running queued generations failed' }),
        )
      } while (again)
    } finally {
      running = false
    }
  }
  subscriber.on('message', (from: string) => {
    if (from === channel()) void drain()
  })
  await subscriber.subscribe(channel())
  return true
}
