import { createLocalReq, type Payload } from 'payload'

import { queueEmail } from '@/email/queue'
import { consumeRateLimit, type RateLimitRule } from '@/lib/rateLimiter'
import { inTransaction } from '@/lib/transactions'

import { findAccount } from './accountScope'
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
 * A sign-up Payload refused because `email` already has an account at this site's studio (or is staff's): the owner gets the
 * `signUpAttempt` e-mail, or, when that account is still waiting to be confirmed, a new link that
 * confirms it, and this sign-up's password replaces the waiting one's (in one transaction). So
 * someone who signed up first with another person's address (account pre-hijacking, OWASP's
 * "pre-account takeover") loses the password they chose when the address's owner signs up, and
 * the owner's link opens an account that only the owner can sign in to. At most one e-mail (and
 * one password change) an hour either way: a sign-up within that hour changes nothing. A change
 * hashes the password as making an account does; otherwise it is hashed against a dummy, so the
 * answer takes about as long either way. `password` passed Payload's validation (only `email` was
 * refused). Returns false when the address has no account (the refusal was for something else and
 * stands).
 */
export const signUpForTakenAddress = async (
  payload: Payload,
  headers: Headers,
  email: string,
  password: unknown,
): Promise<boolean> => {
  // The account the address names at this site's studio (or staff): another studio's customer with
  // the same address is another person's account, and this sign-up was not refused for it.
  const owner = await findAccount<{ id: number; _verified?: boolean | null; studio?: number | null }>(
    { payload, headers },
    email,
  )
  if (!owner) return false
  const key = addressKey(email, `studio:${owner.studio ?? 'none'}`)
  const mailed = (await consumeRateLimit(NOTICE_RULE, key)) === null
  const req = await createLocalReq({}, payload)
  if (mailed && isUnverified(owner) && typeof password === 'string') {
    await inTransaction(req, async (req) => {
      await payload.update({ collection: 'users', id: owner.id, data: { password }, req, depth: 0 })
      await sendVerificationLink(req, owner.id)
    })
    return true
  }
  await matchesDummyHash(typeof password === 'string' ? password : '')
  if (mailed) await queueEmail(req, { template: 'signUpAttempt', userId: owner.id, data: {} })
  return true
}
