import type { Access, PayloadRequest, SanitizedConfig, Where } from 'payload'

import { DomainError } from '@/lib/errors'
import { idFromText } from '@/lib/input'

import { isAdmin } from './isAdmin'
import { nobody } from './isAuthenticated'
import { hasRole, isStaffUser, isStudioStaff } from './roles'

const LOCKS = 'payload-locked-documents'

/** A document a lock names: its collection and id. */
export interface DocumentRef {
  relationTo: string
  id: number
}

/** A document's key in an OwnStudioDocuments answer. */
export const documentKey = ({ relationTo, id }: DocumentRef): string => `${relationTo}:${id}`

/**
 * Which of `documents` belong to the caller's studios, as documentKey keys (the studios room
 * knows which collections a studio owns: src/studios/ownStudioDocuments.ts).
 */
export type OwnStudioDocuments = (req: PayloadRequest, documents: DocumentRef[]) => Promise<Set<string>>

/** A lock's `document` ({ relationTo, value }, the value an id or the populated document), or null. */
const documentRefOf = (document: unknown): DocumentRef | null => {
  if (!document || typeof document !== 'object') return null
  const { relationTo, value } = document as { relationTo?: unknown; value?: unknown }
  const id = idFromText(value && typeof value === 'object' ? (value as { id?: unknown }).id : value)
  return typeof relationTo === 'string' && id !== null ? { relationTo, id } : null
}

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
 * Where: the locks on documents of the caller's studios. All locks are read to find them (the
 * table is small: a lock lasts five minutes, and a new lock clears its collection's expired ones).
 */
const locksOnOwnStudioDocuments = async (
  req: PayloadRequest,
  ownStudioDocuments: OwnStudioDocuments,
): Promise<Where> => {
  const { docs } = await req.payload.db.find<{ id: number; document?: unknown }>({
    collection: LOCKS,
    limit: 0,
    pagination: false,
    req,
  })
  const locks = docs.flatMap((lock) => {
    const document = documentRefOf(lock.document)
    return document ? [{ id: lock.id, document }] : []
  })
  const own = await ownStudioDocuments(
    req,
    locks.map(({ document }) => document),
  )
  const ids = locks.filter(({ document }) => own.has(documentKey(document))).map(({ id }) => id)
  return ids.length > 0 ? { id: { in: ids } } : { id: { exists: false } }
}

/**
 * A studio's owner or editor locking `document` (a create, or an update naming one): a 404 naming
 * `document` unless it is a document of their studios, as a read of another studio's document is.
 */
const refuseOutsideOwnStudios = async (
  req: PayloadRequest,
  document: unknown,
  ownStudioDocuments: OwnStudioDocuments,
): Promise<void> => {
  const ref = documentRefOf(document)
  if (ref && (await ownStudioDocuments(req, [ref])).has(documentKey(ref))) return
  throw new DomainError(
    404,
    ref
      ? `No ${ref.relationTo.slice(0, 40)} document ${ref.id} among yours.`
      : 'A lock must name a document of your studios.',
    { field: 'document' },
  )
}

/**
 * Document locks (payload-locked-documents) are the admin's "someone is editing" marks.
 * Customers have no access at all. Platform admins read every lock; a studio's owner or editor
 * reads the locks on their studios' documents (the admin's too: their editor must see that the
 * admin holds a package; locks held by staff of their studios would leave that one out, and
 * their edit view would then take a second lock) and their own locks (their own account's).
 * Staff create, take over or release only locks in their own name; admins may also clear anyone's
 * stale lock. A studio's staff create or take over a lock only on their studios' documents: any
 * other is a 404 naming `document`, nothing written. Payload's save-time lock check reads locks
 * through the database adapter, so what a caller may read does not change what blocks a save.
 */
export const lockedDocumentsAccess = (
  ownStudioDocuments: OwnStudioDocuments,
): Record<'create' | 'read' | 'update' | 'delete', Access> => ({
  read: async ({ req }) => {
    const { user } = req
    if (!user || !isStaffUser(user)) return false
    if (!isStudioStaff(user)) return true
    return { or: [await locksOnOwnStudioDocuments(req, ownStudioDocuments), ownLocks(user.id)] }
  },
  create: async ({ req, data }) => {
    const { user } = req
    if (!user || !isStaffUser(user) || String(userIdOf(data)) !== String(user.id)) return false
    if (isStudioStaff(user)) await refuseOutsideOwnStudios(req, data?.document, ownStudioDocuments)
    return true
  },
  // A take-over rewrites the lock's user to the caller: allowed only in the caller's name.
  update: async ({ req, id, data }) => {
    const { user } = req
    if (!user || !isStaffUser(user)) return false
    if (data && 'user' in data && String(userIdOf(data)) !== String(user.id)) return false
    if (!isStudioStaff(user)) return true
    if (data && 'document' in data) await refuseOutsideOwnStudios(req, data.document, ownStudioDocuments)
    if (id !== undefined) {
      // By id (a take-over): the lock must be on a document of the caller's studios.
      const lockId = idFromText(id)
      const lock =
        lockId === null
          ? null
          : await req.payload.db.findOne<{ id: number; document?: unknown }>({
              collection: LOCKS,
              where: { id: { equals: lockId } },
              req,
            })
      const ref = documentRefOf(lock?.document)
      if (!ref || !(await ownStudioDocuments(req, [ref])).has(documentKey(ref)))
        throw new DomainError(404, `No ${LOCKS} document ${String(id).slice(0, 40)} among yours.`, {
          field: 'document',
        })
    }
    return locksOnOwnStudioDocuments(req, ownStudioDocuments)
  },
  delete: ({ req: { user } }) => {
    if (!user || !isStaffUser(user)) return false
    return hasRole(user, 'admin') ? true : ownLocks(user.id)
  },
})

/**
 * Payload adds its own collections (locks, preferences, migrations, jobs, kv) and the
 * payload-jobs-stats global while sanitizing, after plugins ran, so their access is set on
 * the sanitized config. Preferences keep Payload's own rule (each user only their own rows);
 * jobs are admin-only in jobsConfig; payload-kv refuses everyone; payload-migrations serves
 * no REST at all. The jobs-stats global holds when each scheduled task last ran: Payload's
 * default lets any signed-in user read and rewrite it (and so stop the schedules), so only
 * admins read it and nobody writes it over REST (Payload's scheduler writes it directly).
 * `ownStudioDocuments` (src/studios/ownStudioDocuments.ts, given by payload.config.ts) tells the
 * locks' access which documents are the caller's studios': this room does not know the studios'.
 */
export const restrictPayloadCollections =
  (ownStudioDocuments: OwnStudioDocuments) =>
  (config: SanitizedConfig): SanitizedConfig => {
    const locks = config.collections.find((collection) => collection.slug === LOCKS)
    if (locks) locks.access = { ...locks.access, ...lockedDocumentsAccess(ownStudioDocuments) }
    const jobStats = config.globals.find((global) => global.slug === 'payload-jobs-stats')
    if (jobStats)
      jobStats.access = { ...jobStats.access, read: isAdmin, readVersions: nobody, update: nobody }
    return config
  }
