import type { Payload } from 'payload'

import { settings } from '@/lib/settings'

import type { Studio } from './templates'

/** The studio's name and public origin for e-mails: STUDIO_NAME and SERVER_URL (localhost:3000 when unset). */
export const studio = (): Studio => ({
  name: settings().studioName,
  url: settings().publicOrigin ?? 'http://localhost:3000',
})

/** The e-mail address of a user id, or null when the account is gone (erased). */
export const emailOf = async (
  payload: Payload,
  userId: number | null | undefined,
): Promise<string | null> => {
  if (userId === null || userId === undefined) return null
  const user = await payload
    .findByID({
      collection: 'users',
      id: userId,
      depth: 0,
      select: { email: true },
      overrideAccess: true,
      disableErrors: true,
    })
    .catch(() => null)
  return user?.email ?? null
}

/** `address` when it is still the new address waiting for user `userId`'s confirmation, else null. */
export const pendingEmailOf = async (
  payload: Payload,
  userId: number,
  address: string,
): Promise<string | null> => {
  const user = await payload.db.findOne<{ id: number; pendingEmail?: string | null }>({
    collection: 'users',
    where: { id: { equals: userId } },
  })
  return user?.pendingEmail && user.pendingEmail === address ? address : null
}
