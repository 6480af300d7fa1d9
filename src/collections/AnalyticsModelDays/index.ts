import type { CollectionConfig, Field } from 'payload'

import { isAdmin, nobody } from '@/access'

const count = (name: string, description: string): Field => ({
  name,
  type: 'number',
  defaultValue: 0,
  admin: { description },
})

/**
 * Portraits per UTC day × package × image model × output size × price source, summed from the
 * portraits by the rollup job, so the dashboard's image model table reads these rows only.
 */
export const AnalyticsModelDays: CollectionConfig = {
  slug: 'analytics-model-days',
  labels: { singular: 'Image model day', plural: 'Image model days' },
  admin: {
    group: 'Analytics',
    hidden: true,
    defaultColumns: ['day', 'package', 'model', 'imageSize', 'portraits', 'costUsd'],
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  // Written in bulk by a job, never edited: no admin edit lock, so no lock row to cascade per deleted row.
  lockDocuments: false,
  defaultSort: '-day',
  fields: [
    { name: 'day', type: 'text', required: true, index: true, admin: { description: 'UTC day, YYYY-MM-DD' } },
    { name: 'package', type: 'relationship', relationTo: 'photo-packages' },
    { name: 'studio', type: 'relationship', relationTo: 'studios' },
    { name: 'model', type: 'text' },
    { name: 'imageSize', type: 'text' },
    { name: 'isPreview', type: 'checkbox', defaultValue: false },
    { name: 'priceSource', type: 'text' },
    count('portraits', 'Portraits made.'),
    count('priced', 'Portraits with a recorded price.'),
    count('costUsd', 'What the provider charged for them by the price table, US dollars.'),
  ],
}
