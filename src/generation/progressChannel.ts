import { EventEmitter } from 'node:events'

import type { ProgressMode } from '@/lib/progressMode'
import { redisClient, redisPrefix, redisSubscriber } from '@/lib/redis'

import type { GenerationStatusView } from './generationStatus'

/** One change of a generation's status view: `seq` counts from 1 per generation, in commit order. */
export interface ProgressEvent {
  generationId: number
  seq: number
  view: GenerationStatusView
}

export type { ProgressMode }

const channel = (): string => `${redisPrefix()}generation-events`

// On globalThis: Next.js bundles the API routes separately; one process, one emitter and one subscription.
const holder = globalThis as typeof globalThis & {
  __photoPackagesProgressChannel?: { emitter: EventEmitter; owed: ProgressEvent[]; flushing: boolean }
}
const state = () => {
  if (!holder.__photoPackagesProgressChannel) {
    const emitter = new EventEmitter()
    emitter.setMaxListeners(0)
    holder.__photoPackagesProgressChannel = { emitter, owed: [], flushing: false }
  }
  return holder.__photoPackagesProgressChannel
}

/** Events whose publish failed, kept for when Redis is back (the table has them meanwhile). */
const MAX_OWED = 1000

const send = async (event: ProgressEvent): Promise<void> => {
  const redis = redisClient()
  if (!redis) {
    state().emitter.emit('event', event)
    return
  }
  try {
    await redis.publish(channel(), JSON.stringify(event))
  } catch (error) {
    const { owed } = state()
    if (owed.length === 0) {
      console.error(`progress events not published (sent when Redis is back): ${(error as Error).message}`)
      redis.once('ready', () => void flushOwed())
    }
    owed.push(event)
    if (owed.length > MAX_OWED) owed.shift()
  }
}

const flushOwed = async () => {
  const current = state()
  if (current.flushing) return
  current.flushing = true
  try {
    for (const event of current.owed.splice(0)) await send(event)
  } finally {
    current.flushing = false
  }
}

/**
 * Tells every node about one committed change: Redis pub/sub when REDIS_URL is set, else this
 * process's emitter. Never throws: a failed publish is kept and sent again once Redis is back, and
 * nodes without Redis read the table meanwhile (src/generation/progressFanout.ts).
 */
export const publishProgress = (event: ProgressEvent): Promise<void> => send(event)

/**
 * Subscribes this process once (Redis, or the emitter without it) and calls `onEvent` for every
 * event, and `onMode` whenever the subscription is lost (`polling`) or back (`pubsub`, after it
 * subscribed again: the caller then reads what it missed from the table).
 */
export const listenForProgress = (
  onEvent: (event: ProgressEvent) => void,
  onMode: (mode: ProgressMode) => void,
): void => {
  const subscriber = redisSubscriber()
  if (!subscriber) {
    state().emitter.on('event', onEvent)
    onMode('in-process')
    return
  }
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel()) return
    try {
      onEvent(JSON.parse(message) as ProgressEvent)
    } catch {
      // Not ours: nothing else publishes on this channel.
    }
  })
  subscriber.on('close', () => onMode('polling'))
  subscriber.on('ready', () => {
    subscriber
      .subscribe(channel())
      .then(() => onMode('pubsub'))
      .catch(() => onMode('polling'))
  })
  onMode('polling')
  // Not awaited: while Redis is away the node polls, and ioredis subscribes once it is back.
  subscriber
    .subscribe(channel())
    .then(() => onMode('pubsub'))
    .catch(() => onMode('polling'))
}
