import type { CollectionConfig } from 'payload'

import { isAdmin, nobody } from '@/access'

/**
 * Who was active when: one row per UTC day × customer × package with their generation count.
 * Unique users, adoption and retention are counted from these rows (written by the rollup job).
 */
export const AnalyticsUserDays: CollectionConfig = {
  slug: 'analytics-user-days',
  labels: { singular: 'User activity day', plural: 'User activity days' },
  admin: {
    group: 'Analytics',
    hidden: true,
    defaultColumns: ['day', 'user', 'package', 'generations'],
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['dayNumber', 'user'] }, { fields: ['package', 'dayNumber'] }],
  fields: [
    { name: 'key', type: 'text', required: true, unique: true },
    { name: 'day', type: 'text', required: true, index: true },
    {
      name: 'dayNumber',
      type: 'number',
      required: true,
      index: true,
      admin: { description: 'Days since 1970-01-01 (UTC).' },
    },
    // Not required: deleting a customer keeps the day's counts (the link becomes empty).
    { name: 'user', type: 'relationship', relationTo: 'users' },
    { name: 'package', type: 'relationship', relationTo: 'photo-packages' },
    { name: 'generations', type: 'number', defaultValue: 0 },
  ],
}
