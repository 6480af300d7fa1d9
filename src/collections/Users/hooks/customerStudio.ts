import type { CollectionBeforeChangeHook } from 'payload'

import { isStaffUser } from '@/access'
import { notFound } from '@/lib/errors'
import { defaultStudioId } from '@/studios/defaultStudio'
import { resolveStudio } from '@/studios/resolveStudio'
import type { User } from '@/payload-types'

/**
 * A new customer belongs to the studio whose site the request came to (its Host, as
 * resolveStudio reads it), else the default studio (an account made by the seed, a script or a
 * platform admin with no site behind it). Set before the row is written, since the address is
 * unique per studio (uniqueEmailPerStudio, the (email, studio) index), and never by a client: the
 * field takes no client value. Runs after firstUserIsAdmin, which may make the account an admin.
 * Errors: 404 for a sign-up on a host no active studio serves (nothing is written).
 */
export const customerStudio: CollectionBeforeChangeHook<User> = async ({ data, operation, req }) => {
  if (operation !== 'create' || (data.role ?? 'customer') !== 'customer' || data.studio) return data
  const served = await resolveStudio(req.payload, req.headers, req)
  // A sign-up on a host no active studio serves (a suspended studio's, or any other with
  // PLATFORM_DOMAIN set) makes no account: the site is a 404. Staff making an account have no site.
  if (!served && req.headers?.get('host') && !isStaffUser(req.user))
    throw notFound('No studio is served at this address.')
  const studio = served?.id ?? (await defaultStudioId(req.payload, req))
  return studio === undefined ? data : { ...data, studio }
}
