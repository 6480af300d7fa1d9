import type { PayloadRequest } from 'payload'

import { badRequest, conflict } from '@/lib/errors'
import { deleteAll } from '@/lib/deleteAll'
import { inTransaction } from '@/lib/transactions'
import type { User } from '@/payload-types'

import { isCurrentPassword } from './details'

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
 * Deletes all of a customer's generations (portraits included) and photos, and keeps the
 * account, its balance and history. One transaction: all of it or none.
 * Returns how many shoots and photos went. Errors: 409 while a shoot is still being made.
 */
export const deleteAllMyImages = async (
  req: PayloadRequest,
  userId: number,
): Promise<{ generations: number; photos: number }> =>
  inTransaction(req, async (req) => {
    if ((await countOpenShoots(req, userId)) > 0) {
      throw conflict('A shoot is still being made. Try again once it has finished.')
    }
    const generations = await deleteAll(req, 'generations', { owner: { equals: userId } })
    await deleteAll(req, 'generation-results', { owner: { equals: userId } })
    const photos = await deleteAll(req, 'photo-uploads', { owner: { equals: userId } })
    return { generations, photos }
  })

/** The typed confirmation must be the account's e-mail or its current password. */
const confirms = async (
  req: PayloadRequest,
  user: { id: number; email: string },
  typed: string,
): Promise<boolean> =>
  typed.trim().toLowerCase() === user.email.toLowerCase() || isCurrentPassword(req, user, typed)

/**
 * Erases the signed-in account: photos, portraits, e-mail and name go (the Users
 * beforeDelete hook and the row delete); purchases, ledger and analytics stay, detached.
 * Errors: 400 (field `confirm`) when `confirm` is neither the e-mail nor the password;
 * 409 while a shoot is still being made.
 */
export const eraseMyAccount = async (
  req: PayloadRequest,
  user: Pick<User, 'id' | 'email'>,
  confirm: string,
): Promise<void> => {
  if (!(await confirms(req, user, confirm))) {
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
