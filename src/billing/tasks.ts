import type { TaskConfig } from 'payload'

import { QUEUES, TASKS } from '@/lib/queues'

import { reconcileStripeSessions } from './reconcile'
import { readStripeConfig } from './stripeClient'

/** Daily: grant any paid Checkout Session whose webhook never arrived. */
export const reconcileStripeTask: TaskConfig<any> = {
  slug: TASKS.reconcileStripeSessions,
  label: 'Reconcile Stripe checkout sessions',
  retries: 1,
  schedule: [{ cron: '0 3 * * *', queue: QUEUES.maintenance }],
  outputSchema: [
    { name: 'checked', type: 'number' },
    { name: 'granted', type: 'number' },
  ],
  handler: async ({ req }) => {
    if (!readStripeConfig()) return { output: { checked: 0, granted: 0 } }
    const { checked, granted } = await reconcileStripeSessions(req.payload)
    return { output: { checked, granted: granted.length } }
  },
}
