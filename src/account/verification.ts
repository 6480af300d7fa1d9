import { createHash, randomBytes } from 'node:crypto'

import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { queueEmail } from '@/email/queue'
import { badRequest } from '@/lib/errors'
import { consumeRateLimit, type RateLimitRule } from '@/lib/rateLimiter'
import { settings } from '@/lib/settings'
import { inTransaction } from '@/lib/transactions'

import { findAccount } from './accountScope'
import { addressKey } from './addressKey'
import { welcomeCustomer } from './welcome'

/** Hours a link that confirms a new account's address works. */
export const VERIFY_LINK_HOURS = 48

/** What every request to send the link again is answered (200), whatever the address: it tells no one which are registered. */
export const RESEND_ANSWER = {
  message:
    'If that address has an account waiting to be confirmed, a new link is on its way. It works for 48 hours; earlier links stop working.',
} as const

/** At most 3 links an hour to one address, however many clients ask (the answer stays the same). */
const RESEND_RULE: RateLimitRule = { name: 'verify-link', points: 3, durationSeconds: 3600 }

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

interface StoredUser {
  id: number
  email: string
  name?: string | null
  role?: string
  _verified?: boolean | null
  verificationExpiresAt?: string | null
}

/**
 * Whether `req` makes an account by self sign-up: an anonymous client over REST or GraphQL. Only
 * these accounts wait for their address to be confirmed; one made by staff (signed in) or by our
 * own code (the local API: seed, scripts) is verified at once, as is the very first account (it
 * becomes the admin, as Payload's registerFirstUser verifies it).
 */
export const isSelfSignUp = (req: PayloadRequest): boolean => !req.user && req.payloadAPI !== 'local'

/** False only for an account whose address is still to be confirmed (null: made before verification existed). */
export const isUnverified = (user: { _verified?: unknown } | null | undefined): boolean =>
  user?._verified === false

/**
 * Mails account `userId` a new link that confirms its address (template verifyEmail, a link to
 * /verify?token=… on SERVER_URL), in `req`'s transaction: only the token's SHA-256 is stored,
 * with its end (VERIFY_LINK_HOURS); an earlier link stops working.
 */
export const sendVerificationLink = async (req: PayloadRequest, userId: number): Promise<void> => {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + VERIFY_LINK_HOURS * 3600_000).toISOString()
  await req.payload.db.updateOne({
    collection: 'users',
    id: userId,
    data: { _verificationToken: hashOf(token), verificationExpiresAt: expiresAt },
    req,
    returning: false,
  })
  await queueEmail(req, {
    template: 'verifyEmail',
    userId,
    data: { token, trialShoots: settings().freeTrialShoots },
  })
}

/** Marks account `userId` verified (its address is confirmed or vouched for), in `req`'s transaction. */
export const markVerified = async (req: PayloadRequest, userId: number): Promise<void> => {
  await req.payload.db.updateOne({
    collection: 'users',
    id: userId,
    data: { _verified: true, _verificationToken: null, verificationExpiresAt: null },
    req,
    returning: false,
  })
}

/**
 * POST /api/users/verify/<token>: the link mailed at sign-up confirms its account's address. In
 * one transaction the account is marked verified (it can sign in from now on), the token is
 * forgotten, and a customer gets the trial shoots and the welcome e-mail (welcomeCustomer: once).
 * Returns the account's address. Errors: 400 naming `token` when no account waits for it (used
 * already, replaced by a newer link, or never sent) or when it is over VERIFY_LINK_HOURS old.
 */
export const verifyAccount = async (req: PayloadRequest, token: string): Promise<{ email: string }> =>
  inTransaction(req, async (req) => {
    const user = await req.payload.db.findOne<StoredUser>({
      collection: 'users',
      where: { _verificationToken: { equals: hashOf(token) } },
      req,
    })
    if (!user || !isUnverified(user)) {
      throw badRequest(
        'This link was used already or has been replaced by a newer one. If your address is confirmed, sign in; if not, ask for a new link.',
        { field: 'token' },
      )
    }
    const expiresAt = user.verificationExpiresAt ? Date.parse(user.verificationExpiresAt) : 0
    if (!(expiresAt > Date.now())) {
      throw badRequest(
        `This link has expired (links work for ${VERIFY_LINK_HOURS} hours). Ask for a new one below.`,
        { field: 'token', expired: true },
      )
    }
    await markVerified(req, user.id)
    if (user.role === 'customer') await welcomeCustomer(req, user)
    return { email: user.email }
  })

/**
 * POST /api/users/resend-verification: mails a new link when `email` names an account still waiting
 * to be confirmed at the request's studio (findAccount: never another studio's customer with the
 * same address), at most RESEND_RULE's count an hour per address and studio; otherwise does
 * nothing. The caller answers RESEND_ANSWER whatever happened here.
 */
export const resendVerificationLink = async (req: PayloadRequest, email: string): Promise<void> => {
  const user = await findAccount<StoredUser & { studio?: number | null }>(req, email)
  if (!isUnverified(user)) return
  const key = addressKey(user!.email, `studio:${user!.studio ?? 'none'}`)
  if ((await consumeRateLimit(RESEND_RULE, key)) !== null) return
  const local = await createLocalReq({}, req.payload)
  await inTransaction(local, (local) => sendVerificationLink(local, user!.id))
}

/**
 * Accounts made before verification existed are verified: on Postgres by the
 * `account_verification` migration; on the pushed SQLite demo file (no migrations) here, at start,
 * where its new `_verified` column is still empty.
 */
export const verifyAccountsFromBeforeVerification = async (payload: Payload): Promise<void> => {
  await payload.db.updateMany({
    collection: 'users',
    where: { _verified: { exists: false } },
    data: { _verified: true },
  })
}
