'use client'

import { formatDuration, formatMoney, formatNumber, formatPercent } from '@/analytics/format'
import type { AnalyticsReport, PackageRow } from '@/analytics/report'

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

/** Downloads the per-package table as CSV (each column's csv figure; a cell a spreadsheet could run as a formula is quoted). */
export const downloadCsv = (report: AnalyticsReport) => {
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

/** The per-package table: one row per package (and one for shoots without a package), COLUMNS across. */
export function PackageTable({ rows }: { rows: PackageRow[] }) {
  return (
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
            {rows.map((row) => (
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
  )
}
