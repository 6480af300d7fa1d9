import type { CollectionConfig } from 'payload'

import { isAdmin, nobody } from '@/access'

import { applyAdjustment } from './hooks/applyAdjustment'

/**
 * How an admin grants or deducts shoots from the admin panel: each adjustment names the
 * customer, the signed amount and a required reason, and writes its ledger row in the
 * same transaction. Adjustments are never edited or deleted; a mistake is undone by another.
 */
export const CreditAdjustments: CollectionConfig = {
  slug: 'credit-adjustments',
  labels: { singular: 'Credit adjustment', plural: 'Credit adjustments' },
  admin: { group: 'Billing', defaultColumns: ['user', 'amount', 'reason', 'admin', 'balanceAfter', 'createdAt'] },
  access: { read: isAdmin, create: isAdmin, update: nobody, delete: nobody },
  hooks: { beforeChange: [applyAdjustment] },
  fields: [
    // Required on create (validate); an erased customer's adjustments stay, detached (set null).
    {
      name: 'user',
      type: 'relationship',
      relationTo: 'users',
      // Adjustments are only ever created (never updated), so this is the create rule.
      validate: (value: unknown) => (value ? true : 'Choose the customer.'),
    },
    {
      name: 'amount',
      type: 'number',
      required: true,
      admin: { description: 'Shoots to add (positive) or take away (negative).' },
      validate: (value: null | number | undefined) =>
        Number.isInteger(value) && value !== 0 && Math.abs(value as number) <= 10_000
          ? true
          : 'Amount must be a whole number of shoots between -10000 and 10000, not 0.',
    },
    { name: 'reason', type: 'text', required: true, minLength: 3, maxLength: 500 },
    { name: 'admin', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'balanceAfter', type: 'number', admin: { readOnly: true } },
  ],
}
