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

/** What a customer reads on an offer's card: a short badge and up to 10 feature lines. */
export const offerCardFields = (): Field[] => [
  { name: 'badge', type: 'text', maxLength: 30 },
  { name: 'features', type: 'text', hasMany: true, maxRows: 10, maxLength: 120 },
]
