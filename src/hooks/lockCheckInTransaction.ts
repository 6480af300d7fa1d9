import type { CollectionBeforeOperationHook, CollectionConfig, Where } from 'payload'

const LOCKED_DOCUMENTS = 'payload-locked-documents'
/** Payload's lock duration when a collection names none (checkDocumentLockStatus' lockDurationDefault). */
const DEFAULT_LOCK_SECONDS = 300

/**
 * Payload 3.90's update and delete of one document (REST PATCH and DELETE /api/<collection>/<id>,
 * which pass overrideLock: false) look for its admin edit lock with a `payload.db.find` that names
 * no `req` (payload/dist/utilities/checkDocumentLockStatus.js; payloadcms/payload#11273 dropped it
 * on purpose). The look then needs a second pool connection while the operation's transaction
 * holds its first: with every connection held by such writes (or a pool of one) they all wait for
 * ever. Seen with DATABASE_POOL_MAX=2: dataLifecycle.int's photo delete and hostileRoutes.int's
 * parallel deletes hung. This looks first, in the operation's transaction; when no one else holds
 * a live lock it tells Payload the lock is checked (overrideLock: true), and Payload still clears
 * the document's lock row in the transaction as before. A document someone else has locked is left
 * to Payload's own check, which answers 423 after the access check as it always did (that rare case
 * still reads on a second connection). Bulk updates and deletes (by `where`) are left as they are.
 */
export const lockCheckInTransaction: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'update' && operation !== 'delete') return args
  const call = args as { id?: number | string; overrideLock?: boolean }
  if (call.id === undefined || call.overrideLock !== false) return args
  const { lockDocuments } = collection
  if (lockDocuments === false || !req.payload.collections[LOCKED_DOCUMENTS]) return args
  const where: Where = {
    and: [{ 'document.relationTo': { equals: collection.slug } }, { 'document.value': { equals: call.id } }],
  }
  const { docs } = await req.payload.db.find({
    collection: LOCKED_DOCUMENTS,
    limit: 1,
    pagination: false,
    sort: '-updatedAt',
    where,
    req,
  })
  const lock = docs[0] as { updatedAt?: string; user?: { value?: unknown } } | undefined
  const seconds = typeof lockDocuments === 'object' ? lockDocuments.duration : DEFAULT_LOCK_SECONDS
  const heldByOther =
    lock !== undefined &&
    lock.user?.value !== req.user?.id &&
    Date.now() - new Date(lock.updatedAt ?? 0).getTime() <= seconds * 1000
  return heldByOther ? args : { ...args, overrideLock: true }
}

/** The collection with `lockCheckInTransaction` last in beforeOperation: the plugin gives it to every collection. */
export const withLockCheckInTransaction = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [...(collection.hooks?.beforeOperation ?? []), lockCheckInTransaction],
  },
})
