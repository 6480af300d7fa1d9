import type { CollectionConfig } from 'payload'

import { isAdmin, nobody } from '@/access'

/**
 * Stripe events already handled, by event id (unique). Written in the same transaction as
 * the work the event caused, so an event is never marked handled before its grant. A refund
 * or dispute that arrives before its purchase's payment keeps its object here, waiting for
 * that payment intent; fulfilment replays it (src/billing/fulfilment.ts).
 */
export const StripeEvents: CollectionConfig = {
  slug: 'stripe-events',
  admin: {
    group: 'Billing',
    useAsTitle: 'eventId',
    defaultColumns: ['eventId', 'type', 'outcome', 'createdAt'],
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'eventId', type: 'text', required: true, unique: true, index: true },
    { name: 'type', type: 'text', required: true },
    { name: 'outcome', type: 'text' },
    {
      name: 'waitingForPaymentIntent',
      type: 'text',
      index: true,
      admin: {
        description: 'Set while the event waits for the payment it is about (cleared when it is replayed).',
      },
    },
    {
      name: 'deferredObject',
      type: 'json',
      admin: { description: "The event's object, kept to replay it." },
    },
  ],
}
