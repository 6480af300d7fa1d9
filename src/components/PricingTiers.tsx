'use client'

import { useState } from 'react'

import type { PublicTier } from '@/catalog/publicCatalog'
import { formatMoney, plural } from '@/lib/format'

import { postJson } from './api'

/**
 * Tiers with badge, was-price and features, priced in `currency` (the package's, lower-case ISO
 * 4217); buying sends the customer to Stripe Checkout.
 */
export function PricingTiers({
  tiers,
  currency,
  signedIn,
}: {
  tiers: PublicTier[]
  currency: string
  signedIn: boolean
}) {
  const [selected, setSelected] = useState<number | null>(
    tiers.find((tier) => tier.isDefault)?.id ?? tiers[0]?.id ?? null,
  )
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const buy = async () => {
    if (!signedIn) {
      window.location.href = `/login?next=${encodeURIComponent(window.location.pathname)}`
      return
    }
    setBusy(true)
    setError(null)
    const answer = await postJson<{ url?: string }>('/api/checkout', { tierId: selected })
    setBusy(false)
    if (answer.ok && answer.body.url) window.location.href = answer.body.url
    else setError(answer.error ?? 'Checkout could not start. Please try again.')
  }

  return (
    <section className="tiers" aria-labelledby="tiers-title">
      <h2 id="tiers-title">Shoot packs</h2>
      <div className="tier-grid" role="radiogroup" aria-label="Shoot packs">
        {tiers.map((tier) => (
          <label key={tier.id} className={`tier-card ${selected === tier.id ? 'tier-card-selected' : ''}`}>
            <input
              className="visually-hidden"
              type="radio"
              name="tier"
              value={tier.id}
              checked={selected === tier.id}
              onChange={() => setSelected(tier.id)}
            />
            {tier.badge && <span className="badge badge-featured">{tier.badge}</span>}
            <span className="tier-name">{tier.name}</span>
            <span className="tier-price">
              {formatMoney(tier.priceCents, currency)}
              {tier.originalPriceCents && tier.originalPriceCents > tier.priceCents && (
                <s className="muted">{formatMoney(tier.originalPriceCents, currency)}</s>
              )}
            </span>
            <span className="muted small">
              {plural(tier.shootsCount, 'shoot')} · {formatMoney(tier.pricePerShootCents, currency)} per shoot
            </span>
            <ul className="features">
              {tier.features.map((feature) => (
                <li key={feature}>{feature}</li>
              ))}
            </ul>
          </label>
        ))}
      </div>
      <button className="button" type="button" onClick={buy} disabled={busy || selected === null}>
        {busy ? 'Opening checkout…' : 'Buy shoots'}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
