'use client'

import { useState } from 'react'

import type { PublicBundle } from '@/catalog/publicBundles'
import { formatMoney, plural } from '@/lib/format'

import { postJson } from './api'

/** The home page's bundles: several packages' shoots for one price, bought through Stripe Checkout. */
export function BundleOffers({ bundles }: { bundles: PublicBundle[] }) {
  const [busyId, setBusyId] = useState<number | null>(null)
  const [error, setError] = useState<{ bundleId: number; message: string } | null>(null)

  const buy = async (bundleId: number) => {
    setBusyId(bundleId)
    setError(null)
    const answer = await postJson<{ url?: string }>('/api/checkout', { bundleId })
    if (answer.status === 401) {
      window.location.assign(`/login?next=${encodeURIComponent('/#bundles')}`)
      return
    }
    setBusyId(null)
    if (answer.ok && answer.body.url) window.location.assign(answer.body.url)
    else setError({ bundleId, message: answer.error ?? 'Checkout could not start. Please try again.' })
  }

  return (
    <section className="bundles" id="bundles" aria-labelledby="bundles-title">
      <h2 id="bundles-title">Bundles</h2>
      <p className="muted">Shoots for several packages at once, for less.</p>
      <div className="tier-grid">
        {bundles.map((bundle) => (
          <article key={bundle.id} className="tier-card bundle-card" data-testid={`bundle-${bundle.slug}`}>
            {bundle.savingPercent !== null && (
              <span className="badge badge-featured" data-testid="bundle-saving">
                Save {bundle.savingPercent}%
              </span>
            )}
            {bundle.badge && <span className="badge">{bundle.badge}</span>}
            <h3 className="tier-name">{bundle.name}</h3>
            <span className="tier-price">
              {formatMoney(bundle.priceCents, bundle.currency)}
              {bundle.savingPercent !== null && bundle.replacedPriceCents !== null && (
                <s className="muted" title="The same shoots bought as each package's cheapest tiers">
                  {formatMoney(bundle.replacedPriceCents, bundle.currency)}
                </s>
              )}
            </span>
            <span className="muted small">
              {plural(bundle.totalShoots, 'shoot')} ·{' '}
              {formatMoney(bundle.pricePerShootCents, bundle.currency)} per shoot
            </span>
            {bundle.description && <p className="small">{bundle.description}</p>}
            <ul className="features">
              {bundle.items.map((item) => (
                <li key={item.packageId}>
                  {plural(item.shoots, 'shoot')} of{' '}
                  <a href={`/packages/${item.packageSlug}`}>{item.packageName}</a>
                </li>
              ))}
              {bundle.features.map((feature) => (
                <li key={feature}>{feature}</li>
              ))}
            </ul>
            <button
              className="button"
              type="button"
              onClick={() => buy(bundle.id)}
              disabled={busyId !== null}
            >
              {busyId === bundle.id ? 'Opening checkout…' : `Buy ${bundle.name}`}
            </button>
            {error?.bundleId === bundle.id && (
              <p className="form-error" role="alert">
                {error.message}
              </p>
            )}
          </article>
        ))}
      </div>
    </section>
  )
}
