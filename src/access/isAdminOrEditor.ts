import type { Access, FieldAccess } from 'payload'

import { isStaffUser } from './roles'

export const isAdminOrEditor: Access = ({ req: { user } }) => isStaffUser(user)

/** Field-level read guard for the studio's prompt IP: only staff ever see these values. */
export const staffOnlyField: FieldAccess = ({ req: { user } }) => isStaffUser(user)
