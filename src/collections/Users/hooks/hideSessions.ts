import type { CollectionAfterReadHook } from 'payload'

import type { User } from '@/payload-types'

/**
 * Leaves Payload's session list out of every read but the server's own (overrideAccess: the JWT
 * strategy's findByID, which checks a token's `sid` against it). The field's read access alone
 * leaves an empty `sessions: []` in the answer (Payload fills a denied array with []); this drops
 * the key. Login, refresh, logout and reset read and write the list through payload.db.
 */
export const hideSessions: CollectionAfterReadHook<User> = ({ doc, overrideAccess }) => {
  if (overrideAccess || !doc || !('sessions' in doc)) return doc
  const { sessions: _sessions, ...rest } = doc
  return rest as User
}
