import type { User } from '@/payload-types'

/**
 * `admin` is the platform admin (every studio); `owner` runs one or more studios (an editor's work
 * plus tiers, bundles, publishing, deletes and the studio's branding); `editor` edits a studio's
 * catalog; `customer` buys shoots.
 */
export const ROLES = ['admin', 'owner', 'editor', 'customer'] as const
export type Role = (typeof ROLES)[number]

type MaybeUser = Pick<User, 'role'> | null | undefined | { collection?: string; role?: unknown }

export const hasRole = (user: MaybeUser, ...roles: Role[]): boolean =>
  Boolean(user && typeof user.role === 'string' && (roles as string[]).includes(user.role))

/** Staff are the studios' people: platform admins, studio owners and studio editors. */
export const isStaffUser = (user: MaybeUser): boolean => hasRole(user, 'admin', 'owner', 'editor')

/** Studio staff work in their own studios only (their `tenants`); platform admins in every studio. */
export const isStudioStaff = (user: MaybeUser): boolean => hasRole(user, 'owner', 'editor')
