import type { PayloadRequest } from 'payload'

import { settings } from '@/lib/settings'
import { siteOrigin } from '@/lib/siteOrigin'
import { defaultStudioId } from '@/studios/defaultStudio'
import { requestHost } from '@/studios/resolveStudio'

/**
 * The origin Stripe sends people back to, from settings and a request's headers. Pure.
 * SERVER_URL (`publicOrigin`) when set (production requires it); else the host the request was
 * addressed to (requestHost: X-Forwarded-Host only behind a trusted proxy, TRUST_PROXY) at the
 * scheme and port of `linkOrigin`; else `linkOrigin`. Client-sent X-Forwarded-Host and
 * X-Forwarded-Proto are never read without TRUST_PROXY (they were, when SERVER_URL was unset).
 */
export const returnOrigin = (
  headers: Pick<Headers, 'get'>,
  {
    publicOrigin,
    linkOrigin,
    trustProxy,
  }: { publicOrigin?: string; linkOrigin: string; trustProxy: boolean },
): string => {
  if (publicOrigin) return publicOrigin
  const host = requestHost(headers, trustProxy)
  return host ? siteOrigin(host.includes(':') ? `[${host}]` : host, linkOrigin) : linkOrigin
}

/** The origin Stripe sends people back to for `req`: returnOrigin with this process's settings. */
export const publicOrigin = (req: PayloadRequest): string => returnOrigin(req.headers, settings())

/**
 * The site a customer bought on, where Stripe sends them back (success and cancel URLs): the
 * default studio's is publicOrigin, as before studios; another studio's is the host the request
 * was addressed to (one of its own, since resolveStudio matched it) at SERVER_URL's scheme and
 * port. A customer returned to another origin would arrive signed out (the session cookie is the site's).
 */
export const shopOrigin = async (
  req: PayloadRequest,
  studioId: number | null | undefined,
): Promise<string> => {
  if (studioId === null || studioId === undefined || studioId === (await defaultStudioId(req.payload, req)))
    return publicOrigin(req)
  const host = requestHost(req.headers, settings().trustProxy)
  return host ? siteOrigin(host, settings().linkOrigin) : publicOrigin(req)
}
