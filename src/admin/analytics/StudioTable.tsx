import { formatMoney, formatNumber } from '@/analytics/format'
import type { StudioRow } from '@/analytics/report'

/**
 * Platform admins: each studio's revenue (gross, from its purchases paid in the period; net of
 * refunds), the platform's application fees, its shoots and portraits and their provider cost,
 * side by side (issue 24). Money in cents, shown as dollars.
 */
export function StudioTable({ rows }: { rows: StudioRow[] }) {
  return (
    <section className="pp-panel" data-testid="studio-table">
      <h3>Studios side by side</h3>
      {rows.length === 0 ? (
        <p className="pp-muted">No studios.</p>
      ) : (
        <table className="pp-table">
          <thead>
            <tr>
              <th>Studio</th>
              <th>Gross revenue</th>
              <th>Net revenue</th>
              <th>Platform fees</th>
              <th>Shoots</th>
              <th>Portraits</th>
              <th>Provider cost</th>
              <th>Margin</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.studioId ?? 'none'} data-studio-id={row.studioId ?? ''}>
                <td>
                  {row.name}
                  {row.status && row.status !== 'active' ? (
                    <span className="pp-muted"> ({row.status})</span>
                  ) : null}
                </td>
                <td>{formatMoney(row.grossRevenueCents)}</td>
                <td>{formatMoney(row.revenueCents)}</td>
                <td>{formatMoney(row.platformFeeCents)}</td>
                <td>{formatNumber(row.shoots)}</td>
                <td>{formatNumber(row.imagesGenerated)}</td>
                <td>{formatMoney(row.estimatedCostCents)}</td>
                <td>{formatMoney(row.marginCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
