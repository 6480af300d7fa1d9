import type { PayloadRequest } from 'payload'
import { parseCookies } from 'payload/shared'

import { forbidden } from '@/lib/errors'

import { requireUser } from './requireUser'
import { hasRole } from './roles'
import { STUDIO_SELECTION_COOKIE, studioIdsOf } from './studioScope'

export interface AnalyticsScope {
  /** Whose figures: null every studio's, else these studios' ids. */
  studioIds: number[] | null
  /** A platform admin: sees the studios side by side and may refresh the rollups. */
  platform: boolean
}

/** Studio ids are Postgres integers: a larger "id" in the cookie names no studio. */
const MAX_ID = 2_147_483_647

/** The studio id in the selector's cookie; null when there is none or it is not an id. */
const pickedStudio = (req: PayloadRequest): number | null => {
  const raw = parseCookies(req.headers).get(STUDIO_SELECTION_COOKIE) ?? ''
  const value = /^\d{1,10}$/.test(raw) ? Number(raw) : 0
  return value > 0 && value <= MAX_ID ? value : null
}

/**
 * Endpoint guard for the analytics dashboard and GET /api/admin/analytics (issue 24): whose
 * figures the caller sees.
 * - A platform admin: the studio picked in the admin's studio selector (the `payload-tenant`
 *   cookie), else every studio (null).
 * - A studio owner: their studios (`tenants`), or the one of them picked in the selector; an
 *   owner of no studio sees nothing.
 * - Editors are refused, as customers are: the figures are the studio's money (revenue, margins,
 *   the platform's fees), the owner's business like tiers, bundles and refunds.
 * Errors: 401 signed out; 403 "Only admins and owners may see analytics." otherwise.
 */
export const requireAnalyticsScope = (req: PayloadRequest, action = 'see analytics'): AnalyticsScope => {
  const user = requireUser(req)
  const picked = pickedStudio(req)
  if (hasRole(user, 'admin')) return { studioIds: picked === null ? null : [picked], platform: true }
  if (!hasRole(user, 'owner')) throw forbidden(`Only admins and owners may ${action}.`)
  const own = studioIdsOf(user).map(Number)
  return { studioIds: picked !== null && own.includes(picked) ? [picked] : own, platform: false }
}
