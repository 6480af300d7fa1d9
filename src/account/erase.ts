import type { PayloadRequest } from 'payload'

import { badRequest, conflict, unauthorized } from '@/lib/errors'
import { deleteAll } from '@/lib/deleteAll'
import { inTransaction } from '@/lib/transactions'

const countOpenShoots = async (req: PayloadRequest, userId: number): Promise<number> =>
  (
    await req.payload.count({
      collection: 'generations',
      where: { and: [{ owner: { equals: userId } }, { status: { in: ['queued', 'running'] } }] },
      req,
      overrideAccess: true,
    })
  ).totalDocs

/**
 * Deletes all of the signed-in customer's generations (portraits included) and photos, and
 * keeps the account, its balance and history. One transaction: all of it or none.
 * Errors: 401 signed out; 409 while a shoot is still being made.
 */
export const deleteAllMyImages = async (req: PayloadRequest): Promise<{ generations: number; photos: number }> => {
  const user = req.user
  if (!user) throw unauthorized()
  return inTransaction(req, async (req) => {
    if ((await countOpenShoots(req, user.id)) > 0) {
      throw conflict('A shoot is still being made. Try again once it has finished.')
    }
    const generations = await deleteAll(req, 'generations', { owner: { equals: user.id } })
    await deleteAll(req, 'generation-results', { owner: { equals: user.id } })
    const photos = await deleteAll(req, 'photo-uploads', { owner: { equals: user.id } })
    return { generations, photos }
  })
}

/** The typed confirmation must be the account's e-mail or its current password. */
const confirms = async (req: PayloadRequest, email: string, typed: string): Promise<boolean> => {
  if (typed.trim().toLowerCase() === email.toLowerCase()) return true
  try {
    // Payload's own check (hash compare, failed attempts counted toward the lockout).
    await req.payload.login({ collection: 'users', data: { email, password: typed }, req })
    return true
  } catch {
    return false
  }
}

/**
 * Erases the signed-in account: photos, portraits, e-mail and name go (the Users
 * beforeDelete hook and the row delete); purchases, ledger and analytics stay, detached.
 * Errors: 401 signed out; 400 when `confirm` is neither the e-mail nor the password;
 * 409 while a shoot is still being made.
 */
export const eraseMyAccount = async (req: PayloadRequest, confirm: string): Promise<void> => {
  const user = req.user
  if (!user) throw unauthorized()
  if (!(await confirms(req, user.email, confirm))) {
    throw badRequest('Type your e-mail address or your password to confirm.', { field: 'confirm' })
  }
  await eraseAccount(req, user.id)
}

/** The erasure itself, for the customer's own request and for admins (same hook path). */
export const eraseAccount = async (req: PayloadRequest, userId: number): Promise<void> => {
  await inTransaction(req, async (req) => {
    if ((await countOpenShoots(req, userId)) > 0) {
      throw conflict('A shoot is still being made for this account. Try again once it has finished.')
    }
    await req.payload.delete({ collection: 'users', id: userId, req, overrideAccess: true })
  })
}
