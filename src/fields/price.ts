import type { Field, NumberField } from 'payload'

import { wasPriceAtLeastPrice, wholeNumberIn } from './validators'

/** `priceCents` and its was-price (the seed's `price_consistency` check), for tiers and bundles. */
export const priceFields = (description = 'Price in cents (USD).'): NumberField[] => [
  {
    name: 'priceCents',
    type: 'number',
    required: true,
    admin: { description },
    validate: wholeNumberIn('Price', 0, 999_999),
  },
  {
    name: 'originalPriceCents',
    type: 'number',
    admin: { description: 'Was-price in cents; at least the price.' },
    validate: wasPriceAtLeastPrice,
  },
]

const SAVING_CLAIM = /%|\bsave|\bsaving|\boff\b/i

/**
 * What a customer reads on an offer's card: a short badge and up to 10 feature lines. Where
 * the saving is computed (bundles), the badge may not claim one of its own.
 */
export const offerCardFields = ({ badgeMayClaimSaving = true } = {}): Field[] => [
  {
    name: 'badge',
    type: 'text',
    maxLength: 30,
    ...(badgeMayClaimSaving
      ? {}
      : {
          admin: { description: 'For example BEST FOR COUPLES. The saving badge is computed, not typed.' },
          validate: (value: null | string | undefined) =>
            value && SAVING_CLAIM.test(value) ? 'The saving is computed from the tiers; the badge cannot claim one.' : true,
        }),
  },
  { name: 'features', type: 'text', hasMany: true, maxRows: 10, maxLength: 120 },
]
