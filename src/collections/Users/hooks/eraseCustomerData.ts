import type { CollectionBeforeDeleteHook } from 'payload'

import { deleteAll } from '@/lib/deleteAll'
import { conflict } from '@/lib/errors'

/**
 * Deleting an account erases what is personal: the customer's generations (with their
 * portraits) and photos, documents and files, in the delete's own transaction. What the
 * studio must keep stays, detached from the person (the database sets its user to null):
 * purchases, the credit ledger and adjustments, and analytics rows. The user row itself
 * (e-mail, name) is then removed by the delete. Admins deleting a user in the admin panel
 * run exactly this; customers reach it through POST /api/account/erase.
 * Errors: 409 while one of the account's shoots is queued or running.
 */
export const eraseCustomerData: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs: open } = await req.payload.count({
    collection: 'generations',
    where: { and: [{ owner: { equals: id } }, { status: { in: ['queued', 'running'] } }] },
    req,
    overrideAccess: true,
  })
  if (open > 0)
    throw conflict('A shoot is still being made for this account. Try again once it has finished.')
  await deleteAll(req, 'generations', { owner: { equals: id } })
  await deleteAll(req, 'generation-results', { owner: { equals: id } })
  await deleteAll(req, 'photo-uploads', { owner: { equals: id } })
}
