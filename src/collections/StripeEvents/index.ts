import type { CollectionConfig } from 'payload'

import { isAdmin, nobody } from '@/access'

/**
 * Stripe events already handled, by event id (unique). Written in the same transaction as
 * the work the event caused, so an event is never marked handled before its grant.
 */
export const StripeEvents: CollectionConfig = {
  slug: 'stripe-events',
  admin: { group: 'Billing', useAsTitle: 'eventId', defaultColumns: ['eventId', 'type', 'outcome', 'createdAt'] },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'eventId', type: 'text', required: true, unique: true, index: true },
    { name: 'type', type: 'text', required: true },
    { name: 'outcome', type: 'text' },
  ],
}
