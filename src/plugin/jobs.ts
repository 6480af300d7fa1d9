import type { Config, JobsConfig } from 'payload'

import { hasRole } from '@/access'
import { isAdmin } from '@/access/isAdmin'
import { withLocalJsonEditor } from '@/fields/jsonEditor'
import { settings } from '@/lib/settings'
import { generatePortraitsTask, sweepStuckGenerationsTask } from '@/generation/tasks'

import { QUEUES } from './queues'

const adminOnly = ({ req }: { req: { user?: unknown } }) => hasRole(req.user as never, 'admin')

/**
 * Where jobs run follows ROLE (src/lib/settings.ts): with `all` (default) inside the app
 * process, where the endpoint starts a just-queued generation at once; with `web` nowhere (the
 * node wakes the workers through Redis); with `worker` in `npm run worker`. The pollers below
 * are the safety net (after a restart, say) and run the scheduled maintenance.
 * JOBS_AUTORUN=0 turns them off (tests drive jobs by hand).
 */
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
  shouldAutoRun: () => settings().jobsAutorun && settings().role !== 'web',
  autoRun: [
    { cron: '*/5 * * * * *', queue: QUEUES.generation, limit: 10 },
    { cron: '*/30 * * * * *', queue: QUEUES.maintenance, limit: 5 },
    { cron: '*/5 * * * * *', queue: QUEUES.email, limit: 20 },
  ],
})
