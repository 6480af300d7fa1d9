import { createHash, randomBytes } from 'node:crypto'

import { type PayloadRequest, ValidationError } from 'payload'

import { queueEmail } from '@/email/queue'
import { badRequest, conflict } from '@/lib/errors'
import { consumeRateLimit, type RateLimitRule } from '@/lib/rateLimiter'
import { inTransaction } from '@/lib/transactions'
import { studioIdOf } from '@/studios/studioOwned'

import { clashesWhere } from './accountScope'
import { addressKey } from './addressKey'
import { emailAddressProblem } from './emailAddress'

/** Hours a link to confirm a new e-mail address works. */
export const EMAIL_CHANGE_LINK_HOURS = 24

/** What every accepted request to move an account to a new address is told, whether that address was free or taken. */
export const EMAIL_CHANGE_ANSWER =
  'We have sent a link to the new address: your address changes when you open it (within 24 hours).'

/** At most one "someone tried to move an account to your address" e-mail per address an hour. */
const ATTEMPT_NOTICE_RULE: RateLimitRule = { name: 'email-change-notice', points: 1, durationSeconds: 3600 }

/** req.context key: this request asked to move an account to a new address (see emailChangeRequested). */
const EMAIL_CHANGE_REQUESTED = 'emailChangeRequested'

/** Whether `req` asked to move an account to another address (free or taken alike): its answer says a link was sent. */
export const emailChangeRequested = (req: PayloadRequest): boolean =>
  req.context[EMAIL_CHANGE_REQUESTED] === true

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex')

interface StoredUser {
  id: number
  email: string
  studio?: number | null
  pendingEmail?: string | null
  pendingEmailExpiresAt?: string | null
}

/**
 * Starts moving account `userId` to `newEmail`, in `req`'s transaction; the caller checked the
 * current password. Nothing changes until the link e-mailed to the new address is opened
 * (confirmEmailChange): a session or password alone cannot move an account to an address its
 * holder does not read. When the address already has an account, nothing is stored and that
 * account's owner is told instead (at most once an hour); the caller answers alike either way
 * (EMAIL_CHANGE_ANSWER), so the answer does not tell which addresses are registered.
 * The current address is told of every request, free or taken. A new request replaces an earlier one.
 */
export const requestEmailChange = async (req: PayloadRequest, userId: number, newEmail: string) => {
  const address = newEmail.trim().toLowerCase()
  // The address skips the field's own validation (it is stored as pending), so it is checked here.
  const problem = emailAddressProblem(address)
  if (problem)
    throw new ValidationError({ collection: 'users', errors: [{ path: 'email', message: problem }] })
  // Taken means taken in this account's studio (or by staff): issue 24's one address per studio.
  // The signed-in account's own studio is on req.user already (a customer's never changes).
  const studio =
    req.user && String(req.user.id) === String(userId)
      ? (studioIdOf((req.user as { studio?: unknown }).studio) ?? null)
      : ((
          await req.payload.db.findOne<StoredUser>({
            collection: 'users',
            where: { id: { equals: userId } },
            req,
          })
        )?.studio ?? null)
  const holder = await req.payload.db.findOne<StoredUser>({
    collection: 'users',
    where: clashesWhere(address, studio),
    req,
  })
  if (holder?.id === userId) return
  req.context[EMAIL_CHANGE_REQUESTED] = true
  // The current address hears of every request, free or taken alike (its inbox must not tell either).
  await queueEmail(req, { template: 'emailChangeNotice', userId, data: { to: address } })
  if (holder) {
    if (
      (await consumeRateLimit(
        ATTEMPT_NOTICE_RULE,
        addressKey(address, `studio:${holder.studio ?? 'none'}`),
      )) === null
    )
      await queueEmail(req, { template: 'emailChangeAttempt', userId: holder.id, data: {} })
    return
  }
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + EMAIL_CHANGE_LINK_HOURS * 3600_000).toISOString()
  await req.payload.db.updateOne({
    collection: 'users',
    id: userId,
    data: { pendingEmail: address, pendingEmailTokenHash: hashOf(token), pendingEmailExpiresAt: expiresAt },
    req,
    returning: false,
  })
  await queueEmail(req, { template: 'emailChangeConfirm', userId, data: { token, to: address } })
}

/**
 * POST /api/account/confirm-email: the link's `token` moves its account to the address it was
 * sent to, and ends the account's other sessions (endOtherSessions). Returns the new address.
 * Errors: 400 naming `token` when no request has it or it is over EMAIL_CHANGE_LINK_HOURS old
 * (or was used); 409 naming `email` when another account took the address meanwhile.
 */
export const confirmEmailChange = async (req: PayloadRequest, token: string): Promise<{ email: string }> =>
  inTransaction(req, async (req) => {
    const user = await req.payload.db.findOne<StoredUser>({
      collection: 'users',
      where: { pendingEmailTokenHash: { equals: hashOf(token) } },
      req,
    })
    const expiresAt = user?.pendingEmailExpiresAt ? Date.parse(user.pendingEmailExpiresAt) : 0
    if (!user?.pendingEmail || !(expiresAt > Date.now())) {
      throw badRequest('This link no longer works: ask for the change again on your account page.', {
        field: 'token',
      })
    }
    const { totalDocs } = await req.payload.count({
      collection: 'users',
      where: { and: [clashesWhere(user.pendingEmail, user.studio ?? null), { id: { not_equals: user.id } }] },
      req,
      overrideAccess: true,
    })
    if (totalDocs > 0)
      throw conflict('Another account has this address now; choose another one.', { field: 'email' })
    const updated = await req.payload.update({
      collection: 'users',
      id: user.id,
      data: {
        email: user.pendingEmail,
        pendingEmail: null,
        pendingEmailTokenHash: null,
        pendingEmailExpiresAt: null,
      },
      req,
      overrideAccess: true,
      depth: 0,
    })
    return { email: updated.email }
  })
