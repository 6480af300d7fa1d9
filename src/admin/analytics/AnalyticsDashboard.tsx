'use client'

import { Banner, Button, toast, useStepNav } from '@payloadcms/ui'
import { usePathname, useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import { formatDuration, formatMoney, formatNumber, formatPercent } from '@/analytics/format'
import type { AnalyticsReport, Kpi, PackageRow, ThemeRow } from '@/analytics/report'
import { ImageModelTable } from './ImageModelTable'
import { LikenessTable } from './LikenessTable'

import '../admin-tools.css'

interface Props {
  report: AnalyticsReport
  packages: Array<{ id: number; name: string; isActive: boolean }>
  problem: string | null
  apiRoute: string
  adminRoute: string
}

/** The per-package table's columns: shown on screen and exported as CSV, the same figures. */
const COLUMNS: Array<{
  label: string
  cell: (row: PackageRow) => string
  csv: (row: PackageRow) => number | string
}> = [
  { label: 'Package', cell: (row) => row.name, csv: (row) => row.name },
  { label: 'Generations', cell: (row) => formatNumber(row.generations), csv: (row) => row.generations },
  { label: 'Unique users', cell: (row) => formatNumber(row.uniqueUsers), csv: (row) => row.uniqueUsers },
  { label: 'Images', cell: (row) => formatNumber(row.imagesGenerated), csv: (row) => row.imagesGenerated },
  {
    label: 'Success rate',
    cell: (row) => formatPercent(row.successRate),
    csv: (row) => (row.successRate === null ? '' : (row.successRate * 100).toFixed(2)),
  },
  {
    label: 'Failed',
    cell: (row) => formatNumber(row.failedGenerations),
    csv: (row) => row.failedGenerations,
  },
  {
    label: 'Avg processing',
    cell: (row) => formatDuration(row.avgProcessingMs),
    csv: (row) => row.avgProcessingMs ?? '',
  },
  {
    label: 'Avg rating',
    cell: (row) => (row.avgRating === null ? '—' : `${row.avgRating.toFixed(2)} (${row.ratingCount})`),
    csv: (row) => (row.avgRating === null ? '' : row.avgRating.toFixed(3)),
  },
  {
    label: 'Revenue',
    cell: (row) => formatMoney(row.revenueCents),
    csv: (row) => (row.revenueCents / 100).toFixed(2),
  },
  { label: 'Shoots sold', cell: (row) => formatNumber(row.shootsSold), csv: (row) => row.shootsSold },
  { label: 'Shoots used', cell: (row) => formatNumber(row.shootsUsed), csv: (row) => row.shootsUsed },
  {
    label: 'Provider cost',
    cell: (row) => formatMoney(row.estimatedCostCents),
    csv: (row) => (row.estimatedCostCents / 100).toFixed(4),
  },
  {
    label: 'Margin',
    cell: (row) =>
      `${formatMoney(row.marginCents)}${row.marginRatio === null ? '' : ` (${formatPercent(row.marginRatio, 0)})`}`,
    csv: (row) => (row.marginCents / 100).toFixed(4),
  },
  {
    label: 'Margin / shoot',
    cell: (row) => (row.marginPerShootCents === null ? '—' : formatMoney(row.marginPerShootCents)),
    csv: (row) => (row.marginPerShootCents === null ? '' : (row.marginPerShootCents / 100).toFixed(4)),
  },
]
const CSV_HEADERS = [
  'Package',
  'Generations',
  'Unique users',
  'Images generated',
  'Success rate (%)',
  'Failed generations',
  'Avg processing (ms)',
  'Avg rating',
  'Revenue (USD)',
  'Shoots sold',
  'Shoots used',
  'Provider cost (USD)',
  'Margin (USD)',
  'Margin per shoot (USD)',
]

const csvCell = (value: number | string): string => {
  const text = String(value)
  return /[",\n]/.test(text) || /^[=+\-@]/.test(text)
    ? `"${text.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"`
    : text
}

const downloadCsv = (report: AnalyticsReport) => {
  const lines = [
    CSV_HEADERS.join(','),
    ...report.packages.map((row) => COLUMNS.map((column) => csvCell(column.csv(row))).join(',')),
  ]
  const blob = new Blob([`${lines.join('\n')}\n`], { type: 'text/csv;charset=utf-8' })
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = `package-analytics_${report.period.from}_${report.period.to}${report.package ? `_${report.package.slug ?? report.package.id}` : ''}.csv`
  document.body.appendChild(link)
  link.click()
  link.remove()
  URL.revokeObjectURL(link.href)
}

const shortDay = (day: string) => day.slice(5)

function KpiCard({ kpi }: { kpi: Kpi }) {
  return (
    <div className="pp-card" data-testid={`kpi-${kpi.key}`}>
      <div className="pp-card__label">{kpi.label}</div>
      <div className="pp-card__value">{kpi.display}</div>
      <p className="pp-card__definition">{kpi.definition}</p>
    </div>
  )
}

function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string
  value: string
  hint: string
  testId?: string
}) {
  return (
    <div className="pp-stat" title={hint} data-testid={testId}>
      <div className="pp-stat__label">{label}</div>
      <div className="pp-stat__value">{value}</div>
    </div>
  )
}

function ThemeTable({
  title,
  rows,
  testId,
  empty,
}: {
  title: string
  rows: ThemeRow[]
  testId: string
  empty: string
}) {
  return (
    <div className="pp-panel" data-testid={testId}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="pp-muted">{empty}</p>
      ) : (
        <table className="pp-table">
          <thead>
            <tr>
              <th>Theme</th>
              <th>Package</th>
              <th>Generations</th>
              <th>Share</th>
              <th>Success rate</th>
              <th>Avg rating</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.themeId}>
                <td>{row.name}</td>
                <td>{row.packageName}</td>
                <td>{formatNumber(row.generations)}</td>
                <td>{formatPercent(row.share)}</td>
                <td>{formatPercent(row.successRate)}</td>
                <td>{row.avgRating === null ? '—' : `${row.avgRating.toFixed(2)} (${row.ratingCount})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
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
 * The analytics dashboard: filters (timeframe or range, package), KPI cards with their
 * definitions, daily trend charts, the per-package table with CSV export, and top themes.
 */
export function AnalyticsDashboard({ report, packages, problem, apiRoute, adminRoute }: Props) {
  const router = useRouter()
  const pathname = usePathname()
  const [pending, startTransition] = useTransition()
  const [timeframe, setTimeframe] = useState<string>(report.period.timeframe ?? 'custom')
  const [from, setFrom] = useState(report.period.from)
  const [to, setTo] = useState(report.period.to)
  const [packageId, setPackageId] = useState(report.package ? String(report.package.id) : '')
  const [refreshing, setRefreshing] = useState(false)
  const { setStepNav } = useStepNav()
  useEffect(() => setStepNav([{ label: 'Analytics' }]), [setStepNav])

  const apply = (event?: React.FormEvent) => {
    event?.preventDefault()
    const params = new URLSearchParams()
    if (timeframe === 'custom') {
      params.set('from', from)
      params.set('to', to)
    } else params.set('timeframe', timeframe)
    if (packageId) params.set('packageId', packageId)
    startTransition(() => router.push(`${pathname ?? `${adminRoute}/analytics`}?${params.toString()}`))
  }

  const refresh = async () => {
    setRefreshing(true)
    try {
      const response = await fetch(`${apiRoute}/admin/analytics/refresh`, {
        method: 'POST',
        credentials: 'include',
      })
      const body = await response.json().catch(() => ({}))
      if (!response.ok) throw new Error(body.error ?? `The server answered ${response.status}.`)
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
    if (!neverComputed || firstRunAsked.current) return
    // Marked when it fires, not when scheduled: Strict Mode's mount-unmount-mount clears the first timer.
    const timer = setTimeout(() => {
      firstRunAsked.current = true
      void refresh()
    }, 0)
    return () => clearTimeout(timer)
  })

  const { totals, kpis, daily } = report
  const chartDaily = daily.map((point) => ({
    ...point,
    day: shortDay(point.day),
    revenue: point.revenueCents / 100,
    cost: point.estimatedCostCents / 100,
  }))
  const distribution = (
    kpis.themeDiversity.details.distribution as Array<{ name: string; generations: number }>
  ).slice(0, 12)
  const title = report.package ? report.package.name : 'All packages'

  return (
    <div className="pp-analytics" data-testid="analytics-dashboard" aria-busy={pending}>
      <header className="pp-analytics__header">
        <div>
          <h1>Analytics · {title}</h1>
          <p className="pp-muted" data-testid="analytics-period">
            {report.period.from} to {report.period.to} ({report.period.days} days, UTC) · last refreshed{' '}
            <span data-testid="analytics-last-refreshed">
              {report.dataAsOf ? new Date(report.dataAsOf).toUTCString() : 'never (no rollup yet)'}
            </span>
          </p>
        </div>
        <div className="pp-analytics__actions">
          <Button buttonStyle="secondary" size="small" margin={false} onClick={refresh} disabled={refreshing}>
            {refreshing ? 'Refreshing…' : 'Refresh figures'}
          </Button>
          <Button buttonStyle="secondary" size="small" margin={false} onClick={() => downloadCsv(report)}>
            Export table (CSV)
          </Button>
        </div>
      </header>
      {problem && <Banner type="error">{problem}</Banner>}
      {neverComputed && (
        <div data-testid="analytics-first-run">
          <Banner type="info">
            The figures have not been computed yet (the rollup runs hourly). Computing them now…
          </Banner>
        </div>
      )}
      {report.refresh.lastError && <RefreshFailure report={report} />}

      <form className="pp-filters" onSubmit={apply} data-testid="analytics-filters">
        <label>
          Timeframe
          <select value={timeframe} onChange={(event) => setTimeframe(event.target.value)} name="timeframe">
            <option value="7d">Last 7 days</option>
            <option value="30d">Last 30 days</option>
            <option value="90d">Last 90 days</option>
            <option value="custom">Custom range</option>
          </select>
        </label>
        {timeframe === 'custom' && (
          <>
            <label>
              From
              <input
                type="date"
                value={from}
                onChange={(event) => setFrom(event.target.value)}
                name="from"
                required
              />
            </label>
            <label>
              To
              <input
                type="date"
                value={to}
                onChange={(event) => setTo(event.target.value)}
                name="to"
                required
              />
            </label>
          </>
        )}
        <label>
          Package
          <select value={packageId} onChange={(event) => setPackageId(event.target.value)} name="packageId">
            <option value="">All packages</option>
            {packages.map((pkg) => (
              <option key={pkg.id} value={pkg.id}>
                {pkg.name}
                {pkg.isActive ? '' : ' (inactive)'}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" buttonStyle="primary" size="small" margin={false} disabled={pending}>
          {pending ? 'Loading…' : 'Show'}
        </Button>
      </form>

      <section className="pp-stats" aria-label="Totals">
        <Stat
          label="Generations"
          value={formatNumber(totals.generations)}
          hint={report.definitions.generations}
        />
        <Stat
          label="Unique users"
          value={formatNumber(totals.uniqueUsers)}
          hint={report.definitions.uniqueUsers}
        />
        <Stat
          label="Images"
          value={formatNumber(totals.imagesGenerated)}
          hint={report.definitions.imagesGenerated}
        />
        <Stat
          label="Success rate"
          value={formatPercent(totals.successRate)}
          hint={report.definitions.successRate}
        />
        <Stat
          label="Avg processing"
          value={formatDuration(totals.avgProcessingMs)}
          hint={report.definitions.avgProcessingMs}
        />
        <Stat
          label="Avg rating"
          value={totals.avgRating === null ? '—' : `${totals.avgRating.toFixed(2)} / 5`}
          hint={report.definitions.avgRating}
        />
        <Stat
          label="Revenue"
          value={formatMoney(totals.revenueCents)}
          hint={report.definitions.revenueCents}
        />
        <Stat
          label="Shoots sold"
          value={formatNumber(totals.shootsSold)}
          hint={report.definitions.shootsSold}
        />
        <Stat
          label="Shoots used"
          value={formatNumber(totals.shootsUsed)}
          hint={report.definitions.shootsUsed}
        />
        <Stat
          label="Provider cost"
          value={formatMoney(totals.estimatedCostCents)}
          hint={report.definitions.estimatedCostCents}
          testId="stat-cost"
        />
        <Stat
          label="Margin"
          value={`${formatMoney(totals.marginCents)}${totals.marginRatio === null ? '' : ` (${formatPercent(totals.marginRatio, 0)})`}`}
          hint={report.definitions.marginCents}
          testId="stat-margin"
        />
        <Stat
          label="Margin per shoot"
          value={totals.marginPerShootCents === null ? '—' : formatMoney(totals.marginPerShootCents)}
          hint={report.definitions.marginPerShootCents}
          testId="stat-margin-per-shoot"
        />
      </section>

      <section className="pp-kpis" aria-label="KPIs">
        {Object.values(kpis).map((kpi) => (
          <KpiCard key={kpi.key} kpi={kpi} />
        ))}
      </section>

      <section className="pp-charts">
        <div className="pp-panel" data-testid="chart-generations">
          <h3>Generations per day</h3>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={chartDaily} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--theme-elevation-150)" />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={16} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
              <Tooltip />
              <Legend />
              <Line
                type="monotone"
                dataKey="generations"
                name="Generations"
                stroke="#2f6fde"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="failedGenerations"
                name="Failed"
                stroke="#d64545"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <div className="pp-panel" data-testid="chart-revenue">
          <h3>Revenue and provider cost per day (USD)</h3>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={chartDaily} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--theme-elevation-150)" />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={16} />
              <YAxis tick={{ fontSize: 11 }} width={48} />
              <Tooltip formatter={(value) => formatMoney(Number(value) * 100)} />
              <Legend />
              <Bar dataKey="revenue" name="Revenue" fill="#1f9d74" isAnimationActive={false} />
              <Bar dataKey="cost" name="Provider cost" fill="#d9822b" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <div className="pp-panel" data-testid="chart-themes">
          <h3>Usage across themes</h3>
          {distribution.length === 0 ? (
            <p className="pp-muted">No generations in this period.</p>
          ) : (
            <ResponsiveContainer width="100%" height={Math.max(160, distribution.length * 26 + 40)}>
              <BarChart
                data={distribution}
                layout="vertical"
                margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
              >
                <CartesianGrid strokeDasharray="3 3" stroke="var(--theme-elevation-150)" />
                <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
                <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11 }} />
                <Tooltip />
                <Bar dataKey="generations" name="Generations" fill="#7a5af5" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </div>
      </section>

      <section className="pp-panel" data-testid="package-table">
        <h3>Packages</h3>
        <div className="pp-table-wrap">
          <table className="pp-table">
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th key={column.label}>{column.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.packages.map((row) => (
                <tr key={row.packageId ?? 'none'} data-testid={`package-row-${row.slug ?? 'none'}`}>
                  {COLUMNS.map((column) => (
                    <td key={column.label}>{column.cell(row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="pp-themes">
        <ThemeTable
          title="Top themes by usage"
          rows={report.topThemesByUsage}
          testId="top-themes-usage"
          empty="No generations in this period."
        />
        <ThemeTable
          title="Top themes by rating (3+ ratings)"
          rows={report.topThemesByRating}
          testId="top-themes-rating"
          empty="No theme has 3 ratings in this period yet."
        />
      </section>

      <ImageModelTable rows={report.imageModels} />
      <LikenessTable rows={report.likeness} />
    </div>
  )
}
