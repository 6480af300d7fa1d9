import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { requireRole } from '@/access'
import { analyticsQuerySchema, resolvePeriod } from '@/analytics/period'
import { loadAnalyticsReport } from '@/analytics/report'
import { refreshAnalyticsRollups } from '@/analytics/rollup'

import { endpoint, json, parse, readJson, routeId } from './respond'

const refreshBody = z.object({
  mode: z.enum(['incremental', 'full'], { error: 'mode must be incremental or full.' }).optional(),
})

const query = (req: PayloadRequest) => parse(analyticsQuerySchema, Object.fromEntries(req.searchParams ?? []))

const noStore = { 'cache-control': 'private, no-store' }

export const analyticsEndpoints: Endpoint[] = [
  {
    // The dashboard's data: every package, or one with ?packageId=.
    path: '/admin/analytics',
    method: 'get',
    handler: endpoint(async (req) => {
      requireRole(req, ['admin'], 'see analytics')
      const { packageId, ...range } = query(req)
      return json(
        await loadAnalyticsReport(req.payload, {
          period: resolvePeriod(range),
          packageId: packageId ?? null,
        }),
        200,
        noStore,
      )
    }),
  },
  {
    path: '/admin/packages/:packageId/analytics',
    method: 'get',
    handler: endpoint(async (req) => {
      requireRole(req, ['admin'], 'see analytics')
      const packageId = routeId(req, 'package', 'packageId')
      const { packageId: _ignored, ...range } = query(req)
      return json(
        await loadAnalyticsReport(req.payload, { period: resolvePeriod(range), packageId }),
        200,
        noStore,
      )
    }),
  },
  {
    // Runs the hourly rollup now (incremental by default; "full" rebuilds every day).
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
