import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'

import { hasRole } from '@/access'
import { analyticsQuerySchema, resolvePeriod } from '@/analytics/period'
import { loadAnalyticsReport } from '@/analytics/report'

import { AnalyticsDashboard } from './AnalyticsDashboard'

const firstValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value

/**
 * /admin/analytics: what sells, what works, what breaks. Admins only. Reads the rollups
 * through the local API (the same domain function as GET /api/admin/analytics); the filters
 * are the page's query string, so a view can be bookmarked and shared.
 */
export async function AnalyticsView({
  initPageResult,
  params,
  searchParams,
}: AdminViewServerProps & { searchParams?: Record<string, string | string[]> }) {
  const { req, permissions, visibleEntities, locale } = initPageResult
  const template = (children: React.ReactNode) => (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <Gutter>{children}</Gutter>
    </DefaultTemplate>
  )
  if (!hasRole(req.user, 'admin')) {
    return template(
      <div className="pp-analytics" data-testid="analytics-refused">
        <h1>Analytics</h1>
        <p>Only admins can see the analytics dashboard.</p>
      </div>,
    )
  }
  const raw = Object.fromEntries(
    Object.entries(searchParams ?? {})
      .map(([key, value]) => [key, firstValue(value)])
      .filter(([, value]) => value !== undefined && value !== ''),
  )
  const parsed = analyticsQuerySchema.safeParse(raw)
  const query = parsed.success ? parsed.data : {}
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Those filters are not valid.')
  const period = resolvePeriod(query)
  const [report, packages] = await Promise.all([
    loadAnalyticsReport(req.payload, { period, packageId: query.packageId ?? null }).catch(
      (error: unknown) => {
        if (error instanceof Error && 'status' in error && (error as { status: number }).status === 404)
          return null
        throw error
      },
    ),
    req.payload.find({
      collection: 'photo-packages',
      pagination: false,
      depth: 0,
      overrideAccess: true,
      sort: 'name',
      select: { name: true, isActive: true },
    }),
  ])
  const fallback = report ?? (await loadAnalyticsReport(req.payload, { period }))
  return template(
    <AnalyticsDashboard
      report={fallback}
      problem={problem ?? (report ? null : `No package with id ${query.packageId}; showing every package.`)}
      packages={packages.docs.map((pkg) => ({
        id: pkg.id,
        name: pkg.name ?? `Package ${pkg.id}`,
        isActive: Boolean(pkg.isActive),
      }))}
      apiRoute={req.payload.config.routes.api}
      adminRoute={req.payload.config.routes.admin}
    />,
  )
}
