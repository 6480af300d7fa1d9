import type { PayloadRequest } from 'payload'

import { forbidden } from '@/lib/errors'
import type { User } from '@/payload-types'

import { requireUser } from './requireUser'
import { hasRole, type Role } from './roles'

const names: Record<Role, string> = {
  admin: 'admins',
  owner: 'owners',
  editor: 'editors',
  customer: 'customers',
}

/**
 * Endpoint guard: the signed-in user if their role is one of `roles`; 401 when signed out,
 * 403 "Only admins may <action>." (roles named in the message) otherwise.
 */
export const requireRole = (req: PayloadRequest, roles: readonly Role[], action = 'do that'): User => {
  const user = requireUser(req)
  if (!hasRole(user, ...roles)) {
    const who = roles.map((role) => names[role]).join(' and ')
    throw forbidden(`Only ${who} may ${action}.`)
  }
  return user
}
