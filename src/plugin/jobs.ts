import type { Config, JobsConfig } from 'payload'

import { hasRole } from '@/access'
import { isAdmin } from '@/access/isAdmin'
import { settings } from '@/lib/settings'
import { generatePortraitsTask, sweepStuckGenerationsTask } from '@/generation/tasks'

import { QUEUES } from './queues'

const adminOnly = ({ req }: { req: { user?: unknown } }) => hasRole(req.user as never, 'admin')

/**
 * Jobs run inside the app process: a just-queued generation is started at once by its
 * endpoint; the pollers below are the safety net (after a restart, say) and run the
 * scheduled maintenance. JOBS_AUTORUN=0 turns the pollers off (tests drive jobs by hand).
 */
export const jobsConfig = (incoming: Config['jobs'], extraTasks: NonNullable<JobsConfig['tasks']> = []): JobsConfig => ({
  ...incoming,
  tasks: [...(incoming?.tasks ?? []), generatePortraitsTask, sweepStuckGenerationsTask, ...extraTasks],
  access: { run: adminOnly, queue: adminOnly, cancel: adminOnly },
  jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
    ...defaultJobsCollection,
    access: { ...defaultJobsCollection.access, read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
    admin: { ...defaultJobsCollection.admin, group: 'System', hidden: false },
  }),
  shouldAutoRun: () => settings().jobsAutorun,
  autoRun: [
    { cron: '*/5 * * * * *', queue: QUEUES.generation, limit: 10 },
    { cron: '*/30 * * * * *', queue: QUEUES.maintenance, limit: 5 },
    { cron: '*/5 * * * * *', queue: QUEUES.email, limit: 20 },
  ],
})
