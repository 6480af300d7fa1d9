import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { senderFor } from '@/email/send'

import { findAccount } from './accountScope'

/** Payload's forgotPassword.minRequestInterval default: one mail per account per 15 s. */
const MIN_REQUEST_INTERVAL_MS = 15_000

/**
 * POST /api/users/forgot-password's work: mails a reset link to the account `email` names at the
 * request's studio (findAccount: that studio's customer, or staff), never to another studio's
 * customer with the same address. Payload 3.90's forgotPasswordOperation looks the address up
 * alone (payload/dist/auth/operations/forgotPassword.js); this does what it does for the account
 * found here: at most one mail per account per MIN_REQUEST_INTERVAL_MS (reserved atomically, and
 * released if the mail fails), a 40-hex-character token valid for auth.forgotPassword.expiration
 * (an hour), and the collection's forgot-password e-mail, sent from the customer's studio's sender
 * (Payload's sends from EMAIL_FROM). Payload's own POST /api/users/reset-password then takes the
 * token. Resolves alike whether or not an account was found (the caller answers the same 200).
 */
export const requestPasswordReset = async (req: PayloadRequest, email: string): Promise<void> => {
  const { payload } = req
  const account = await findAccount<{ id: number; email: string; role?: string }>(req, email)
  if (!account) return
  const now = Date.now()
  const requestedAt = new Date(now).toISOString()
  const reserved = await payload.db.updateOne({
    collection: 'users',
    data: { resetPasswordRequestedAt: requestedAt },
    options: { atomic: true },
    where: {
      and: [
        { id: { equals: account.id } },
        {
          or: [
            { resetPasswordRequestedAt: { equals: null } },
            {
              resetPasswordRequestedAt: {
                less_than_equal: new Date(now - MIN_REQUEST_INTERVAL_MS).toISOString(),
              },
            },
          ],
        },
      ],
    },
  })
  if (!reserved) return
  const auth = payload.collections.users.config.auth
  const token = randomBytes(20).toString('hex')
  const expiresAt = new Date(now + (auth.forgotPassword?.expiration ?? 3_600_000)).toISOString()
  try {
    await payload.db.updateOne({
      collection: 'users',
      id: account.id,
      data: { resetPasswordToken: token, resetPasswordExpiration: expiresAt },
      returning: false,
    })
    const args = { req, token, user: account }
    const { from } = await senderFor(payload, account.id, req)
    await payload.sendEmail({
      ...(from && { from }),
      to: account.email,
      subject: await auth.forgotPassword?.generateEmailSubject?.(args),
      html: await auth.forgotPassword?.generateEmailHTML?.(args),
    })
  } catch (error) {
    // As Payload does: a failed mail frees the account for the next request at once.
    await payload.db.updateOne({
      collection: 'users',
      id: account.id,
      data: { resetPasswordRequestedAt: null },
      returning: false,
    })
    throw error
  }
}
