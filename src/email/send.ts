import type { Payload } from 'payload'

import type { Studio } from './templates'

/** The studio's name and public origin for e-mails: STUDIO_NAME and SERVER_URL. */
export const studio = (): Studio => ({
  name: process.env.STUDIO_NAME || 'Photo Packages',
  url: (process.env.SERVER_URL || 'http://localhost:3000').replace(/\/$/, ''),
})

/** The e-mail address of a user id, or null when the account is gone (erased). */
export const emailOf = async (payload: Payload, userId: number | null | undefined): Promise<string | null> => {
  if (userId === null || userId === undefined) return null
  const user = await payload
    .findByID({ collection: 'users', id: userId, depth: 0, select: { email: true }, overrideAccess: true })
    .catch(() => null)
  return user?.email ?? null
}
