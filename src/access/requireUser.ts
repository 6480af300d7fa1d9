import type { PayloadRequest } from 'payload'

import { unauthorized } from '@/lib/errors'
import type { User } from '@/payload-types'

/**
 * Endpoint guard: the signed-in user, or a 401 DomainError ("Sign in first." unless
 * `message` says more). Use it at the top of a custom endpoint's handler.
 */
export const requireUser = (req: PayloadRequest, message?: string): User => {
  const user = req.user as (User & { collection?: string }) | null | undefined
  if (!user || (user.collection !== undefined && user.collection !== 'users')) throw unauthorized(message)
  return user
}
