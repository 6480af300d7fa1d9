import type { Access } from 'payload'

import { hasRole } from './roles'

/**
 * Admins see everything; a signed-in user only the documents whose `field` names them.
 * Returns a Where so lists are filtered, and single reads of others' ids answer 404.
 */
export const ownsDocument =
  (field = 'owner'): Access =>
  ({ req: { user } }) => {
    if (!user) return false
    if (hasRole(user, 'admin')) return true
    return { [field]: { equals: user.id } }
  }

/** For the users collection itself: admins all, others their own row. */
export const isAdminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (hasRole(user, 'admin')) return true
  return { id: { equals: user.id } }
}
