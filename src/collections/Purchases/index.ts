import type { CollectionConfig } from 'payload'

import { hiddenUnlessAdmin, isAdmin, nobody, ownsOrStudioOwner } from '@/access'
import { serverOwnedFields } from '@/fields/serverOwned'
import { uuidField } from '@/fields/uuid'
import { studioField } from '@/fields/studio'
import { fromOwner, studioBeforeChange } from '@/hooks/studioBeforeChange'

import { purchaseRefundEndpoint } from '@/endpoints/studioStripe'

import { computeReversedAmount } from './hooks/computeReversedAmount'

/** Set by checkout and Stripe's webhooks only (see serverOwnedFields). */
const PURCHASE_SERVER_FIELDS = [
  'owner',
  'lines',
  'shoots',
  'amountCents',
  'currency',
  'status',
  'stripeSessionId',
  'stripePaymentIntentId',
  'studio',
  'stripeAccountId',
  'applicationFeeCents',
  'checkoutUrl',
  'paidAt',
  'refundedAmountCents',
  'stripeAmountRefundedCents',
  'shootsReclaimed',
  'disputed',
  'disputeOutcome',
  'disputeLostAmountCents',
  'stripeDisputeAmountCents',
  'reversedAmountCents',
]

export const PURCHASE_STATUSES = [
  'pending',
  'paid',
  'failed',
  'expired',
  'refunded',
  'partially_refunded',
  'disputed',
] as const

/**
 * One Stripe Checkout Session. Created pending by POST /api/checkout with the server's own
 * price and shoots; only the signed webhook (or reconciliation) moves it on.
 */
export const Purchases: CollectionConfig = {
  slug: 'purchases',
  admin: {
    hidden: hiddenUnlessAdmin,
    group: 'Billing',
    useAsTitle: 'stripeSessionId',
    defaultColumns: ['owner', 'tier', 'bundle', 'shoots', 'amountCents', 'status', 'paidAt'],
  },
  defaultSort: '-createdAt',
  access: { read: ownsOrStudioOwner('owner'), create: nobody, update: isAdmin, delete: nobody },
  indexes: [{ fields: ['status', 'paidAt'] }, { fields: ['owner', 'createdAt'] }],
  // POST /api/purchases/:id/refund: admins and the studio's owners (src/billing/refunds.ts).
  endpoints: [purchaseRefundEndpoint],
  // Checkout names the studio whose site sold it; else the package's, else the customer's.
  hooks: {
    beforeChange: [
      studioBeforeChange({ collection: 'photo-packages', id: (data) => data.package }, fromOwner),
    ],
  },
  // What Stripe and the webhooks recorded: the books, never an admin's edit.
  fields: serverOwnedFields(PURCHASE_SERVER_FIELDS, [
    uuidField(),
    // Not required: erasing a customer keeps the sale for the studio's accounts, detached (set null).
    { name: 'owner', type: 'relationship', relationTo: 'users', index: true },
    { name: 'tier', type: 'relationship', relationTo: 'package-pricing-tiers' },
    { name: 'package', type: 'relationship', relationTo: 'photo-packages', index: true },
    { name: 'bundle', type: 'relationship', relationTo: 'package-bundles', index: true },
    {
      // A bundle's shoots and price per package, copied at checkout so later edits of the
      // bundle change neither what the webhook grants nor the revenue analytics attribute.
      name: 'lines',
      type: 'array',
      admin: { readOnly: true, condition: (data) => Boolean(data?.bundle) },
      fields: [
        // Not required: a package deleted later leaves the sale's line without it.
        { name: 'package', type: 'relationship', relationTo: 'photo-packages' },
        { name: 'shoots', type: 'number', required: true, min: 1 },
        { name: 'amountCents', type: 'number', required: true, min: 0 },
      ],
    },
    { name: 'shoots', type: 'number', required: true, min: 0 },
    { name: 'amountCents', type: 'number', required: true, min: 0 },
    { name: 'currency', type: 'text', required: true, defaultValue: 'usd' },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      options: [...PURCHASE_STATUSES],
      index: true,
    },
    { name: 'stripeSessionId', type: 'text', unique: true, index: true },
    { name: 'stripePaymentIntentId', type: 'text', index: true },
    // The studio whose site sold it (the request's Host at checkout); sales from before studios took
    // their package's studio, else their customer's, else the default studio (migration studio_records).
    studioField('The studio whose site sold it.'),
    {
      // Stripe Connect: the connected account the session was created on (a direct charge), whose
      // balance refunds and disputes come from; empty: the platform's own account.
      name: 'stripeAccountId',
      type: 'text',
      index: true,
      admin: { readOnly: true, description: "The studio's Stripe account charged; empty: the platform." },
    },
    {
      // Stripe Connect: the platform's application fee asked at checkout (application_fee_amount), in
      // the charge's minor unit; 0 on the platform's own account. Before refunds (see analytics).
      name: 'applicationFeeCents',
      type: 'number',
      min: 0,
      admin: { readOnly: true, description: "The platform's fee on this sale, cents (Stripe Connect)." },
    },
    { name: 'checkoutUrl', type: 'text', admin: { readOnly: true } },
    { name: 'paidAt', type: 'date' },
    {
      // For the books: Stripe's refunded total, at most amountCents (see stripeAmountRefundedCents).
      name: 'refundedAmountCents',
      type: 'number',
      defaultValue: 0,
      min: 0,
    },
    {
      // What Stripe said (the charge's amount_refunded), kept as sent even when it exceeds the sale.
      name: 'stripeAmountRefundedCents',
      type: 'number',
      defaultValue: 0,
      min: 0,
      admin: { readOnly: true, description: "Stripe's refunded total as reported, unclamped." },
    },
    { name: 'shootsReclaimed', type: 'number', defaultValue: 0, min: 0 },
    { name: 'disputed', type: 'checkbox', defaultValue: false },
    {
      // Stripe's charge.dispute.closed: `lost` returned the disputed amount to the card holder.
      name: 'disputeOutcome',
      type: 'select',
      options: [
        { label: 'Won (money kept)', value: 'won' },
        { label: 'Lost (chargeback)', value: 'lost' },
      ],
      admin: { readOnly: true },
    },
    {
      // For the books: the lost dispute's amount, at most amountCents (see stripeDisputeAmountCents).
      name: 'disputeLostAmountCents',
      type: 'number',
      defaultValue: 0,
      min: 0,
      admin: { readOnly: true },
    },
    {
      // What Stripe said (the lost dispute's amount), kept as sent even when it exceeds the sale.
      name: 'stripeDisputeAmountCents',
      type: 'number',
      defaultValue: 0,
      min: 0,
      admin: { readOnly: true, description: "Stripe's lost dispute amount as reported, unclamped." },
    },
    {
      // Refunds plus lost disputes, at most amountCents: what analytics subtracts from revenue.
      name: 'reversedAmountCents',
      hooks: { beforeChange: [computeReversedAmount] },
      type: 'number',
      defaultValue: 0,
      min: 0,
      admin: { readOnly: true },
    },
  ]),
}
