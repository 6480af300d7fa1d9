import { forbidden } from '@/lib/errors'
import { requestOrigin } from '@/lib/requestOrigin'
import { settings } from '@/lib/settings'

import type { RouteMap } from './routeMap'

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** This app's public origin: SERVER_URL, else the origin the browser addressed (its Host header). */
const ownOrigin = (request: Request): string => {
  const { publicOrigin, trustProxy } = settings()
  return requestOrigin(request, { publicOrigin, trustProxy })
}

/**
 * CSRF: a state change carried by the session cookie must come from our own origin (SERVER_URL)
 * or one of `trusted` (Payload's allowlist: every active studio's own site, studioOrigins). Bearer
 * (JWT/API key) requests carry no ambient credential and are not checked.
 */
export const checkOrigin = (request: Request, map: RouteMap, trusted: readonly string[] = []): void => {
  if (!STATE_CHANGING.has(request.method)) return
  if (request.headers.get('authorization')) return
  const cookies = request.headers.get('cookie') ?? ''
  if (!cookies.split(';').some((part) => part.trim().startsWith(`${map.cookieName}=`))) return
  const origin =
    request.headers.get('origin') ??
    (request.headers.get('referer') ? safeOrigin(request.headers.get('referer')!) : null)
  if (origin === null) {
    if (request.headers.get('sec-fetch-site') === 'cross-site')
      throw forbidden('Cross-site requests may not change anything here.')
    return
  }
  if (origin !== ownOrigin(request) && !trusted.includes(origin))
    throw forbidden(`Requests from ${origin.slice(0, 100)} may not change anything here.`)
}

const safeOrigin = (url: string): string | null => {
  try {
    return new URL(url).origin
  } catch {
    return 'null'
  }
}
