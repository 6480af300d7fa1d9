import { redisSubscriber, redisUrl } from './redis'

/**
 * How this process follows generation progress (src/generation/progressFanout.ts): `pubsub`
 * (Redis pub/sub, one subscription per node), `polling` (REDIS_URL is set but the subscription is
 * down: the node reads the events table every few seconds), `in-process` (no REDIS_URL: one
 * process writes and streams).
 */
export type ProgressMode = 'pubsub' | 'polling' | 'in-process'

// On globalThis: Next.js bundles the API routes and the ops routes separately; one process, one mode.
const holder = globalThis as typeof globalThis & { __photoPackagesProgressMode?: ProgressMode }

/** Set by the node's progress fan-out whenever its subscription is lost or back. */
export const reportProgressMode = (mode: ProgressMode): void => {
  holder.__photoPackagesProgressMode = mode
}

/** The mode the fan-out reported, or (before it started, and in a worker) as the connection stands. */
export const progressMode = (): ProgressMode => {
  if (holder.__photoPackagesProgressMode) return holder.__photoPackagesProgressMode
  if (!redisUrl()) return 'in-process'
  return redisSubscriber()?.status === 'ready' ? 'pubsub' : 'polling'
}
