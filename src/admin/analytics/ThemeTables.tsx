'use client'

import { formatNumber, formatPercent } from '@/analytics/format'
import type { AnalyticsReport, ThemeRow } from '@/analytics/report'

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

/** The top themes of the period, by usage and by rating (themes with 3 ratings or more). */
export function TopThemes({ report }: { report: AnalyticsReport }) {
  return (
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
  )
}
