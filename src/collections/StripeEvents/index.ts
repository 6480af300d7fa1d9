import type { CollectionConfig } from 'payload'

import { isAdmin, nobody } from '@/access'
import { stripeEventKey } from '@/billing/eventKey'

/**
 * Stripe events already handled, once per (account, event id): `eventKey` (unique) is the event id,
 * or `<account>/<event id>` for a connected account's event (event ids are unique per account only). Written in the same transaction as
 * the work the event caused, so an event is never marked handled before its grant. A refund
 * or dispute that arrives before its purchase's payment keeps its object here, waiting for
 * that payment intent; fulfilment replays it (src/billing/fulfilment.ts).
 */
export const StripeEvents: CollectionConfig = {
  slug: 'stripe-events',
  admin: {
    group: 'Billing',
    useAsTitle: 'eventId',
    defaultColumns: ['eventId', 'account', 'type', 'outcome', 'createdAt'],
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'eventId', type: 'text', required: true, index: true },
    {
      // Stripe Connect: the connected account that sent it (the event's `account`); empty: the platform.
      name: 'account',
      type: 'text',
      index: true,
    },
    {
      name: 'eventKey',
      type: 'text',
      required: true,
      unique: true,
      admin: {
        readOnly: true,
        description: 'Processed once per key: <account>/<event id>, or the event id.',
      },
      hooks: {
        beforeValidate: [
          ({ siblingData }) =>
            typeof siblingData?.eventId === 'string'
              ? stripeEventKey(siblingData.eventId, siblingData.account as null | string | undefined)
              : undefined,
        ],
      },
    },
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
