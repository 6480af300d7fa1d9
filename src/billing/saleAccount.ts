import type { Payload, PayloadRequest } from 'payload'

import { conflict, notFound } from '@/lib/errors'
import { defaultStudioId } from '@/studios/defaultStudio'
import { resolveStudio } from '@/studios/resolveStudio'

import type { Studio } from '@/payload-types'

import { isStripeReady } from './connect'

/** Where a sale at this request's studio is charged, and on what terms. */
export interface SaleAccount {
  studioId: number
  /** The studio's connected account (a direct charge with the `Stripe-Account` header); null: the platform. */
  accountId: string | null
  /** The platform's share, percent (0-100); only on a connected account. */
  platformFeePercent: number
  /** Lower-case ISO 4217: the studio's branding currency on its own account, `usd` on the platform's. */
  currency: string
}

/**
 * The platform's application fee on a direct charge (docs.stripe.com/connect/direct-charges):
 * `round(amount × percent / 100)` in the charge's minor unit, at most the amount. Pure.
 */
export const applicationFeeCents = (amountCents: number, percent: number): number =>
  Math.min(amountCents, Math.max(0, Math.round((amountCents * percent) / 100)))

/**
 * The part of a sale's application fee the platform keeps after refunds: `feeCents` less its share
 * of the refunded amount, `round(fee × min(refunded, amount) / amount)`. Stripe returns the fee in
 * proportion when a refund asks `refund_application_fee`, as ours do
 * (docs.stripe.com/api/refunds/create#create_refund-refund_application_fee). Cents in, cents out. Pure.
 */
export const retainedApplicationFeeCents = (
  feeCents: number,
  amountCents: number,
  refundedCents: number,
): number =>
  amountCents > 0 && refundedCents > 0
    ? feeCents - Math.round((feeCents * Math.min(refundedCents, amountCents)) / amountCents)
    : feeCents

/**
 * The currency a studio's sales are charged in, lower-case ISO 4217: its branding currency once it
 * sells on its own connected account; `usd` while the default studio sells on the platform's
 * account. A studio that cannot sell yet shows its branding currency, the one it will sell in.
 * Pure; saleAccountFor charges by it and the catalog shows prices in it.
 */
export const saleCurrencyOf = (
  studio: Pick<Studio, 'stripe'> & { branding?: { currency?: string | null } | null },
  isDefaultStudio: boolean,
): string => (isStripeReady(studio.stripe) || !isDefaultStudio ? (studio.branding?.currency ?? 'usd') : 'usd')

/** Each of `studioIds`' sale currency (saleCurrencyOf), by studio id; unknown ids are left out. */
export const loadSaleCurrencies = async (
  payload: Payload,
  studioIds: readonly number[],
): Promise<Map<number, string>> => {
  if (studioIds.length === 0) return new Map()
  const [{ docs }, defaultId] = await Promise.all([
    payload.find({
      collection: 'studios',
      where: { id: { in: [...new Set(studioIds)] } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { stripe: true, branding: { currency: true } },
    }),
    defaultStudioId(payload),
  ])
  return new Map(docs.map((studio) => [studio.id, saleCurrencyOf(studio, studio.id === defaultId)]))
}

/**
 * The studio serving this request (its Host, see resolveStudio) and the account its sales are
 * charged on. A studio whose connected account is ready (card_payments active, charges enabled)
 * sells on it. The default studio (the lowest id) otherwise sells on the platform's account, as
 * before studios existed (a deployment that never connects keeps working unchanged). Any other
 * studio cannot sell until it is ready.
 * Errors: 404 no studio serves this host; 409 (field `studio`) the studio cannot take payments yet.
 */
export const saleAccountFor = async (req: PayloadRequest): Promise<SaleAccount> => {
  const served = await resolveStudio(req.payload, req.headers, req)
  if (!served) throw notFound('No studio is served at this address.')
  const studio = await req.payload.findByID({
    collection: 'studios',
    id: served.id,
    depth: 0,
    req,
    overrideAccess: true,
    select: { name: true, stripe: true, platformFeePercent: true, branding: { currency: true } },
  })
  if (isStripeReady(studio.stripe))
    return {
      studioId: studio.id,
      accountId: studio.stripe.accountId,
      platformFeePercent: studio.platformFeePercent ?? 0,
      currency: saleCurrencyOf(studio, false),
    }
  if (studio.id === (await defaultStudioId(req.payload, req)))
    return { studioId: studio.id, accountId: null, platformFeePercent: 0, currency: 'usd' }
  const stripe = studio.stripe
  const why = !stripe?.accountId
    ? 'its Stripe account is not connected'
    : stripe.cardPaymentsCapability !== 'active'
      ? `its Stripe account's card_payments capability is ${stripe.cardPaymentsCapability ?? 'inactive'}`
      : 'its Stripe account cannot take charges yet (charges_enabled is false)'
  throw conflict(`${studio.name} cannot take payments yet: ${why}.`, { field: 'studio' })
}
