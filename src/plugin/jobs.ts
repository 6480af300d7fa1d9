import type { Config, JobsConfig } from 'payload'

import { hasRole } from '@/access'
import { isAdmin } from '@/access/isAdmin'
import { applyRetentionTask } from '@/account/tasks'
import { emailAutoRun, sendEmailTask } from '@/email/tasks'
import { GENERATION_QUEUE, generatePortraitsTask, MAINTENANCE_QUEUE, sweepStuckGenerationsTask } from '@/generation/tasks'

const adminOnly = ({ req }: { req: { user?: unknown } }) => hasRole(req.user as never, 'admin')

/**
 * Jobs run inside the app process: a just-queued generation is started at once by its
 * endpoint; the pollers below are the safety net (after a restart, say) and run the
 * scheduled maintenance. JOBS_AUTORUN=0 turns the pollers off (tests drive jobs by hand).
 */
export const jobsConfig = (incoming: Config['jobs'], extraTasks: NonNullable<JobsConfig['tasks']> = []): JobsConfig => ({
  ...incoming,
  tasks: [...(incoming?.tasks ?? []), generatePortraitsTask, sweepStuckGenerationsTask, sendEmailTask, applyRetentionTask, ...extraTasks],
  access: { run: adminOnly, queue: adminOnly, cancel: adminOnly },
  jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
    ...defaultJobsCollection,
    access: { ...defaultJobsCollection.access, read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
    admin: { ...defaultJobsCollection.admin, group: 'System', hidden: false },
  }),
  shouldAutoRun: () => process.env.JOBS_AUTORUN !== '0',
  autoRun: [
    { cron: '*/5 * * * * *', queue: GENERATION_QUEUE, limit: 10 },
    { cron: '*/30 * * * * *', queue: MAINTENANCE_QUEUE, limit: 5 },
    emailAutoRun,
  ],
})
