import { type PayloadRequest, ValidationError } from 'payload'

import { verifyCurrentPassword } from '@/account/currentPassword'
import { accountPasswordProblem } from '@/account/passwordStrength'
import { badRequest, conflict } from '@/lib/errors'
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
 * name and e-mail as stored. Errors: 400 naming `newPassword` when it is too weak (see
 * `passwordProblem`); 400 naming `currentPassword` when it is missing or wrong;
 * 409 naming `email` when another account has that address.
 */
export const updateMyDetails = async (
  req: PayloadRequest,
  user: Pick<User, 'id' | 'email'>,
  change: AccountDetailsChange,
): Promise<{ name: string | null; email: string }> => {
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
  if (movesEmail) data.email = email
  if (change.newPassword) data.password = change.newPassword
  return inTransaction(req, async (req) => {
    if (movesEmail) {
      const { totalDocs } = await req.payload.count({
        collection: 'users',
        where: { email: { equals: email } },
        req,
        overrideAccess: true,
      })
      if (totalDocs > 0)
        throw conflict('An account with this e-mail address already exists.', { field: 'email' })
    }
    try {
      const updated = await req.payload.update({
        collection: 'users',
        id: user.id,
        data,
        req,
        overrideAccess: true,
        depth: 0,
      })
      return { name: updated.name ?? null, email: updated.email }
    } catch (error) {
      // Two changes to the same address at once: the unique index is the last word.
      if (error instanceof ValidationError && error.data?.errors?.some((issue) => issue.path === 'email')) {
        throw conflict('An account with this e-mail address already exists.', { field: 'email' })
      }
      throw error
    }
  })
}
