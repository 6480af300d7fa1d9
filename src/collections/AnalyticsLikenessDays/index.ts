import type { CollectionConfig, Field } from 'payload'

import { isAdmin, nobody } from '@/access'

const count = (name: string, description: string): Field => ({
  name,
  type: 'number',
  defaultValue: 0,
  admin: { description },
})

/**
 * Likeness per UTC day × package × theme × image model (issue 23), summed from the shoots'
 * analytics rows by the rollup job, so the dashboard's likeness table reads these rows only.
 */
export const AnalyticsLikenessDays: CollectionConfig = {
  slug: 'analytics-likeness-days',
  labels: { singular: 'Likeness day', plural: 'Likeness days' },
  admin: {
    group: 'Analytics',
    hidden: true,
    defaultColumns: ['day', 'package', 'theme', 'model', 'portraitsChecked', 'refunded'],
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  // Written in bulk by a job, never edited: no admin edit lock, so no lock row to cascade per deleted row.
  lockDocuments: false,
  defaultSort: '-day',
  fields: [
    { name: 'day', type: 'text', required: true, index: true, admin: { description: 'UTC day, YYYY-MM-DD' } },
    { name: 'package', type: 'relationship', relationTo: 'photo-packages' },
    { name: 'studio', type: 'relationship', relationTo: 'studios' },
    { name: 'theme', type: 'relationship', relationTo: 'package-themes' },
    { name: 'model', type: 'text' },
    count('portraitsChecked', 'Portraits whose likeness was checked (delivered or refunded).'),
    count('likenessTotal', 'Sum of each shoot’s mean likeness × its delivered, checked portraits.'),
    count('likenessScored', 'Delivered, checked portraits with a likeness score.'),
    count('refunded', 'Portraits refunded for likeness.'),
    count('retries', 'Free retries for likeness.'),
  ],
}
