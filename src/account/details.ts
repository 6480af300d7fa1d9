import { type PayloadRequest, ValidationError } from 'payload'

import { verifyCurrentPassword } from '@/account/currentPassword'
import { EMAIL_CHANGE_ANSWER, requestEmailChange } from '@/account/emailChange'
import { accountPasswordProblem } from '@/account/passwordStrength'
import { badRequest } from '@/lib/errors'
import { inTransaction } from '@/lib/transactions'
import type { User } from '@/payload-types'

export interface AccountDetailsChange {
  /** The name to show; empty clears it. */
  name?: string
  email?: string
  newPassword?: string
  /** Required to change the e-mail address or the password. */
  currentPassword?: string
}

/**
 * True when `password` is the signed-in `user`'s current password (src/account/currentPassword.ts:
 * the try counts toward this client's limit for the account; no session is made). Errors: 429
 * once this client used up its tries.
 */
export const isCurrentPassword = async (
  req: PayloadRequest,
  user: { id: number; email: string },
  password: string,
): Promise<boolean> => {
  try {
    await verifyCurrentPassword(req, user, password)
    return true
  } catch (error) {
    if (error instanceof ValidationError) return false
    throw error
  }
}

/**
 * "Your details" on /account: the name changes freely; the e-mail address and the password only
 * with the current password (a borrowed session must not take the account over). Returns the
 * name and e-mail as stored; a new address is `pendingEmail` until the link e-mailed to it is
 * opened (requestEmailChange), with `message` saying so, whether the address was free or taken.
 * Errors: 400 naming `newPassword` when it is too weak (see `passwordProblem`); 400 naming
 * `currentPassword` when it is missing or wrong.
 */
export const updateMyDetails = async (
  req: PayloadRequest,
  user: Pick<User, 'id' | 'email'>,
  change: AccountDetailsChange,
): Promise<{ name: string | null; email: string; pendingEmail?: string; message?: string }> => {
  const email = change.email?.trim().toLowerCase()
  const movesEmail = email !== undefined && email !== user.email.toLowerCase()
  // Checked first: a refused new password should not cost a login attempt.
  if (change.newPassword) {
    const problem = accountPasswordProblem(change.newPassword, [email ?? user.email, change.name])
    if (problem) throw badRequest(problem, { field: 'newPassword' })
  }
  if (movesEmail || change.newPassword) {
    if (!change.currentPassword) {
      throw badRequest('Type your current password to change your e-mail address or password.', {
        field: 'currentPassword',
      })
    }
    if (!(await isCurrentPassword(req, user, change.currentPassword))) {
      throw badRequest('That is not your current password.', { field: 'currentPassword' })
    }
  }
  const data: Partial<User> & { password?: string } = {}
  if (change.name !== undefined) data.name = change.name.trim() || null
  if (change.newPassword) data.password = change.newPassword
  return inTransaction(req, async (req) => {
    // The address moves once the link e-mailed to it is opened (answered alike when it is taken).
    if (movesEmail) await requestEmailChange(req, user.id, email)
    const updated = await req.payload.update({
      collection: 'users',
      id: user.id,
      data,
      req,
      overrideAccess: true,
      depth: 0,
    })
    return {
      name: updated.name ?? null,
      email: updated.email,
      ...(movesEmail ? { pendingEmail: email, message: EMAIL_CHANGE_ANSWER } : {}),
    }
  })
}
