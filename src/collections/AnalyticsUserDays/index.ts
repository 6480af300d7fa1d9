import type { CollectionConfig } from 'payload'

import { isAdmin, nobody } from '@/access'

/**
 * Who was active when: one row per UTC day × customer × package with their generation count.
 * Unique users, adoption and retention of a custom range are counted from these rows (written
 * by the rollup job; the standard timeframes' counts are stored on the rollup run).
 *
 * At a year's volume this table has about as many rows as the raw analytics, and a full
 * rebuild rewrites them all: it keeps one index (day number, customer) and stores the customer
 * and package ids as plain numbers, without foreign keys, so a rebuild does not pay two
 * foreign-key checks and eight index inserts per row. A deleted customer's or package's days
 * keep its id until the day is recomputed.
 */
export const AnalyticsUserDays: CollectionConfig = {
  slug: 'analytics-user-days',
  labels: { singular: 'User activity day', plural: 'User activity days' },
  admin: {
    group: 'Analytics',
    hidden: true,
    defaultColumns: ['day', 'userId', 'packageId', 'generations'],
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  // Written in bulk by a job, never edited: no admin edit lock, so no lock row to cascade per deleted row.
  lockDocuments: false,
  defaultSort: 'dayNumber',
  indexes: [{ fields: ['dayNumber', 'userId'] }],
  fields: [
    { name: 'day', type: 'text', required: true, admin: { description: 'UTC day, YYYY-MM-DD.' } },
    {
      name: 'dayNumber',
      type: 'number',
      required: true,
      admin: { description: 'Days since 1970-01-01 (UTC).' },
    },
    { name: 'userId', type: 'number', admin: { description: 'The customer (users id).' } },
    { name: 'packageId', type: 'number', admin: { description: 'The package (photo-packages id).' } },
    { name: 'studioId', type: 'number', admin: { description: "The shoots' studio (studios id)." } },
    { name: 'generations', type: 'number', defaultValue: 0 },
    // Declared without the index Payload gives its own timestamps: nothing reads these rows by date.
    { name: 'createdAt', type: 'date', admin: { hidden: true } },
    { name: 'updatedAt', type: 'date', admin: { hidden: true } },
  ],
}
