import type { CollectionConfig } from 'payload'

import { hiddenUnlessAdmin, nobody, ownsOrStudioOwner } from '@/access'
import { studioField } from '@/fields/studio'
import { studioBeforeChange } from '@/hooks/studioBeforeChange'

export const LEDGER_KINDS = [
  'trial_grant',
  'purchase_grant',
  'admin_grant',
  'admin_deduct',
  'hold',
  'charge',
  'refund',
  'stripe_refund',
  // Shoots taken back when a dispute is lost (a chargeback).
  'stripe_dispute',
] as const

/**
 * Append-only: nobody creates, edits or deletes rows through any API. Rows are written by
 * `applyCreditChange` with overrideAccess, in the same transaction as the balance change.
 */
export const CreditLedger: CollectionConfig = {
  slug: 'credit-ledger',
  labels: { singular: 'Ledger entry', plural: 'Credit ledger' },
  admin: {
    hidden: hiddenUnlessAdmin,
    useAsTitle: 'kind',
    defaultColumns: ['user', 'kind', 'wallet', 'amount', 'walletBalanceAfter', 'reason', 'createdAt'],
    group: 'Billing',
  },
  defaultSort: '-createdAt',
  access: {
    read: ownsOrStudioOwner('user'),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  indexes: [{ fields: ['user', 'createdAt'] }, { fields: ['user', 'wallet'] }],
  // applyCreditChange names the customer's studio (read with the balance's row lock); a customer
  // with none takes the wallet's package's studio, else the default studio.
  hooks: {
    beforeChange: [
      studioBeforeChange(
        { collection: 'users', id: (data) => data.user },
        { collection: 'photo-packages', id: (data) => data.wallet },
      ),
    ],
  },
  fields: [
    // Not required: erasing a customer keeps their rows for the studio's accounts, detached (set null).
    { name: 'user', type: 'relationship', relationTo: 'users', index: true },
    studioField('The studio of the customer whose wallet this is.'),
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: LEDGER_KINDS.map((value) => ({ value, label: value.replace('_', ' ') })),
    },
    {
      // Empty: shoots for any package. A package: shoots bought for it, spendable on it only.
      // (If that package is deleted, its shoots become shoots for any package.)
      name: 'wallet',
      type: 'relationship',
      relationTo: 'photo-packages',
      admin: { description: 'The package these shoots are for; empty means any package.' },
    },
    { name: 'amount', type: 'number', required: true, admin: { description: 'Signed: + grants, - takes.' } },
    {
      name: 'balanceAfter',
      type: 'number',
      required: true,
      min: 0,
      admin: { description: 'All wallets together.' },
    },
    {
      name: 'walletBalanceAfter',
      type: 'number',
      min: 0,
      admin: { description: 'This wallet after the change.' },
    },
    { name: 'shortfall', type: 'number', admin: { description: 'Shoots a refund could not take back.' } },
    { name: 'reason', type: 'text', maxLength: 500 },
    { name: 'reference', type: 'text', maxLength: 200, index: true },
    { name: 'actor', type: 'relationship', relationTo: 'users' },
    { name: 'idempotencyKey', type: 'text', unique: true, index: true, maxLength: 200 },
  ],
}
