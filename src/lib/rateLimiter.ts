import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible'

import { redisClient, redisPrefix } from './redis'

/**
 * One limited action: `points` per key every `durationSeconds`; past them the key waits
 * `blockDurationSeconds` (default: until the window ends).
 */
export interface RateLimitRule {
  name: string
  points: number
  durationSeconds: number
  blockDurationSeconds?: number
}

/**
 * Builds the limiter for a rule. With REDIS_URL the counts live in Redis, so every app node
 * counts together; without, in this process's memory. Tests may swap in another store through
 * setRateLimiterFactory before the first request.
 */
export type RateLimiterFactory = (rule: RateLimitRule) => RateLimiterAbstract

const sharedOrMemoryStore: RateLimiterFactory = (rule) => {
  const redis = redisClient()
  // The limit is part of the key: nodes configured alike share one counter per client.
  const keyPrefix = `${redis ? redisPrefix() : 'pp-'}rate:${ruleKey(rule)}`
  const options = {
    keyPrefix,
    points: rule.points,
    duration: rule.durationSeconds,
    blockDuration: rule.blockDurationSeconds ?? 0,
  }
  return redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options)
}

const ruleKey = (rule: RateLimitRule): string =>
  `${rule.name}:${rule.points}:${rule.durationSeconds}${rule.blockDurationSeconds ? `:${rule.blockDurationSeconds}` : ''}`

let factory: RateLimiterFactory = sharedOrMemoryStore
const limiters = new Map<string, RateLimiterAbstract>()

export const setRateLimiterFactory = (next: RateLimiterFactory): void => {
  factory = next
  limiters.clear()
}

const limiterFor = (rule: RateLimitRule): RateLimiterAbstract => {
  const key = ruleKey(rule)
  let limiter = limiters.get(key)
  if (!limiter) {
    limiter = factory(rule)
    limiters.set(key, limiter)
  }
  return limiter
}

/**
 * Takes one point for `key` under `rule`: null when allowed, else the seconds until the next
 * one may pass (for Retry-After). A store failure lets the request through: an outage of the
 * limiter's store must not take sign-in down with it.
 */
export const consumeRateLimit = async (rule: RateLimitRule, key: string): Promise<number | null> => {
  try {
    await limiterFor(rule).consume(key)
    return null
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
    return null
  }
}

/** Forgets `key`'s count under `rule` (a success that ends a run of failures). Store failures are ignored. */
export const resetRateLimit = async (rule: RateLimitRule, key: string): Promise<void> => {
  await limiterFor(rule)
    .delete(key)
    .catch(() => undefined)
}
