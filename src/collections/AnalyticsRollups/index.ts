import type { CollectionConfig, Field } from 'payload'

import { isAdminOrOwner, nobody, studioScope } from '@/access'

const count = (name: string, description?: string): Field => ({
  name,
  type: 'number',
  defaultValue: 0,
  admin: description ? { description } : undefined,
})

/**
 * The hourly rollup of package analytics and purchases: one row per UTC day × package ×
 * theme × studio with counts and sums (revenue rows have no theme). Written only by the rollup job,
 * which recomputes whole days, so the dashboard reads a few thousand rows, never the raw ones.
 */
export const AnalyticsRollups: CollectionConfig = {
  slug: 'analytics-rollups',
  labels: { singular: 'Daily rollup', plural: 'Daily rollups' },
  admin: {
    group: 'Analytics',
    useAsTitle: 'key',
    defaultColumns: ['day', 'package', 'theme', 'generations', 'imagesGenerated', 'revenueCents'],
    description: 'Written by the hourly analytics job (Analytics dashboard → Refresh figures to run it now).',
  },
  defaultSort: '-day',
  // A studio's owner reads its own studios' figures (issue 24).
  access: { read: studioScope(isAdminOrOwner), create: nobody, update: nobody, delete: nobody },
  // Written in bulk by a job, never edited: no admin edit lock, so no lock row to cascade per deleted row.
  lockDocuments: false,
  indexes: [{ fields: ['day', 'package'] }],
  fields: [
    {
      name: 'key',
      type: 'text',
      required: true,
      unique: true,
      admin: { description: 'day|package|theme|studio' },
    },
    { name: 'day', type: 'text', required: true, index: true, admin: { description: 'UTC day, YYYY-MM-DD' } },
    { name: 'package', type: 'relationship', relationTo: 'photo-packages', index: true },
    // The shoots' and sales' studio (issue 24): a studio's figures include its deleted packages' days.
    { name: 'studio', type: 'relationship', relationTo: 'studios', index: true },
    { name: 'theme', type: 'relationship', relationTo: 'package-themes', index: true },
    {
      type: 'collapsible',
      label: 'Generations',
      fields: [
        count('generations'),
        count('succeeded', 'Every image delivered.'),
        count('partiallySucceeded', 'Some images delivered.'),
        count('failed'),
        count('blocked', 'Refused by the safety filter.'),
        count('imagesRequested'),
        count('imagesGenerated'),
        count('processingTimeMsTotal'),
        count('processingTimeCount'),
        count('ratingTotal'),
        count('ratingCount'),
        count('shootsUsed', 'Shoots charged for delivered generations.'),
        count('estimatedCostCents'),
        { name: 'firstGenerationAt', type: 'date' },
      ],
    },
    {
      type: 'collapsible',
      label: 'Sales (by paid day)',
      fields: [
        count('purchases'),
        count('shootsSold', 'Shoots bought, less shoots taken back after refunds.'),
        count('grossRevenueCents'),
        count('refundedCents'),
        count('revenueCents', 'Paid amount less refunds.'),
        count(
          'platformFeeCents',
          "The platform's application fees on these sales (Connect), less the share refunded.",
        ),
      ],
    },
    { name: 'computedAt', type: 'date' },
  ],
}
