import type { Access, Collection, PayloadRequest, Where } from 'payload'

import { isStudioStaff } from '@/access'
import { STUDIO_OWNED_COLLECTIONS } from '@/studios/studioOwned'

type Data = Record<string, unknown>

/** The document a client's update or delete by id names, as this caller may reach it. */
export interface ClientWriteTarget {
  /** The caller has no right to this operation at all (access false): Payload answers 403. */
  refused: boolean
  /**
   * The id names no document within the caller's operation access (404, as a read of it); for a
   * studio's staff with no right to the operation at all, none within their studios.
   */
  outside: boolean
  /** The stored document (raw, depth 0) when the caller may both read it and do the operation on it. */
  doc: (Data & { id: number | string }) | undefined
}

/** Lookups by the operation's `data` object (one per client operation), with what they looked up. */
const looked = new WeakMap<object, { key: string; target: Promise<ClientWriteTarget> }>()

const resultOf = async (
  access: Access | undefined,
  req: PayloadRequest,
  id: number | string,
  data?: Data,
): Promise<boolean | Where> => (access ? await access({ req, id: id as number, data }) : Boolean(req.user))

const lookUp = async (
  req: PayloadRequest,
  collection: Collection['config'],
  operation: 'update' | 'delete',
  id: number | string,
  data: Data | undefined,
): Promise<ClientWriteTarget> => {
  const allowed = await resultOf(collection.access[operation], req, id, data)
  const readable = await resultOf(collection.access.read, req, id)
  const byId: Where = { id: { equals: id } }
  const within = (...access: (boolean | Where)[]): Where => ({
    and: [byId, ...access.filter((where): where is Where => typeof where === 'object')],
  })
  const find = (where: Where) =>
    req.payload.db.findOne<Data & { id: number | string }>({ collection: collection.slug, where, req })
  if (allowed === false) {
    // No right to this operation at all: Payload's 403. But a studio's owner or editor is never
    // told another studio's document exists (an editor deleting a package, touching a tier): an
    // id outside their studios is a 404, as a read of it is (src/access/studioScope.ts).
    const outside =
      isStudioStaff(req.user) &&
      (STUDIO_OWNED_COLLECTIONS as readonly string[]).includes(collection.slug) &&
      typeof readable === 'object' &&
      !(await find(within(readable)))
    return { refused: !outside, outside, doc: undefined }
  }
  // One query when the caller may read what they may change (the usual case: the same rule, or read for all).
  const doc = readable === false ? null : await find(within(allowed, readable))
  if (doc) return { refused: false, outside: false, doc }
  if (typeof allowed !== 'object') return { refused: false, outside: false, doc: undefined }
  const sameRule = readable === true || JSON.stringify(readable) === JSON.stringify(allowed)
  const outside = sameRule || !(await find(within(allowed)))
  return { refused: false, outside, doc: undefined }
}

/**
 * The document a client's (REST, GraphQL) update or delete by `id` names, looked up once per
 * request and operation however many checks ask (notFoundOutsideAccess, refuseForbiddenFields,
 * the account's e-mail check): one query in the usual case (access and read rule combined),
 * two when the read rule differs from the operation's and the first finds nothing. Access
 * functions run with the caller's req; the query itself is the database adapter's (no hooks).
 * Shared through the operation's `data` object (the same object reaches every beforeOperation
 * hook), so another operation, even in the same request, looks up afresh.
 */
export const clientWriteTarget = (
  req: PayloadRequest,
  collection: Collection['config'],
  operation: 'update' | 'delete',
  id: number | string,
  data?: Data,
): Promise<ClientWriteTarget> => {
  const key = `${collection.slug}:${operation}:${id}`
  const cached = data ? looked.get(data) : undefined
  if (cached?.key === key) return cached.target
  const target = lookUp(req, collection, operation, id, data)
  if (data) looked.set(data, { key, target })
  return target
}
