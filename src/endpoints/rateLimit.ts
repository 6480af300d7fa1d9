import { type RateLimitRule } from '@/lib/rateLimiter'
import { settings } from '@/lib/settings'

export { consumeRateLimit, type RateLimitRule, setRateLimiterFactory } from '@/lib/rateLimiter'

/**
 * Per-client limits on the account endpoints (RATE_LIMIT_<NAME>_POINTS overrides the count).
 * They run before Payload sees the request. They bound how fast one client may try, not whom it
 * may lock out: wrong passwords are counted per account and client (src/account/loginThrottle.ts),
 * so no client can keep an account's owner out.
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
