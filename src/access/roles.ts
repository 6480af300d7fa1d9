import type { User } from '@/payload-types'

export const ROLES = ['admin', 'editor', 'customer'] as const
export type Role = (typeof ROLES)[number]

type MaybeUser = Pick<User, 'role'> | null | undefined | { collection?: string; role?: unknown }

export const hasRole = (user: MaybeUser, ...roles: Role[]): boolean =>
  Boolean(user && typeof user.role === 'string' && (roles as string[]).includes(user.role))

/** Staff are the studio's people: admins and editors. */
export const isStaffUser = (user: MaybeUser): boolean => hasRole(user, 'admin', 'editor')
