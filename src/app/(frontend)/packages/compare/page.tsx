import Link from 'next/link'

import { maxOf, minOf } from '@/lib/extent'
import { formatMoney, plural } from '@/lib/format'
import type { PublicPackage } from '@/catalog/publicCatalog'
import { cachedCatalog } from '@/next/payloadServer'

export const metadata = { title: 'Compare packages' }

type Props = { searchParams: Promise<{ slugs?: string | string[] }> }

const MAX_COMPARED = 3

/**
 * 2-3 packages side by side; the picker is a plain GET form, so it works without JavaScript. More
 * than three chosen: the first three are compared and the page says which were left out; none
 * that exists: it says so instead of showing an empty table.
 */
export default async function ComparePage({ searchParams }: Props) {
  const catalog = await cachedCatalog()
  const raw = (await searchParams).slugs
  const wanted = (Array.isArray(raw) ? raw : (raw ?? '').split(',')).filter(Boolean)
  const matching = wanted.length
    ? catalog.filter((pkg) => wanted.includes(pkg.slug))
    : catalog.slice(0, MAX_COMPARED)
  const chosen = matching.slice(0, MAX_COMPARED)
  const leftOut = matching.slice(MAX_COMPARED)
  return (
    <>
      <h1>Compare packages</h1>
      <form className="compare-picker" method="get">
        <fieldset>
          <legend>Choose up to 3</legend>
          {catalog.map((pkg) => (
            <label key={pkg.slug} className="radio-pill">
              <input
                type="checkbox"
                name="slugs"
                value={pkg.slug}
                defaultChecked={chosen.some((c) => c.slug === pkg.slug)}
              />
              {pkg.name}
            </label>
          ))}
        </fieldset>
        <button className="button button-secondary" type="submit">
          Compare
        </button>
      </form>
      {leftOut.length > 0 && (
        <p className="notice" role="status" data-testid="compare-left-out">
          Up to {MAX_COMPARED} packages fit side by side: {leftOut.map((pkg) => pkg.name).join(', ')}{' '}
          {leftOut.length === 1 ? 'is' : 'are'} not shown. Untick one above to swap it in.
        </p>
      )}
      {chosen.length === 0 ? (
        <div className="empty-state" data-testid="compare-empty">
          <h2>Nothing to compare</h2>
          <p className="muted">
            None of the chosen packages is available. Tick two or three above and press Compare.
          </p>
        </div>
      ) : (
        <CompareTable chosen={chosen} />
      )}
    </>
  )
}

function CompareTable({ chosen }: { chosen: PublicPackage[] }) {
  return (
    <div className="table-scroll">
      <table className="table compare-table">
        <thead>
          <tr>
            <th scope="col">Package</th>
            {chosen.map((pkg) => (
              <th key={pkg.slug} scope="col">
                <Link href={`/packages/${pkg.slug}`}>{pkg.name}</Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Themes</th>
            {chosen.map((pkg) => (
              <td key={pkg.slug}>{pkg.themes.map((t) => t.name).join(', ')}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">Images per shoot</th>
            {chosen.map((pkg) => (
              <td key={pkg.slug}>{pkg.imagesPerGeneration}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">Price range</th>
            {chosen.map((pkg) => {
              const prices = pkg.pricing.map((tier) => tier.priceCents)
              const [low, high] = [minOf(prices), maxOf(prices)]
              return (
                <td key={pkg.slug}>
                  {low !== null && high !== null
                    ? `${formatMoney(low, pkg.currency)} – ${formatMoney(high, pkg.currency)}`
                    : '—'}
                </td>
              )
            })}
          </tr>
          <tr>
            <th scope="row">Shoot packs</th>
            {chosen.map((pkg) => (
              <td key={pkg.slug}>
                {pkg.pricing.map((tier) => (
                  <div key={tier.id}>
                    {tier.name}: {plural(tier.shootsCount, 'shoot')} for{' '}
                    {formatMoney(tier.priceCents, pkg.currency)}
                  </div>
                ))}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  )
}
