import { createLocalReq, type Payload } from 'payload'

import { queueEmail } from '@/email/queue'
import { consumeRateLimit, type RateLimitRule } from '@/lib/rateLimiter'

import { addressKey } from './addressKey'
import { matchesDummyHash } from './passwordHash'

/**
 * What every anonymous sign-up that passes the checks is answered (201), whether the address was
 * new (the account is made; its welcome e-mail is queued) or already had an account (nothing is
 * made; its owner is told by e-mail): the answer does not tell which addresses are registered.
 */
export const SIGN_UP_ANSWER = {
  message: 'Thank you. We have sent an e-mail to the address you gave.',
} as const

/** At most one "someone tried to sign up" e-mail per address an hour: sign-ups must not flood an inbox. */
const NOTICE_RULE: RateLimitRule = { name: 'sign-up-notice', points: 1, durationSeconds: 3600 }

/**
 * A sign-up Payload refused because `email` already has an account: the owner gets the
 * `signUpAttempt` e-mail (at most one an hour) and the password is hashed against a dummy, so the
 * answer takes about as long as making an account. Returns false when the address has no
 * account (the refusal was for something else and stands).
 */
export const signUpForTakenAddress = async (
  payload: Payload,
  email: string,
  password: unknown,
): Promise<boolean> => {
  const address = email.trim().toLowerCase()
  const owner = await payload.db.findOne<{ id: number }>({
    collection: 'users',
    where: { email: { equals: address } },
  })
  if (!owner) return false
  await matchesDummyHash(typeof password === 'string' ? password : '')
  if ((await consumeRateLimit(NOTICE_RULE, addressKey(address))) === null) {
    const req = await createLocalReq({}, payload)
    await queueEmail(req, { template: 'signUpAttempt', userId: owner.id, data: {} })
  }
  return true
}
