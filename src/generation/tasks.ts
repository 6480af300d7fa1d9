import type { TaskConfig } from 'payload'

import { settings } from '@/lib/settings'
import { QUEUES, TASKS } from '@/lib/queues'

import { probeImageModels } from './probeModels'
import { pruneProgressEvents } from './pruneProgressEvents'
import { runGeneration } from './runGeneration'
import { sweepStuckGenerations } from './sweepStuckGenerations'
import { announceQueuedGeneration } from './wakeWorkers'

/** Makes one generation's portraits. Retries are ours (per image), not the job system's. */
export const generatePortraitsTask: TaskConfig<any> = {
  slug: TASKS.generatePortraits,
  label: 'Generate portraits',
  retries: 0,
  inputSchema: [{ name: 'generationId', type: 'number', required: true }],
  outputSchema: [{ name: 'status', type: 'text' }],
  handler: async ({ input, req }) => {
    const status = await runGeneration(req.payload, Number(input.generationId))
    return { output: { status } }
  },
}

/** Every minute: requeue or close generations whose worker died. */
export const sweepStuckGenerationsTask: TaskConfig<any> = {
  slug: TASKS.sweepStuckGenerations,
  label: 'Sweep stuck generations',
  retries: 0,
  schedule: [{ cron: '* * * * *', queue: QUEUES.maintenance }],
  handler: async ({ req }) => {
    const { requeued, closed } = await sweepStuckGenerations(req.payload)
    return { output: { requeued: requeued.length, closed: closed.length } }
  },
  outputSchema: [
    { name: 'requeued', type: 'number' },
    { name: 'closed', type: 'number' },
  ],
}

/**
 * Hourly: asks Google (models.get) whether every model in use is still served and records the
 * answer on the catalogue; each process also probes once at start (startModelCatalogue).
 */
export const probeImageModelsTask: TaskConfig<any> = {
  slug: TASKS.probeImageModels,
  label: 'Probe image models',
  retries: 0,
  schedule: [{ cron: '7 * * * *', queue: QUEUES.maintenance }],
  outputSchema: [
    { name: 'probed', type: 'number' },
    { name: 'notServed', type: 'text' },
  ],
  handler: async ({ req }) => {
    const report = await probeImageModels(req.payload)
    return { output: { probed: report.probed, notServed: report.notServed.join(', ') } }
  },
}

/**
 * Daily at 03:25: a shoot that ended more than PROGRESS_EVENT_RETENTION_DAYS ago keeps only its
 * last progress event (src/generation/pruneProgressEvents.ts); live shoots keep all of theirs.
 */
export const pruneProgressEventsTask: TaskConfig<any> = {
  slug: TASKS.pruneProgressEvents,
  label: 'Prune progress events',
  retries: 0,
  schedule: [{ cron: '25 3 * * *', queue: QUEUES.maintenance }],
  outputSchema: [{ name: 'eventsDeleted', type: 'number' }],
  handler: async ({ req }) => ({ output: { eventsDeleted: await pruneProgressEvents(req.payload) } }),
}

/**
 * Starts a just-queued job at once instead of waiting for the next poll (fire and forget): in
 * this process, or with ROLE=web (which runs no jobs) by waking the workers through Redis.
 */
export const startJobNow = (payload: import('payload').Payload, jobId: number | string | null): void => {
  if (jobId === null) return
  if (settings().role === 'web') {
    void announceQueuedGeneration()
    return
  }
  void payload.jobs.runByID({ id: jobId, overrideAccess: true }).catch((error: unknown) => {
    payload.logger.error({ err: error, msg: `job ${jobId} failed to start; the poller will pick it up` })
  })
}
