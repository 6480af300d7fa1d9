import type { Payload } from 'payload'

import { settings } from '@/lib/settings'
import { QUEUES } from '@/lib/queues'

import { generationConcurrency } from './concurrency'
import { Lanes, lanesFor } from './lanes'
import { listenForQueuedGenerations } from './wakeWorkers'

export interface GenerationLanes {
  /** Lanes in this process: GENERATION_CONCURRENCY + 1. */
  size: number
  /** True when Redis announcements wake the lanes; false when the periodic look is the only way. */
  woken: boolean
  /** Starts every idle lane (something may have been queued). */
  wake: () => void
  /** No new claims and no more looks; jobs already running finish on their own. */
  stop: () => void
}

type WithLanes = Payload & { __photoPackagesGenerationLanes?: GenerationLanes }

/**
 * Runs the generation queue in this process: GENERATION_CONCURRENCY + 1 lanes, each claiming one
 * job (`payload.jobs.run` with limit 1; claims are exclusive, src/plugin/jobClaims.ts) and the
 * next the moment it ends. Woken by every Redis announcement of a queued generation and every
 * GENERATION_POLL_MS (the safety net, and the only way without Redis), and once at start.
 *
 * Started by Payload's job pollers (src/plugin/jobs.ts), so it runs where they run: `npm run
 * worker`, and the app process with ROLE=all. Once per Payload instance; later calls return it.
 */
export const startGenerationLanes = async (payload: Payload): Promise<GenerationLanes> => {
  const holder = payload as WithLanes
  if (holder.__photoPackagesGenerationLanes) return holder.__photoPackagesGenerationLanes
  const lanes = new Lanes(
    lanesFor(generationConcurrency()),
    async () => {
      // Quiet about each claim ("Running 1 jobs."), not about a job's errors.
      const { jobStatus } = await payload.jobs.run({
        queue: QUEUES.generation,
        limit: 1,
        silent: { info: true },
      })
      return Object.keys(jobStatus ?? {}).length > 0
    },
    (error) => payload.logger.error({ err: error, msg: 'a generation lane stopped on an error' }),
  )
  const poll = setInterval(() => lanes.wake(), settings().generationPollMs)
  // The look is for work that exists; it must not keep a finished script alive.
  poll.unref()
  const running: GenerationLanes = {
    size: lanes.size,
    woken: false,
    wake: () => lanes.wake(),
    stop: () => {
      clearInterval(poll)
      lanes.stop()
    },
  }
  holder.__photoPackagesGenerationLanes = running
  running.woken = await listenForQueuedGenerations(() => lanes.wake())
  lanes.wake()
  return running
}

/** This process's generation lanes, if it runs the generation queue. */
export const generationLanes = (payload: Payload): GenerationLanes | undefined =>
  (payload as WithLanes).__photoPackagesGenerationLanes
