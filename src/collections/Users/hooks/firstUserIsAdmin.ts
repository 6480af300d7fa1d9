import type { CollectionBeforeChangeHook } from 'payload'
import type { User } from '@/payload-types'

/**
 * The admin panel's "create first user" screen runs as nobody, so the role would default
 * to customer and lock the studio out of its own admin. The very first account is an admin.
 */
export const firstUserIsAdmin: CollectionBeforeChangeHook<User> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req, overrideAccess: true })
  return totalDocs === 0 ? { ...data, role: 'admin' } : data
}
