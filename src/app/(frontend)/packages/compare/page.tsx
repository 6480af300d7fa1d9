import Link from 'next/link'

import { maxOf, minOf } from '@/lib/extent'
import { formatMoney, plural } from '@/lib/format'
import { cachedCatalog } from '@/next/payloadServer'

export const metadata = { title: 'Compare packages' }

type Props = { searchParams: Promise<{ slugs?: string | string[] }> }

/** 2-3 packages side by side; the picker is a plain GET form, so it works without JavaScript. */
export default async function ComparePage({ searchParams }: Props) {
  const catalog = await cachedCatalog()
  const raw = (await searchParams).slugs
  const wanted = (Array.isArray(raw) ? raw : (raw ?? '').split(',')).filter(Boolean)
  const chosen = (wanted.length ? catalog.filter((pkg) => wanted.includes(pkg.slug)) : catalog).slice(0, 3)
  return (
    <>
      <h1>Compare packages</h1>
      <form className="compare-picker" method="get">
        <fieldset>
          <legend>Choose up to 3</legend>
          {catalog.map((pkg) => (
            <label key={pkg.slug} className="radio-pill">
              <input type="checkbox" name="slugs" value={pkg.slug} defaultChecked={chosen.some((c) => c.slug === pkg.slug)} />
              {pkg.name}
            </label>
          ))}
        </fieldset>
        <button className="button button-secondary" type="submit">
          Compare
        </button>
      </form>
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
            <tr><th scope="row">Themes</th>{chosen.map((pkg) => <td key={pkg.slug}>{pkg.themes.map((t) => t.name).join(', ')}</td>)}</tr>
            <tr><th scope="row">Images per shoot</th>{chosen.map((pkg) => <td key={pkg.slug}>{pkg.imagesPerGeneration}</td>)}</tr>
            <tr>
              <th scope="row">Price range</th>
              {chosen.map((pkg) => {
                const prices = pkg.pricing.map((tier) => tier.priceCents)
                const [low, high] = [minOf(prices), maxOf(prices)]
                return <td key={pkg.slug}>{low !== null && high !== null ? `${formatMoney(low)} – ${formatMoney(high)}` : '—'}</td>
              })}
            </tr>
            <tr>
              <th scope="row">Shoot packs</th>
              {chosen.map((pkg) => (
                <td key={pkg.slug}>
                  {pkg.pricing.map((tier) => (
                    <div key={tier.id}>{tier.name}: {plural(tier.shootsCount, 'shoot')} for {formatMoney(tier.priceCents)}</div>
                  ))}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  )
}
