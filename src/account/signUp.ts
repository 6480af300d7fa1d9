import { createLocalReq, type Payload } from 'payload'

import { queueEmail } from '@/email/queue'
import { consumeRateLimit, type RateLimitRule } from '@/lib/rateLimiter'
import { inTransaction } from '@/lib/transactions'

import { addressKey } from './addressKey'
import { matchesDummyHash } from './passwordHash'
import { isUnverified, sendVerificationLink } from './verification'

/**
 * What every anonymous sign-up that passes the checks is answered (201), whether the address was
 * new (the account is made, unverified; the link that confirms it is mailed) or already had an
 * account (nothing is made; its owner is told by e-mail): the answer does not tell which addresses
 * are registered, and neither does a sign-in right after it (an unverified account answers as a
 * wrong password does).
 */
export const SIGN_UP_ANSWER = {
  message:
    'Thank you. We have sent an e-mail to the address you gave: open the link in it to finish signing up.',
} as const

/** At most one "someone tried to sign up" e-mail per address an hour: sign-ups must not flood an inbox. */
const NOTICE_RULE: RateLimitRule = { name: 'sign-up-notice', points: 1, durationSeconds: 3600 }

/**
 * A sign-up Payload refused because `email` already has an account: the owner gets the
 * `signUpAttempt` e-mail, or, when that account is still waiting to be confirmed, a new link that
 * confirms it (its first password stands); at most one e-mail an hour either way. The password is
 * hashed against a dummy, so the answer takes about as long as making an account. Returns false
 * when the address has no account (the refusal was for something else and stands).
 */
export const signUpForTakenAddress = async (
  payload: Payload,
  email: string,
  password: unknown,
): Promise<boolean> => {
  const address = email.trim().toLowerCase()
  const owner = await payload.db.findOne<{ id: number; _verified?: boolean | null }>({
    collection: 'users',
    where: { email: { equals: address } },
  })
  if (!owner) return false
  await matchesDummyHash(typeof password === 'string' ? password : '')
  if ((await consumeRateLimit(NOTICE_RULE, addressKey(address))) === null) {
    const req = await createLocalReq({}, payload)
    if (isUnverified(owner)) await inTransaction(req, (req) => sendVerificationLink(req, owner.id))
    else await queueEmail(req, { template: 'signUpAttempt', userId: owner.id, data: {} })
  }
  return true
}
