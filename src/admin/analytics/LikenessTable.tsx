import type { LikenessRow } from '@/analytics/report'
import { formatNumber } from '@/analytics/format'

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`)

/**
 * Likeness per package, theme and image model (issue 23), worst first: which theme loses faces.
 * Average likeness is of the delivered portraits; refunded ones failed after their free retries.
 */
export function LikenessTable({ rows }: { rows: LikenessRow[] }) {
  return (
    <section className="pp-panel" data-testid="likeness-table">
      <h3>Likeness by package, theme and model</h3>
      {rows.length === 0 ? (
        <p className="pp-muted">No checked portraits in this period.</p>
      ) : (
        <table className="pp-table">
          <thead>
            <tr>
              <th>Package</th>
              <th>Theme</th>
              <th>Model</th>
              <th>Checked</th>
              <th>Avg likeness</th>
              <th>Free retries</th>
              <th>Refunded</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.packageId}|${row.themeId}|${row.model}`}>
                <td>{row.packageName}</td>
                <td>{row.themeName}</td>
                <td>{row.model}</td>
                <td>{formatNumber(row.portraitsChecked)}</td>
                <td>{percent(row.averageLikeness)}</td>
                <td>{formatNumber(row.retries)}</td>
                <td>{formatNumber(row.refunded)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
