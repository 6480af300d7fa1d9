import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { hasRole } from '@/access'
import { analyticsQuerySchema, resolvePeriod } from '@/analytics/period'
import { loadAnalyticsReport } from '@/analytics/report'
import { refreshAnalyticsRollups } from '@/analytics/rollup'
import { forbidden, unauthorized } from '@/lib/errors'

import { endpoint, json, parse, readJson } from './respond'

export const requireAdmin = (req: PayloadRequest, action: string): void => {
  if (!req.user) throw unauthorized()
  if (!hasRole(req.user, 'admin')) throw forbidden(`Only admins may ${action}.`)
}

const packageIdParam = z.coerce.number({ error: 'The package id must be a number.' }).int().positive('The package id must be a positive whole number.')
const refreshBody = z.object({ mode: z.enum(['incremental', 'full'], { error: 'mode must be incremental or full.' }).optional() })

const query = (req: PayloadRequest) => parse(analyticsQuerySchema, Object.fromEntries(req.searchParams ?? []))

const noStore = { 'cache-control': 'private, no-store' }

export const analyticsEndpoints: Endpoint[] = [
  {
    // The dashboard's data: every package, or one with ?packageId=.
    path: '/admin/analytics',
    method: 'get',
    handler: endpoint(async (req) => {
      requireAdmin(req, 'see analytics')
      const { packageId, ...range } = query(req)
      return json(await loadAnalyticsReport(req.payload, { period: resolvePeriod(range), packageId: packageId ?? null }), 200, noStore)
    }),
  },
  {
    path: '/admin/packages/:packageId/analytics',
    method: 'get',
    handler: endpoint(async (req) => {
      requireAdmin(req, 'see analytics')
      const packageId = parse(packageIdParam, req.routeParams?.packageId)
      const { packageId: _ignored, ...range } = query(req)
      return json(await loadAnalyticsReport(req.payload, { period: resolvePeriod(range), packageId }), 200, noStore)
    }),
  },
  {
    // Runs the hourly rollup now (incremental by default; "full" rebuilds every day).
    path: '/admin/analytics/refresh',
    method: 'post',
    handler: endpoint(async (req) => {
      requireAdmin(req, 'refresh analytics')
      const body = req.headers.get('content-type')?.includes('json') ? await readJson(req) : {}
      const { mode } = parse(refreshBody, body ?? {})
      const result = await refreshAnalyticsRollups(req.payload, { mode, trigger: 'manual', ranBy: req.user?.id as number })
      return json({ run: result })
    }),
  },
]
