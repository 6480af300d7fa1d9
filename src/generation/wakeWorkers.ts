import { redisClient, redisPrefix, redisSubscriber } from '@/lib/redis'

const channel = (): string => `${redisPrefix()}jobs:generation`

/**
 * Tells the workers a generation job was just queued (Redis pub/sub), so a separate worker
 * starts it at once instead of at its next look (GENERATION_POLL_MS). Resolves false without Redis or
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
 * In a process that runs the generation queue: calls `onAnnouncement` on every announcement
 * and after every reconnection (src/generation/generationLanes.ts wakes its idle lanes).
 * Resolves false (and listens to nothing) without REDIS_URL.
 */
export const listenForQueuedGenerations = async (onAnnouncement: () => void): Promise<boolean> => {
  const subscriber = redisSubscriber()
  if (!subscriber) return false
  subscriber.on('message', (from: string) => {
    if (from === channel()) onAnnouncement()
  })
  await subscriber.subscribe(channel())
  // Pub/sub keeps no messages: after a lapse (Redis restarted, the network dropped) look at once
  // for what was announced meanwhile instead of at the next periodic look. ioredis subscribes
  // again by itself (autoResubscribe).
  subscriber.on('ready', onAnnouncement)
  return true
}
