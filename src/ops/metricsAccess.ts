import { timingSafeEqual } from 'node:crypto'

import { settings } from '@/lib/settings'
import { INTERNAL_TOKEN_HEADER } from '@server/contract.mjs'

/** The header the front sends with its own per-start token (PHOTO_PACKAGES_INTERNAL_TOKEN) to its child. */
export { INTERNAL_TOKEN_HEADER }

const same = (given: string | null | undefined, expected: string | undefined): boolean => {
  if (!given || !expected) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Who may read /metrics: `front` (server/front.mjs, with the token it gave its child at start), `token`
 * (`Authorization: Bearer $METRICS_TOKEN`, RFC 6750), or a Response to send instead: 401 with
 * `WWW-Authenticate: Bearer` for a missing or wrong token, 404 when METRICS_TOKEN is not set
 * (metrics are then only on METRICS_PORT, bound to loopback).
 */
export const metricsAccess = (headers: Headers): 'front' | 'token' | Response => {
  if (same(headers.get(INTERNAL_TOKEN_HEADER), settings().internalToken)) return 'front'
  const token = settings().metricsToken
  if (!token)
    return Response.json(
      { errors: [{ message: 'Not Found' }] },
      { status: 404, headers: { 'cache-control': 'no-store' } },
    )
  if (same(headers.get('authorization'), `Bearer ${token}`)) return 'token'
  return Response.json(
    { errors: [{ message: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.' }] },
    { status: 401, headers: { 'cache-control': 'no-store', 'www-authenticate': 'Bearer realm="metrics"' } },
  )
}
