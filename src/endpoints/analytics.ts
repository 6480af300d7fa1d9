import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { type AnalyticsScope, requireAnalyticsScope, requireRole } from '@/access'
import { analyticsQuerySchema, resolvePeriod } from '@/analytics/period'
import { loadAnalyticsReport } from '@/analytics/report'
import { refreshAnalyticsRollups } from '@/analytics/rollup'

import { endpoint, json, parse, readJson, routeId } from './respond'

const refreshBody = z.object({
  mode: z.enum(['incremental', 'full'], { error: 'mode must be incremental or full.' }).optional(),
})

const query = (req: PayloadRequest) => parse(analyticsQuerySchema, Object.fromEntries(req.searchParams ?? []))

const noStore = { 'cache-control': 'private, no-store' }

/**
 * The report for the caller's scope (requireAnalyticsScope): a studio owner's studios, a platform
 * admin's picked studio or every studio, with the studios side by side for platform admins.
 */
const reportFor = (
  req: PayloadRequest,
  { studioIds, platform }: AnalyticsScope,
  packageId: number | null,
  range: Parameters<typeof resolvePeriod>[0],
) =>
  loadAnalyticsReport(req.payload, {
    period: resolvePeriod(range),
    packageId,
    studioIds,
    compareStudios: platform,
  })

export const analyticsEndpoints: Endpoint[] = [
  {
    // The dashboard's data: every package of the caller's scope, or one with ?packageId=.
    path: '/admin/analytics',
    method: 'get',
    handler: endpoint(async (req) => {
      const scope = requireAnalyticsScope(req)
      const { packageId, ...range } = query(req)
      return json(await reportFor(req, scope, packageId ?? null, range), 200, noStore)
    }),
  },
  {
    // One package's figures; a package outside the caller's scope is a 404.
    path: '/admin/packages/:packageId/analytics',
    method: 'get',
    handler: endpoint(async (req) => {
      const scope = requireAnalyticsScope(req)
      const packageId = routeId(req, 'package', 'packageId')
      const { packageId: _ignored, ...range } = query(req)
      return json(await reportFor(req, scope, packageId, range), 200, noStore)
    }),
  },
  {
    // Runs the hourly rollup now (incremental by default; "full" rebuilds every day): platform admins
    // only, as it recomputes every studio's days.
    path: '/admin/analytics/refresh',
    method: 'post',
    handler: endpoint(async (req) => {
      requireRole(req, ['admin'], 'refresh analytics')
      const body = req.headers.get('content-type')?.includes('json') ? await readJson(req) : {}
      const { mode } = parse(refreshBody, body ?? {})
      const result = await refreshAnalyticsRollups(req.payload, {
        mode,
        trigger: 'manual',
        ranBy: req.user?.id as number,
      })
      return json({ run: result })
    }),
  },
]
