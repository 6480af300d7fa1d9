import type { CollectionAfterChangeHook } from 'payload'

import { isStaffUser } from '@/access'
import { notFound } from '@/lib/errors'
import { defaultStudioId } from '@/studios/defaultStudio'
import { resolveStudio } from '@/studios/resolveStudio'
import type { User } from '@/payload-types'

/**
 * A new customer belongs to the studio whose site the request came to (its Host, as
 * resolveStudio reads it), else the default studio (an account made by the seed, a script or a
 * platform admin with no site behind it). Written in the creation's transaction, before the
 * account's first e-mail is queued (startNewAccount runs after this hook), and never by a client:
 * the field takes no client value. Errors: 404 for a sign-up on a host no active studio serves
 * (the creation's transaction is rolled back).
 */
export const customerStudio: CollectionAfterChangeHook<User> = async ({ doc, operation, req }) => {
  if (operation !== 'create' || doc.role !== 'customer' || doc.studio) return doc
  const served = await resolveStudio(req.payload, req.headers)
  // A sign-up on a host no active studio serves (a suspended studio's, or any other with
  // PLATFORM_DOMAIN set) makes no account: the site is a 404. Staff making an account have no site.
  if (!served && req.headers?.get('host') && !isStaffUser(req.user))
    throw notFound('No studio is served at this address.')
  const studio = served?.id ?? (await defaultStudioId(req.payload, req))
  if (studio === undefined) return doc
  await req.payload.db.updateOne({ collection: 'users', id: doc.id, data: { studio }, req, returning: false })
  return { ...doc, studio }
}
