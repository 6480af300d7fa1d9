import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible'

import { redisClient, redisPrefix } from '@/lib/redis'
import { settings } from '@/lib/settings'

/** One limited action: `points` requests per client every `durationSeconds`. */
export interface RateLimitRule {
  name: string
  points: number
  durationSeconds: number
}

/**
 * Builds the limiter for a rule. With REDIS_URL the counts live in Redis, so every app node
 * counts a client's requests together; without, in this process's memory. Tests may swap in
 * another store through setRateLimiterFactory before the first request.
 */
export type RateLimiterFactory = (rule: RateLimitRule) => RateLimiterAbstract

const sharedOrMemoryStore: RateLimiterFactory = (rule) => {
  const redis = redisClient()
  // The limit is part of the key: nodes configured alike share one counter per client.
  const keyPrefix = `${redis ? redisPrefix() : 'pp-'}rate:${rule.name}:${rule.points}:${rule.durationSeconds}`
  const options = { keyPrefix, points: rule.points, duration: rule.durationSeconds }
  return redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options)
}

let factory: RateLimiterFactory = sharedOrMemoryStore
const limiters = new Map<string, RateLimiterAbstract>()

export const setRateLimiterFactory = (next: RateLimiterFactory): void => {
  factory = next
  limiters.clear()
}

/**
 * Per-client limits on the account endpoints (RATE_LIMIT_<NAME>_POINTS overrides the count).
 * They run before Payload sees the request, so a flood from one client never moves an
 * account's failed-login counter and cannot keep its owner locked out.
 */
export const authRateLimits = (): Record<
  'login' | 'signup' | 'forgotPassword' | 'resetPassword',
  RateLimitRule
> => {
  const points = settings().rateLimitPoints
  return {
    login: { name: 'login', points: points.login ?? 20, durationSeconds: 60 },
    signup: { name: 'signup', points: points.signup ?? 10, durationSeconds: 600 },
    forgotPassword: { name: 'forgot-password', points: points.forgotPassword ?? 5, durationSeconds: 600 },
    resetPassword: { name: 'reset-password', points: points.resetPassword ?? 10, durationSeconds: 600 },
  }
}

/**
 * Takes one point for `client` under `rule`: null when allowed, else the seconds until the
 * next request may pass (for Retry-After). A store failure lets the request through: an
 * outage of the limiter's store must not take sign-in down with it.
 */
export const consumeRateLimit = async (rule: RateLimitRule, client: string): Promise<number | null> => {
  const key = `${rule.name}:${rule.points}:${rule.durationSeconds}`
  let limiter = limiters.get(key)
  if (!limiter) {
    limiter = factory(rule)
    limiters.set(key, limiter)
  }
  try {
    await limiter.consume(client)
    return null
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
    return null
  }
}
