import type { ImageModelRow } from '@/analytics/report'
import { formatNumber } from '@/analytics/format'

/** Which image model and output size made the period's portraits (what `quality` bought). */
export function ImageModelTable({ rows }: { rows: ImageModelRow[] }) {
  return (
    <section className="pp-panel" data-testid="image-models">
      <h3>Portraits by image model and size</h3>
      {rows.length === 0 ? (
        <p className="pp-muted">No portraits in this period.</p>
      ) : (
        <table className="pp-table">
          <thead>
            <tr>
              <th>Model</th>
              <th>Size</th>
              <th>Portraits</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.model}|${row.imageSize ?? ''}`}>
                <td>{row.model}</td>
                <td>{row.imageSize ?? '—'}</td>
                <td>{formatNumber(row.portraits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
