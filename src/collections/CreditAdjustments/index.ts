import type { CollectionConfig } from 'payload'

import { isAdminOrOwner, nobody, studioScope } from '@/access'
import { serverOwnedFields } from '@/fields/serverOwned'
import { uuidField } from '@/fields/uuid'
import { studioField } from '@/fields/studio'

import { applyAdjustment } from './hooks/applyAdjustment'
import { adjustmentTitle } from './hooks/adjustmentTitle'

/**
 * How an admin grants or deducts shoots from the admin panel: each adjustment names the
 * customer, the wallet (a package, or any package), the signed amount, the line the customer
 * reads in their history and an internal note for staff, and writes its ledger row in the same
 * transaction. Adjustments are never edited or deleted; a mistake is undone by another.
 */
export const CreditAdjustments: CollectionConfig = {
  slug: 'credit-adjustments',
  labels: { singular: 'Credit adjustment', plural: 'Credit adjustments' },
  admin: {
    group: 'Billing',
    useAsTitle: 'title',
    defaultColumns: ['title', 'wallet', 'reason', 'internalNote', 'admin', 'balanceAfter', 'createdAt'],
  },
  // A studio's owner adjusts and reads its own customers' shoots only (applyAdjustment refuses another's).
  access: { read: studioScope(isAdminOrOwner), create: isAdminOrOwner, update: nobody, delete: nobody },
  hooks: { beforeChange: [applyAdjustment, adjustmentTitle] },
  // Who made it, the wallet after it and the title are the server's (applyAdjustment,
  // adjustmentTitle): a client's value was overwritten with a 201 (see serverOwnedFields).
  fields: serverOwnedFields(
    ['title', 'admin', 'balanceAfter', 'studio'],
    [
      uuidField(),
      {
        name: 'user',
        type: 'relationship',
        relationTo: 'users',
        // Required on create (validate), not in the database: an erased customer's adjustments stay,
        // detached (set null). Adjustments are only ever created, so this is the create rule.
        validate: (value: unknown) => (value ? true : 'Choose the customer.'),
        // Customers only; the picker shows each one's email and balances (see Users' `pickerLabel`).
        filterOptions: { role: { equals: 'customer' } },
        admin: { description: 'The customer. Their balances show in the picker and in their user view.' },
      },
      studioField('The customer’s studio.'),
      {
        name: 'wallet',
        type: 'relationship',
        relationTo: 'photo-packages',
        admin: { description: 'Shoots for this package only. Leave empty for shoots usable on any package.' },
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
      {
        // Kept as `reason` (the ledger row's column): this is what the customer reads.
        name: 'reason',
        label: 'Message to the customer',
        type: 'text',
        required: true,
        minLength: 3,
        maxLength: 500,
        admin: {
          description:
            'Shown word for word in the customer\'s shoot history, e.g. "Goodwill credit for a failed shoot".',
        },
      },
      {
        name: 'internalNote',
        type: 'textarea',
        maxLength: 2000,
        admin: {
          description: 'For staff only: never shown to the customer (ticket number, why, who asked).',
        },
      },
      { name: 'title', type: 'text', admin: { hidden: true } },
      { name: 'admin', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
      {
        name: 'balanceAfter',
        type: 'number',
        admin: { readOnly: true, description: 'The wallet after the change.' },
      },
    ],
  ),
}
