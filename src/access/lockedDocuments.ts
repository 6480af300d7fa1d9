import type { Access, SanitizedConfig, Where } from 'payload'

import { isAdmin } from './isAdmin'
import { nobody } from './isAuthenticated'
import { hasRole, isStaffUser } from './roles'

const userIdOf = (data: unknown): unknown => {
  const user = (data as { user?: { value?: unknown } | number | string } | undefined)?.user
  if (user && typeof user === 'object') {
    const value = (user as { value?: unknown }).value
    return value && typeof value === 'object' ? (value as { id?: unknown }).id : value
  }
  return user
}

const ownLocks = (id: number | string): Where => ({ 'user.value': { equals: id } })

/**
 * Document locks (payload-locked-documents) are the admin's "someone is editing" marks.
 * Customers have no access at all. Staff read every lock (the admin must see who holds a
 * document) but create, take over or release only locks in their own name; admins may
 * also clear anyone's stale lock.
 */
export const lockedDocumentsAccess: Record<'create' | 'read' | 'update' | 'delete', Access> = {
  read: ({ req: { user } }) => isStaffUser(user),
  create: ({ req: { user }, data }) =>
    Boolean(user && isStaffUser(user) && String(userIdOf(data)) === String(user.id)),
  // A take-over rewrites the lock's user to the caller: allowed only in the caller's name.
  update: ({ req: { user }, data }) => {
    if (!user || !isStaffUser(user)) return false
    if (data && 'user' in data && String(userIdOf(data)) !== String(user.id)) return false
    return true
  },
  delete: ({ req: { user } }) => {
    if (!user || !isStaffUser(user)) return false
    return hasRole(user, 'admin') ? true : ownLocks(user.id)
  },
}

/**
 * Payload adds its own collections (locks, preferences, migrations, jobs, kv) and the
 * payload-jobs-stats global while sanitizing, after plugins ran, so their access is set on
 * the sanitized config. Preferences keep Payload's own rule (each user only their own rows);
 * jobs are admin-only in jobsConfig; payload-kv refuses everyone; payload-migrations serves
 * no REST at all. The jobs-stats global holds when each scheduled task last ran: Payload's
 * default lets any signed-in user read and rewrite it (and so stop the schedules), so only
 * admins read it and nobody writes it over REST (Payload's scheduler writes it directly).
 */
export const restrictPayloadCollections = (config: SanitizedConfig): SanitizedConfig => {
  const locks = config.collections.find((collection) => collection.slug === 'payload-locked-documents')
  if (locks) locks.access = { ...locks.access, ...lockedDocumentsAccess }
  const jobStats = config.globals.find((global) => global.slug === 'payload-jobs-stats')
  if (jobStats) jobStats.access = { ...jobStats.access, read: isAdmin, readVersions: nobody, update: nobody }
  return config
}
