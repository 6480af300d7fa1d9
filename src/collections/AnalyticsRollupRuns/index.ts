import type { CollectionConfig } from 'payload'

import { isAdmin, nobody } from '@/access'

/**
 * Each rollup run: when, who asked, which days it recomputed. The last success is the watermark,
 * and carries the standard timeframes' customer figures the dashboard reads.
 */
export const AnalyticsRollupRuns: CollectionConfig = {
  slug: 'analytics-rollup-runs',
  labels: { singular: 'Rollup run', plural: 'Rollup runs' },
  admin: {
    group: 'Analytics',
    useAsTitle: 'startedAt',
    defaultColumns: ['startedAt', 'trigger', 'mode', 'status', 'daysRecomputed', 'durationMs', 'ranBy'],
  },
  defaultSort: '-startedAt',
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    {
      name: 'startedAt',
      type: 'date',
      required: true,
      index: true,
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'finishedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'trigger', type: 'select', required: true, options: ['schedule', 'manual'] },
    { name: 'mode', type: 'select', required: true, options: ['incremental', 'full'] },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'running',
      index: true,
      options: ['running', 'succeeded', 'failed'],
    },
    { name: 'ranBy', type: 'relationship', relationTo: 'users' },
    { name: 'daysRecomputed', type: 'number' },
    { name: 'days', type: 'textarea', admin: { description: 'The UTC days recomputed.' } },
    { name: 'rowsWritten', type: 'number' },
    { name: 'themesRescored', type: 'number' },
    { name: 'durationMs', type: 'number' },
    { name: 'error', type: 'textarea' },
    {
      name: 'userFigures',
      type: 'json',
      admin: {
        readOnly: true,
        description:
          'Unique, returning and multi-package customers of the 7, 30 and 90 days to the run’s day, in all and per package: what the dashboard shows for those timeframes.',
      },
    },
  ],
}
