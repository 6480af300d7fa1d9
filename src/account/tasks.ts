import type { TaskConfig } from 'payload'

import { QUEUES, TASKS } from '@/lib/queues'

import { applyRetention } from './retention'

/** Daily at 03:15: deletes photos and portraits past their retention, sends reminders, and deletes accounts whose sign-up link was never opened. */
export const applyRetentionTask: TaskConfig<any> = {
  slug: TASKS.applyRetention,
  label: 'Apply retention (photos, portraits, unconfirmed accounts)',
  retries: 0,
  schedule: [{ cron: '15 3 * * *', queue: QUEUES.maintenance }],
  handler: async ({ req }) => ({ output: await applyRetention(req.payload) }),
  outputSchema: [
    { name: 'photosDeleted', type: 'number' },
    { name: 'generationsDeleted', type: 'number' },
    { name: 'remindersQueued', type: 'number' },
    { name: 'unconfirmedAccountsDeleted', type: 'number' },
  ],
}
