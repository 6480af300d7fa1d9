import type { Field, NumberField } from 'payload'

import { priceInCents, wasPriceAtLeastPrice } from './validators'

// Staff type dollars in the admin; the API and the database keep whole cents.
const moneyAdmin = {
  components: {
    Field: '/admin/components/MoneyField#MoneyField',
    Cell: '/admin/components/MoneyCell#MoneyCell',
  },
} as const

/**
 * `priceCents` and its was-price (the seed's `price_consistency` check), for tiers and bundles.
 * Stored in whole cents (US dollars); the admin shows and takes dollars.
 */
export const priceFields = (description = 'In dollars and cents, e.g. 9.99.'): NumberField[] => [
  {
    name: 'priceCents',
    label: 'Price',
    type: 'number',
    required: true,
    admin: { ...moneyAdmin, description },
    validate: priceInCents('Price'),
  },
  {
    name: 'originalPriceCents',
    label: 'Was-price',
    type: 'number',
    admin: { ...moneyAdmin, description: 'Optional, in dollars: at least the price.' },
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
            value && SAVING_CLAIM.test(value)
              ? 'The saving is computed from the tiers; the badge cannot claim one.'
              : true,
        }),
  },
  { name: 'features', type: 'text', hasMany: true, maxRows: 10, maxLength: 120 },
]
