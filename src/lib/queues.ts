import type { Payload, PayloadRequest } from 'payload'

/**
 * Job queue and task names, the one place they are spelled. Dependency-free (type imports only)
 * so any room can queue a job without importing the task's handler and so its room.
 */
export const QUEUES = {
  /** Customer generations: run in lanes (src/generation/generationLanes.ts), started at once by POST /api/generate. */
  generation: 'generation',
  /** Scheduled housekeeping: sweeper, Stripe reconcile, analytics rollups, seasons. */
  maintenance: 'maintenance',
  /** Outgoing e-mail (an outbox): polled every 5 s, each job sends one message, retried on SMTP failure. */
  email: 'email',
} as const

export const TASKS = {
  generatePortraits: 'generatePortraits',
  sweepStuckGenerations: 'sweepStuckGenerations',
  reconcileStripeSessions: 'reconcileStripeSessions',
  refreshAnalyticsRollups: 'refreshAnalyticsRollups',
  refreshThemeSeasons: 'refreshThemeSeasons',
  sendEmail: 'sendEmail',
  applyRetention: 'applyRetention',
  probeImageModels: 'probeImageModels',
  pruneProgressEvents: 'pruneProgressEvents',
} as const

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]
export type TaskSlug = (typeof TASKS)[keyof typeof TASKS]

/**
 * Queues the job that makes one generation's portraits. Pass `req` to queue inside the caller's
 * transaction (the job row then commits or rolls back with the generation). Returns the job id.
 */
export const queueGeneratePortraits = async (
  payload: Payload,
  generationId: number,
  req?: PayloadRequest,
): Promise<number | string> => {
  const job = await payload.jobs.queue({
    task: TASKS.generatePortraits,
    input: { generationId },
    queue: QUEUES.generation,
    ...(req ? { req } : {}),
  })
  return job.id
}
