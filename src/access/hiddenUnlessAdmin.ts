import type { ClientUser } from 'payload'

import { hasRole } from './roles'

/**
 * `admin.hidden` for collections whose rows belong to customers (photos, generations, portraits,
 * ledger, purchases): an editor may read none of them, so their nav entries would only ever open
 * empty lists. Admins see them.
 */
export const hiddenUnlessAdmin = ({ user }: { user: ClientUser }): boolean =>
  !hasRole(user as { role?: unknown }, 'admin')
