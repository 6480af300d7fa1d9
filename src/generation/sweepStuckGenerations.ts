import { createLocalReq, type Payload } from 'payload'

import { inTransaction } from '@/lib/transactions'

import type { Generation } from '@/payload-types'
import { queueGeneratePortraits } from '@/lib/queues'

import { finalizeGeneration } from './finalizeGeneration'
import { endLeasesOfGoneHolders, releaseExpiredLease } from './leases'
import { recordProgressEvent } from './progressEvents'

/** A generation whose worker died this many times is closed instead of retried again. */
export const MAX_RUNS = 3

export interface SweepResult {
  requeued: number[]
  closed: number[]
}

/**
 * Finds generations left `running` past their lease (a killed or hung worker), or held by a
 * process of this host that no longer runs (its lease is ended first: endLeasesOfGoneHolders).
 * Each one
 * either goes back to the queue, keeping the images already delivered, or after
 * MAX_RUNS is closed: charged if something was delivered, refunded in full if not. No
 * generation stays stuck and no hold is lost.
 */
export const sweepStuckGenerations = async (payload: Payload, at?: Date): Promise<SweepResult> => {
  await endLeasesOfGoneHolders(payload)
  const now = at ?? new Date()
  const { docs } = await payload.find({
    collection: 'generations',
    where: { and: [{ status: { equals: 'running' } }, { leaseExpiresAt: { less_than: now.toISOString() } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const result: SweepResult = { requeued: [], closed: [] }
  for (const generation of docs as Generation[]) {
    // One generation that cannot be closed or requeued must not stop the sweep (or a worker's start).
    try {
      if ((generation.attempt ?? 0) >= MAX_RUNS) {
        await finalizeGeneration(payload, generation.id, generation.images ?? [])
        result.closed.push(generation.id)
        continue
      }
      // Back to "queued" on the progress page in the same transaction.
      const released = await inTransaction(await createLocalReq({}, payload), async (req) => {
        const won = await releaseExpiredLease(payload, generation.id, req)
        if (won) await recordProgressEvent(req, generation.id)
        return won
      })
      if (!released) continue
      await queueGeneratePortraits(payload, generation.id)
      result.requeued.push(generation.id)
    } catch (error) {
      payload.logger.error({
        err: error,
        msg: `sweep: generation ${generation.id} could not be closed or requeued`,
      })
    }
  }
  return result
}
