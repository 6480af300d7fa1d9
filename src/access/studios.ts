import type { Access } from 'payload'

import { hasRole, isStudioStaff } from './roles'
import { inOwnStudios } from './studioScope'

/** Platform admins read every studio; owners and editors their own studios; nobody else any. */
export const readStudios: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin')) return true
  return isStudioStaff(user) ? inOwnStudios(user, 'id') : false
}

/**
 * Platform admins update every studio; owners their own studios' branding (the other fields are
 * admin-only by field access); editors and everyone else none.
 */
export const updateStudios: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin')) return true
  return hasRole(user, 'owner') ? inOwnStudios(user, 'id') : false
}
