import type { CollectionAfterChangeHook } from 'payload'

import { GENERATION_QUEUE } from '@/generation/tasks'

/**
 * A new generation gets its job in the same transaction that created it and held the
 * credits, so there is never a paid-for generation without a job (or the reverse).
 */
export const queueGeneration: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const job = await req.payload.jobs.queue({
    task: 'generatePortraits',
    input: { generationId: doc.id },
    queue: GENERATION_QUEUE,
    req,
  })
  // The endpoint starts this job right after commit, so it need not wait for the poller.
  req.context.generationJobId = job.id
  return doc
}
