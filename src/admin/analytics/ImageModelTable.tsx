import type { ImageModelRow } from '@/analytics/report'
import { formatNumber } from '@/analytics/format'

const usd = (value: number | null, digits: number): string =>
  value === null ? '—' : `$${value.toFixed(digits)}`

/**
 * A recorded price source, `<url>, <YYYY-MM-DD>[, <basis>[: <note>]]` (describePriceSource in
 * src/generation/modelCatalogue.ts): the page as a link, the day it was read, then how sure the
 * figure is (listed, derived, unverified) and how it was derived, in full.
 */
function PriceSource({ source }: { source: string | null }) {
  if (!source) return <>unpriced</>
  const match =
    /^(https?:\/\/\S+?),\s*(\d{4}-\d{2}-\d{2})(?:,\s*(listed|derived|unverified)(?::\s*([\s\S]*))?)?$/.exec(
      source,
    )
  if (!match) return <>{source}</>
  const [, url, checkedOn, basis, note] = match
  return (
    <>
      <a href={url} target="_blank" rel="noreferrer">
        {new URL(url).hostname}
      </a>
      , read {checkedOn}
      {basis ? (
        <>
          {' · '}
          <strong data-testid="price-basis" data-basis={basis}>
            {basis}
          </strong>
        </>
      ) : null}
      {note ? <div className="pp-muted">{note}</div> : null}
    </>
  )
}

/**
 * Which image model and output size made the period's portraits (what `quality` bought), what the
 * provider charged for them and the price each one was charged at, with where that price came from.
 */
export function ImageModelTable({ rows }: { rows: ImageModelRow[] }) {
  return (
    <section className="pp-panel" data-testid="image-models">
      <h3>Portraits and provider cost by image model and size</h3>
      {rows.length === 0 ? (
        <p className="pp-muted">No portraits in this period.</p>
      ) : (
        <table className="pp-table">
          <thead>
            <tr>
              <th>Model</th>
              <th>Size</th>
              <th>Portraits</th>
              <th>Cost per image</th>
              <th>Provider cost</th>
              <th>Price source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={`${row.model}|${row.imageSize ?? ''}|${row.priceSource ?? ''}`}
                data-model={row.model}
                data-image-size={row.imageSize ?? ''}
              >
                <td>{row.model}</td>
                <td>{row.imageSize ?? '—'}</td>
                <td>{formatNumber(row.portraits)}</td>
                <td>{usd(row.usdPerImage, 3)}</td>
                <td>{usd(row.costUsd, 2)}</td>
                <td data-testid="price-source" title={row.priceSource ?? undefined}>
                  <PriceSource source={row.priceSource} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
