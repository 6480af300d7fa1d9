import type { Access } from 'payload'

import { isStaffUser } from './roles'

/**
 * Staff see every row; everyone else sees active rows only. Returning a Where (not false)
 * lets list endpoints filter instead of failing.
 */
export const activeOrStaff: Access = ({ req: { user } }) =>
  isStaffUser(user) ? true : { isActive: { equals: true } }
