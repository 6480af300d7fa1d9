import type { PayloadRequest } from 'payload'

import { forbidden } from '@/lib/errors'
import type { User } from '@/payload-types'

import { requireUser } from './requireUser'
import { hasRole } from './roles'
import { studioIdsOf } from './studioScope'

/**
 * Endpoint guard: the signed-in user if they are a platform admin or an owner of studio
 * `studioId` (one of their `tenants`); 401 when signed out, 403 "Only admins and the studio's
 * owners may <action>." otherwise (a studio the caller cannot see is refused the same way).
 */
export const requireStudioOwner = (req: PayloadRequest, studioId: number, action: string): User => {
  const user = requireUser(req)
  if (hasRole(user, 'admin')) return user
  if (hasRole(user, 'owner') && studioIdsOf(user).some((id) => Number(id) === studioId)) return user
  throw forbidden(`Only admins and the studio's owners may ${action}.`)
}
