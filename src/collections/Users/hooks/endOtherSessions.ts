import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@/payload-types'

type Session = NonNullable<User['sessions']>[number]

/**
 * A new e-mail address signs the account out everywhere but the session that changed it (none
 * when staff changed someone else's): sessions live on the user row (Payload's `auth.useSessions`,
 * each JWT names its `sid`), so dropping them ends those tokens at once. Payload does the same for
 * a new password by itself (keeping the caller's session) and for a reset (keeping none).
 */
export const endOtherSessions: CollectionAfterChangeHook<User> = async ({
  doc,
  operation,
  previousDoc,
  req,
}) => {
  if (operation !== 'update' || !previousDoc?.email) return doc
  if (previousDoc.email.toLowerCase() === doc.email.toLowerCase()) return doc
  const stored = await req.payload.db.findOne<{ id: number; sessions?: Session[] | null }>({
    collection: 'users',
    where: { id: { equals: doc.id } },
    req,
  })
  const own =
    req.user?.collection === 'users' && String(req.user.id) === String(doc.id)
      ? (req.user as { _sid?: string })._sid
      : undefined
  const sessions = (stored?.sessions ?? []).filter((session) => own !== undefined && session.id === own)
  if (sessions.length === (stored?.sessions ?? []).length) return doc
  await req.payload.db.updateOne({
    collection: 'users',
    id: doc.id,
    data: { sessions },
    req,
    returning: false,
  })
  return doc
}
