import type { Config, JobsConfig } from 'payload'

import { hasRole } from '@/access'
import { isAdmin } from '@/access/isAdmin'
import { withLocalJsonEditor } from '@/fields/jsonEditor'
import { QUEUES } from '@/lib/queues'
import { settings } from '@/lib/settings'
import { startGenerationLanes } from '@/generation/generationLanes'
import { generatePortraitsTask, sweepStuckGenerationsTask } from '@/generation/tasks'

const adminOnly = ({ req }: { req: { user?: unknown } }) => hasRole(req.user as never, 'admin')

/**
 * Where jobs run follows ROLE (src/lib/settings.ts): with `all` (default) inside the app
 * process, where the endpoint starts a just-queued generation at once; with `web` nowhere (the
 * node wakes the workers through Redis); with `worker` in `npm run worker`. JOBS_AUTORUN=0 turns
 * the pollers off (tests drive jobs by hand).
 *
 * The generation queue has lanes of its own (src/generation/generationLanes.ts: one job per lane,
 * the next as soon as one ends, woken through Redis), started with the pollers: a batch claim
 * here would let one worker hoard a burst while another sits idle. Payload's pollers run the
 * rest: scheduled maintenance and the e-mail outbox.
 */
const runsJobs = (): boolean => settings().jobsAutorun && settings().role !== 'web'

export const jobsConfig = (
  incoming: Config['jobs'],
  extraTasks: NonNullable<JobsConfig['tasks']> = [],
): JobsConfig => ({
  ...incoming,
  tasks: [...(incoming?.tasks ?? []), generatePortraitsTask, sweepStuckGenerationsTask, ...extraTasks],
  access: { run: adminOnly, queue: adminOnly, cancel: adminOnly },
  jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
    // Its input, status, log and error are JSON fields: their editor loads from the app.
    ...withLocalJsonEditor(defaultJobsCollection),
    access: {
      ...defaultJobsCollection.access,
      read: isAdmin,
      create: isAdmin,
      update: isAdmin,
      delete: isAdmin,
    },
    admin: { ...defaultJobsCollection.admin, group: 'System', hidden: false },
  }),
  shouldAutoRun: runsJobs,
  // Called once, when this process starts its job pollers (Payload's `cron: true`).
  autoRun: async (payload) => {
    if (runsJobs()) await startGenerationLanes(payload)
    return [
      { cron: '*/30 * * * * *', queue: QUEUES.maintenance, limit: 5 },
      // No task is scheduled on the e-mail queue: without disableScheduling each tick (every node,
      // web ones too) read payload_jobs_stats and counted jobs for nothing, 4 queries every 5 s.
      { cron: '*/5 * * * * *', queue: QUEUES.email, limit: 20, disableScheduling: true },
    ]
  },
})
