import type { Access, FieldAccess } from 'payload'

import { hasRole } from './roles'

/** Platform admins and studio owners: tiers, bundles, publishing and deletes (scoped to a studio by studioScope). */
export const isAdminOrOwner: Access = ({ req: { user } }) => hasRole(user, 'admin', 'owner')

export const isAdminOrOwnerField: FieldAccess = ({ req: { user } }) => hasRole(user, 'admin', 'owner')
