import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { queueGeneratePortraits } from '@/lib/queues'

import { testPayload } from '../../support/app/payload'
import { closeLeftoverShoots } from '../../support/fixtures/generation'

/**
 * Job runners polling one queue at the same moment (several workers) must never both run a job.
 * The jobs here are for generations that do not exist, so each run is quick ("skipped").
 */
describe('job claims', () => {
  let payload: Payload

  beforeAll(async () => {
    payload = await testPayload()
    // The runs below count every generation job they get: jobs other files queued and never ran
    // (files share the database, in whatever order they run) would be counted as ours.
    await closeLeftoverShoots(payload)
  })

  it('gives each queued job to exactly one of three runners polling at once', async () => {
    const queued: string[] = []
    for (let i = 0; i < 12; i++) queued.push(String(await queueGeneratePortraits(payload, 900_000 + i)))
    const runs = await Promise.all(
      [1, 2, 3].map(() => payload.jobs.run({ queue: 'generation', limit: 10, silent: true })),
    )
    const ran = runs.map((run) => Object.keys(run.jobStatus ?? {}))
    const all = ran.flat()
    // No job ran twice, and every job that ran is one of ours.
    expect(new Set(all).size).toBe(all.length)
    expect(all.every((id) => queued.includes(id))).toBe(true)
    // What the three left (at most ten each took) runs on the next poll, once.
    const rest = Object.keys((await payload.jobs.run({ queue: 'generation', limit: 20 })).jobStatus ?? {})
    expect([...all, ...rest].sort()).toEqual([...queued].sort())
  })

  it('gives each of three runners claiming one job at once a job of its own: a runner that lost a race looks again', async () => {
    const queued: string[] = []
    for (let i = 0; i < 3; i++) queued.push(String(await queueGeneratePortraits(payload, 905_000 + i)))
    // What three generation lanes do when a burst arrives: each first finds the oldest job.
    const runs = await Promise.all(
      [1, 2, 3].map(() => payload.jobs.run({ queue: 'generation', limit: 1, silent: true })),
    )
    const ran = runs.map((run) => Object.keys(run.jobStatus ?? {}))
    // None came back empty while a job was free (that lane would idle beside a queued job).
    expect(ran.map((ids) => ids.length)).toEqual([1, 1, 1])
    expect(ran.flat().sort()).toEqual([...queued].sort())
  })

  it('does not start a job by id (the endpoint starting a just-queued job) that another runner holds', async () => {
    const queued: Array<number | string> = []
    for (let i = 0; i < 3; i++) queued.push(await queueGeneratePortraits(payload, 910_000 + i))
    // Another worker has claimed them (what its poller's claim writes).
    const held = { id: { in: queued } }
    await payload.db.updateMany({ collection: 'payload-jobs', where: held, data: { processing: true } })
    for (const id of queued) {
      expect((await payload.jobs.runByID({ id, silent: true })).jobStatus ?? {}).toEqual({})
    }
    // Released, the next claim runs each once.
    await payload.db.updateMany({ collection: 'payload-jobs', where: held, data: { processing: false } })
    const ran = Object.keys((await payload.jobs.run({ queue: 'generation', limit: 10 })).jobStatus ?? {})
    expect(ran.sort()).toEqual(queued.map(String).sort())
  })
  it('does not take a job another runner has finished but not yet deleted, nor a failed one, nor one waiting to retry', async () => {
    // Payload deletes a run's finished jobs only when the whole run ends; until then a finished job
    // is `processing: false` again, with `completedAt` set. A claim in that window must not run it twice.
    const [finished, failed, waiting] = await Promise.all(
      [915_000, 915_001, 915_002].map((id) => queueGeneratePortraits(payload, id)),
    )
    const set = (id: number | string, data: Record<string, unknown>) =>
      payload.db.updateMany({ collection: 'payload-jobs', where: { id: { equals: id } }, data })
    await set(finished, { completedAt: new Date().toISOString() })
    await set(failed, { hasError: true })
    await set(waiting, { waitUntil: new Date(Date.now() + 60_000).toISOString() })
    for (const id of [finished, failed, waiting]) {
      expect((await payload.jobs.runByID({ id, silent: true })).jobStatus ?? {}, String(id)).toEqual({})
    }
    // Once its wait is over, the waiting one runs, once.
    await set(waiting, { waitUntil: new Date(Date.now() - 1000).toISOString() })
    expect(Object.keys((await payload.jobs.runByID({ id: waiting, silent: true })).jobStatus ?? {})).toEqual([
      String(waiting),
    ])
  })
})
