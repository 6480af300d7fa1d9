import { tooManyRequests } from '@/lib/errors'
import { metrics } from '@/lib/metrics'
import { consumeRateLimit, type RateLimitRule, resetRateLimit } from '@/lib/rateLimiter'
import { settings } from '@/lib/settings'

import { addressKey } from './addressKey'

/**
 * Wrong passwords are counted per account AND client (LOGIN_MAX_FAILURES within
 * LOGIN_LOCK_MINUTES, then that client waits LOGIN_LOCK_MINUTES for that account), in Redis with
 * REDIS_URL (every node counts together), else in this process. An attacker can lock only
 * themself out: the owner signing in from another client is not counted with them. This replaces
 * Payload's maxLoginAttempts, which locks the account for everyone.
 */
const rule = (): RateLimitRule => {
  const { maxFailures, minutes } = settings().loginLock
  return {
    name: 'password-tries',
    points: maxFailures,
    durationSeconds: minutes * 60,
    blockDurationSeconds: minutes * 60,
  }
}

const inWords = (seconds: number): string =>
  seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} minutes`

/**
 * The limiter's key for one account and client: an address names one account per studio (issue
 * 24), so a customer's `studio` is part of it; staff (no studio) are counted by address alone.
 */
const accountKey = (email: string, client: string, studio: number | null) =>
  studio === null ? addressKey(email, client) : addressKey(email, client, `studio:${studio}`)

/**
 * Takes one try at the password of the account `email` names in `studio` (null: staff) for
 * `client`, before the password is checked; a right password gives it back (forgetPasswordTries).
 * Errors: 429 with `retryAfter` (seconds) once this client has had LOGIN_MAX_FAILURES wrong
 * passwords for this account.
 */
export const takePasswordTry = async (
  email: string,
  client: string,
  studio: number | null = null,
): Promise<void> => {
  const retryAfter = await consumeRateLimit(rule(), accountKey(email, client, studio))
  if (retryAfter === null) return
  metrics().passwordChecks.inc({ outcome: 'locked' })
  throw tooManyRequests(
    `Too many wrong passwords for this account from your network. Try again in ${inWords(retryAfter)}, or reset your password.`,
    { retryAfter },
  )
}

/** A right password: this client's count for this account starts again. */
export const forgetPasswordTries = (
  email: string,
  client: string,
  studio: number | null = null,
): Promise<void> => resetRateLimit(rule(), accountKey(email, client, studio))
