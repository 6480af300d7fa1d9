import { describe, expect, it } from 'vitest'

import { isStripeReady, readinessOf } from '@/billing/connect'
import { stripeEventKey } from '@/billing/eventKey'
import { applicationFeeCents, retainedApplicationFeeCents, saleCurrencyOf } from '@/billing/saleAccount'

describe('Stripe Connect terms', () => {
  it('a sale is in the studio’s currency on its own account, in usd on the platform’s (the default studio, not connected)', () => {
    const ready = { accountId: 'acct_1', cardPaymentsCapability: 'active', chargesEnabled: true } as const
    const eur = { branding: { currency: 'eur' } }
    expect(saleCurrencyOf({ ...eur, stripe: ready }, false)).toBe('eur')
    expect(saleCurrencyOf({ ...eur, stripe: ready }, true)).toBe('eur')
    expect(saleCurrencyOf({ ...eur, stripe: {} }, true)).toBe('usd')
    expect(saleCurrencyOf({ ...eur, stripe: { ...ready, chargesEnabled: false } }, true)).toBe('usd')
    // Not connected yet, and not the default: it cannot sell; its prices show the currency it will sell in.
    expect(saleCurrencyOf({ ...eur, stripe: {} }, false)).toBe('eur')
    expect(saleCurrencyOf({ stripe: {} }, false)).toBe('usd')
  })

  it('the platform fee is the sale × percent / 100 in whole cents, never more than the sale', () => {
    expect(applicationFeeCents(1999, 12.5)).toBe(250) // 249.875
    expect(applicationFeeCents(999, 10)).toBe(100) // 99.9
    expect(applicationFeeCents(1000, 0)).toBe(0)
    expect(applicationFeeCents(1000, 100)).toBe(1000)
    expect(applicationFeeCents(1, 33)).toBe(0)
  })

  it('the platform keeps its fee less the refunded share (Stripe returns it in proportion)', () => {
    expect(retainedApplicationFeeCents(100, 1000, 0)).toBe(100)
    expect(retainedApplicationFeeCents(100, 1000, 500)).toBe(50)
    expect(retainedApplicationFeeCents(100, 1000, 1000)).toBe(0)
    // Stripe may report more refunded than the sale (refundedAmountCents is clamped; be safe anyway).
    expect(retainedApplicationFeeCents(100, 1000, 5000)).toBe(0)
    expect(retainedApplicationFeeCents(250, 1999, 1)).toBe(250) // 0.125 of a cent returned rounds to 0
    expect(retainedApplicationFeeCents(250, 1999, 1000)).toBe(125) // 125.06 returned
    expect(retainedApplicationFeeCents(0, 0, 0)).toBe(0)
  })

  it('readiness is card_payments active and charges enabled; anything else is not ready', () => {
    const account = {
      id: 'acct_1',
      capabilities: { card_payments: 'active' as const },
      charges_enabled: true,
    }
    expect(readinessOf(account)).toEqual({
      accountId: 'acct_1',
      chargesEnabled: true,
      cardPaymentsCapability: 'active',
    })
    expect(
      readinessOf({ id: 'acct_2', capabilities: {}, charges_enabled: false }).cardPaymentsCapability,
    ).toBe('inactive')
    expect(isStripeReady(readinessOf(account))).toBe(true)
    expect(isStripeReady({ ...readinessOf(account), chargesEnabled: false })).toBe(false)
    expect(isStripeReady({ ...readinessOf(account), cardPaymentsCapability: 'pending' })).toBe(false)
    expect(isStripeReady({ accountId: null, chargesEnabled: true, cardPaymentsCapability: 'active' })).toBe(
      false,
    )
    expect(isStripeReady(undefined)).toBe(false)
  })

  it('an event is keyed by its id, and by account and id when a connected account sent it', () => {
    expect(stripeEventKey('evt_1')).toBe('evt_1')
    expect(stripeEventKey('evt_1', null)).toBe('evt_1')
    expect(stripeEventKey('evt_1', 'acct_a')).not.toBe(stripeEventKey('evt_1', 'acct_b'))
  })
})
