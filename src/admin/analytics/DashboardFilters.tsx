'use client'

import { Button } from '@payloadcms/ui'
import { useState } from 'react'

import type { AnalyticsReport } from '@/analytics/report'

/**
 * The dashboard's filters: a timeframe (7, 30 or 90 days) or a custom UTC range, and one package
 * or all. Show hands the query (`timeframe` or `from` and `to`, and `packageId`) to `onApply`.
 */
export function DashboardFilters({
  report,
  packages,
  pending,
  onApply,
}: {
  report: AnalyticsReport
  packages: Array<{ id: number; name: string; isActive: boolean }>
  /** A navigation is under way: Show waits. */
  pending: boolean
  onApply: (params: URLSearchParams) => void
}) {
  const [timeframe, setTimeframe] = useState<string>(report.period.timeframe ?? 'custom')
  const [from, setFrom] = useState(report.period.from)
  const [to, setTo] = useState(report.period.to)
  const [packageId, setPackageId] = useState(report.package ? String(report.package.id) : '')

  const apply = (event?: React.FormEvent) => {
    event?.preventDefault()
    const params = new URLSearchParams()
    if (timeframe === 'custom') {
      params.set('from', from)
      params.set('to', to)
    } else params.set('timeframe', timeframe)
    if (packageId) params.set('packageId', packageId)
    onApply(params)
  }

  return (
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
  )
}
