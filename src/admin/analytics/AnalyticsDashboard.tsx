'use client'

import { Banner, Button, toast, useStepNav } from '@payloadcms/ui'
import { usePathname, useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition } from 'react'

import type { AnalyticsReport } from '@/analytics/report'
import { bodyOrThrow, postJson } from '@/components/api'

import { DashboardFilters } from './DashboardFilters'
import { ImageModelTable } from './ImageModelTable'
import { LikenessTable } from './LikenessTable'
import { downloadCsv, PackageTable } from './PackageTable'
import { StudioTable } from './StudioTable'
import { KpiPanel, TotalsPanel } from './SummaryPanels'
import { TopThemes } from './ThemeTables'
import { TrendCharts } from './TrendCharts'

import '../admin-tools.css'
import '../admin-widgets.css'

interface Props {
  report: AnalyticsReport
  packages: Array<{ id: number; name: string; isActive: boolean }>
  problem: string | null
  /** Whose figures: "every studio", or the studios' names. */
  scopeLabel: string
  /** A platform admin: may refresh the rollups (they are every studio's). */
  canRefresh: boolean
  apiRoute: string
  adminRoute: string
}

/** The newest rollup run failed: say when and why, and how old the figures shown are. */
function RefreshFailure({ report }: { report: AnalyticsReport }) {
  const failure = report.refresh.lastError
  if (!failure) return null
  return (
    <Banner type="error">
      <span data-testid="analytics-refresh-error">
        The last {failure.trigger === 'schedule' ? 'scheduled' : 'manual'} refresh failed at{' '}
        {new Date(failure.at).toUTCString()}: {failure.message}. The figures shown are from{' '}
        {report.dataAsOf ? new Date(report.dataAsOf).toUTCString() : 'no successful refresh yet'}; the hourly
        job tries again, or use Refresh figures.
      </span>
    </Banner>
  )
}

/**
 * The analytics dashboard: filters (timeframe or range, package), the totals, KPI cards with their
 * definitions, daily trend charts, the per-package table with CSV export, top themes, image
 * models and likeness; each panel is its own component beside this one. This one holds the
 * header (refresh, export), the banners and the first computation on a fresh install. Platform
 * admins also see the studios side by side; a studio's owner sees their studio's figures only.
 */
export function AnalyticsDashboard({
  report,
  packages,
  problem,
  scopeLabel,
  canRefresh,
  apiRoute,
  adminRoute,
}: Props) {
  const router = useRouter()
  const pathname = usePathname()
  const [pending, startTransition] = useTransition()
  const [refreshing, setRefreshing] = useState(false)
  const { setStepNav } = useStepNav()
  useEffect(() => setStepNav([{ label: 'Analytics' }]), [setStepNav])

  const apply = (params: URLSearchParams) =>
    startTransition(() => router.push(`${pathname ?? `${adminRoute}/analytics`}?${params.toString()}`))

  const refresh = async () => {
    setRefreshing(true)
    try {
      const body = bodyOrThrow(
        await postJson<{ run: { days: string[] } }>(`${apiRoute}/admin/analytics/refresh`),
      )
      toast.success(`Figures refreshed: ${body.run.days.length} day(s) recomputed.`)
    } catch (error) {
      toast.error(error instanceof Error ? error.message : String(error))
    } finally {
      setRefreshing(false)
      // Either way the page re-reads the report: new figures, or the failed run's banner.
      startTransition(() => router.refresh())
    }
  }

  // A studio that has never had a rollup (a fresh install, before the first hourly run) would
  // see zeros that look like real figures: the first visit computes them instead.
  const neverComputed = !report.dataAsOf && !report.refresh.lastRun
  const firstRunAsked = useRef(false)
  useEffect(() => {
    if (!neverComputed || !canRefresh || firstRunAsked.current) return
    // Marked when it fires, not when scheduled: Strict Mode's mount-unmount-mount clears the first timer.
    const timer = setTimeout(() => {
      firstRunAsked.current = true
      void refresh()
    }, 0)
    return () => clearTimeout(timer)
  })

  const title = report.package ? report.package.name : 'All packages'

  return (
    <div className="pp-analytics" data-testid="analytics-dashboard" aria-busy={pending}>
      <header className="pp-analytics__header">
        <div>
          <h1>Analytics · {title}</h1>
          <p className="pp-muted" data-testid="analytics-scope">
            {scopeLabel}
          </p>
          <p className="pp-muted" data-testid="analytics-period">
            {report.period.from} to {report.period.to} ({report.period.days} days, UTC) · last refreshed{' '}
            <span data-testid="analytics-last-refreshed">
              {report.dataAsOf ? new Date(report.dataAsOf).toUTCString() : 'never (no rollup yet)'}
            </span>
          </p>
        </div>
        <div className="pp-analytics__actions">
          {canRefresh && (
            <Button
              buttonStyle="secondary"
              size="small"
              margin={false}
              onClick={refresh}
              disabled={refreshing}
            >
              {refreshing ? 'Refreshing…' : 'Refresh figures'}
            </Button>
          )}
          <Button buttonStyle="secondary" size="small" margin={false} onClick={() => downloadCsv(report)}>
            Export table (CSV)
          </Button>
        </div>
      </header>
      {problem && <Banner type="error">{problem}</Banner>}
      {neverComputed && (
        <div data-testid="analytics-first-run">
          <Banner type="info">
            The figures have not been computed yet (the rollup runs hourly).
            {canRefresh ? ' Computing them now…' : ''}
          </Banner>
        </div>
      )}
      {report.refresh.lastError && <RefreshFailure report={report} />}

      <DashboardFilters report={report} packages={packages} pending={pending} onApply={apply} />
      {report.studios && <StudioTable rows={report.studios} />}
      <TotalsPanel totals={report.totals} definitions={report.definitions} />
      <KpiPanel kpis={report.kpis} />
      <TrendCharts report={report} />
      <PackageTable rows={report.packages} />
      <TopThemes report={report} />

      <ImageModelTable rows={report.imageModels} />
      <LikenessTable rows={report.likeness} />
    </div>
  )
}
