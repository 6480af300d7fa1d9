import type { Payload, PayloadRequest } from 'payload'

import { settings } from '@/lib/settings'
import { siteOrigin } from '@/lib/siteOrigin'

import type { Studio } from './templates'

/**
 * The platform's name and public origin for e-mails: STUDIO_NAME and SERVER_URL (unset, in
 * development: http://localhost at the port the front serves on, settings' linkOrigin).
 */
export const studio = (): Studio => ({
  name: settings().studioName,
  url: settings().linkOrigin,
})

/** Who an e-mail speaks for: the studio's name and site in its text, and its `From` (undefined: the adapter's). */
export interface Sender {
  studio: Studio
  from?: string
}

/**
 * The origin of a studio's own site for links in its e-mails: its first hostname, else
 * `<slug>.` + PLATFORM_DOMAIN (siteOrigin: SERVER_URL's scheme and port, or the dev front's). Undefined when the
 * studio has neither.
 */
export const studioSiteOrigin = (studio: { slug: string; domains?: { hostname: string }[] | null }) => {
  const { linkOrigin, platformDomain } = settings()
  const hostname =
    studio.domains?.[0]?.hostname ?? (platformDomain ? `${studio.slug}.${platformDomain}` : undefined)
  return hostname ? siteOrigin(hostname, linkOrigin) : undefined
}

/**
 * The sender of an e-mail to user `userId` (issue 24: e-mails carry the studio's name and sender):
 * a customer's studio (`users.studio`, the site they signed up on) names itself, links to its own
 * site (studioSiteOrigin, never the request's Host) and sends from its branding's address and name
 * (else the platform's EMAIL_FROM under the studio's name). The default studio, staff and unknown
 * users keep the platform's STUDIO_NAME, SERVER_URL and EMAIL_FROM, as before studios.
 * A caller inside a transaction (Payload's forgot-password mail) passes its `req`: these reads
 * then run on the transaction's connection, never waiting for a second one while it holds its own.
 */
export const senderFor = async (
  payload: Payload,
  userId: number | null | undefined,
  req?: PayloadRequest,
): Promise<Sender> => {
  const platform = { studio: studio() }
  if (userId === null || userId === undefined) return platform
  const user = await payload.db.findOne<{ id: number; studio?: number | null }>({
    collection: 'users',
    where: { id: { equals: userId } },
    ...(req && { req }),
  })
  const studioId = user?.studio
  if (!studioId) return platform
  // The default studio is the lowest id (src/studios/defaultStudio.ts; e-mail sits a floor below studios).
  const { docs: first } = await payload.find({
    collection: 'studios',
    sort: 'id',
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    select: {},
    ...(req && { req }),
  })
  if (studioId === first[0]?.id) return platform
  const own = await payload
    .findByID({
      collection: 'studios',
      id: studioId,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      ...(req && { req }),
    })
    .catch(() => null)
  if (!own) return platform
  const address = own.branding?.emailFrom || settings().emailFrom
  const name = (own.branding?.emailFromName || own.name).replace(/["\\\r\n]/g, '')
  return {
    studio: { name: own.name, url: studioSiteOrigin(own) ?? platform.studio.url },
    ...(address && { from: `"${name}" <${address}>` }),
  }
}

/** The e-mail address of a user id, or null when the account is gone (erased). */
export const emailOf = async (
  payload: Payload,
  userId: number | null | undefined,
  req?: PayloadRequest,
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
      ...(req && { req }),
    })
    .catch(() => null)
  return user?.email ?? null
}

/** `address` when it is still the new address waiting for user `userId`'s confirmation, else null. */
export const pendingEmailOf = async (
  payload: Payload,
  userId: number,
  address: string,
  req?: PayloadRequest,
): Promise<string | null> => {
  const user = await payload.db.findOne<{ id: number; pendingEmail?: string | null }>({
    collection: 'users',
    where: { id: { equals: userId } },
    ...(req && { req }),
  })
  return user?.pendingEmail && user.pendingEmail === address ? address : null
}
