import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'

import { type AnalyticsScope, requireAnalyticsScope } from '@/access'
import { analyticsQuerySchema, resolvePeriod } from '@/analytics/period'
import { loadAnalyticsReport } from '@/analytics/report'
import { studioWhere } from '@/analytics/studioFilter'

import { AnalyticsDashboard } from './AnalyticsDashboard'

const firstValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value

const scopeOf = (req: Parameters<typeof requireAnalyticsScope>[0]): AnalyticsScope | null => {
  try {
    return requireAnalyticsScope(req)
  } catch {
    return null
  }
}

/**
 * /admin/analytics: what sells, what works, what breaks. Platform admins (every studio, or the
 * one picked in the studio selector, with the studios side by side) and studio owners (their
 * studio's figures only); editors and customers are refused. Reads the rollups through the
 * local API (the same domain function and scope as GET /api/admin/analytics); the filters are
 * the page's query string, so a view can be bookmarked and shared.
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
  const scope = scopeOf(req)
  if (!scope) {
    return template(
      <div className="pp-analytics" data-testid="analytics-refused">
        <h1>Analytics</h1>
        <p>Only admins and studio owners can see the analytics dashboard.</p>
      </div>,
    )
  }
  const { studioIds, platform } = scope
  const raw = Object.fromEntries(
    Object.entries(searchParams ?? {})
      .map(([key, value]) => [key, firstValue(value)])
      .filter(([, value]) => value !== undefined && value !== ''),
  )
  const parsed = analyticsQuerySchema.safeParse(raw)
  const query = parsed.success ? parsed.data : {}
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Those filters are not valid.')
  const period = resolvePeriod(query)
  const options = { period, studioIds, compareStudios: platform }
  const [report, packages, studios] = await Promise.all([
    loadAnalyticsReport(req.payload, { ...options, packageId: query.packageId ?? null }).catch(
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
      where: studioWhere(studioIds),
    }),
    studioIds === null
      ? null
      : req.payload.find({
          collection: 'studios',
          pagination: false,
          depth: 0,
          overrideAccess: true,
          sort: 'name',
          select: { name: true },
          where: studioWhere(studioIds, 'id'),
        }),
  ])
  const fallback = report ?? (await loadAnalyticsReport(req.payload, options))
  const scopeLabel = studios
    ? `Studio: ${studios.docs.map((studio) => studio.name).join(', ') || 'none'}`
    : 'Every studio (pick one in the studio selector to see its figures alone)'
  return template(
    <AnalyticsDashboard
      report={fallback}
      problem={problem ?? (report ? null : `No package with id ${query.packageId}; showing every package.`)}
      scopeLabel={scopeLabel}
      canRefresh={platform}
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
