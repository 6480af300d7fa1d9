import type { Access, Where } from 'payload'

import { hasRole } from './roles'
import { inOwnStudios } from './studioScope'

/**
 * The studio's books (issue 24: uploads, shoots, portraits, purchases, ledger): platform admins
 * every row; a studio's owner their studios' rows (its customers' shoots and sales), and their
 * own; everyone else signed in only the rows whose `field` names them (a customer's own). A Where,
 * so lists leave the others out and a read by id of another's row is a 404. Editors get no more
 * than any user: they edit a catalog and need no customer's photos, shoots or money.
 */
export const ownsOrStudioOwner =
  (field = 'owner'): Access =>
  ({ req: { user } }) => {
    if (!user) return false
    if (hasRole(user, 'admin')) return true
    const own: Where = { [field]: { equals: user.id } }
    return hasRole(user, 'owner') ? { or: [own, inOwnStudios(user)] } : own
  }
