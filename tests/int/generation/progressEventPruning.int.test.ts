import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { openProgressStream } from '../../support/clients/progressStream'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { shootableThemeId } from '../../support/fixtures/catalog'
import { newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The daily pruning of progress events (issue 25), on Postgres, through the scheduled task: a
 * shoot that ended more than PROGRESS_EVENT_RETENTION_DAYS (7) ago keeps only its last event,
 * and its stream still behaves (204 after the closing event, the last event for an older id);
 * a recent shoot and a live one keep all of theirs.
 */
describe('progress event pruning', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let client: ApiClient
  let old: number
  let recent: number
  let live: number

  const db = () =>
    (
      payload.db as unknown as {
        drizzle: { execute: (query: unknown) => Promise<{ rows: Record<string, unknown>[] }> }
      }
    ).drizzle
  const seqs = async (generationId: number): Promise<number[]> =>
    (
      await db().execute(
        sql`select seq from generation_events where generation_id = ${generationId} order by seq`,
      )
    ).rows.map((row) => Number(row.seq))
  const endedDaysAgo = async (generationId: number, days: number, status?: string) => {
    const when = new Date(Date.now() - days * DAY_MS).toISOString()
    await db().execute(
      status
        ? sql`update generations set finished_at = ${when}, status = ${status} where id = ${generationId}`
        : sql`update generations set finished_at = ${when} where id = ${generationId}`,
    )
  }
  /**
   * Queues the scheduled task and runs the maintenance queue, as the job poller does; returns how
   * many of this file's shoots' events went. A finished job is deleted (Payload's default), a failed one stays.
   */
  const runPruneJob = async (): Promise<number> => {
    // This file's shoots only: other files' shoots may be adding events meanwhile.
    const count = async () =>
      Number(
        (
          await db().execute(
            sql`select count(*) as n from generation_events where generation_id in (${old}, ${recent}, ${live})`,
          )
        ).rows[0].n,
      )
    const before = await count()
    const job = await payload.jobs.queue({ task: 'pruneProgressEvents', input: {}, queue: 'maintenance' })
    await payload.jobs.run({ queue: 'maintenance', limit: 10 })
    const left = await payload.findByID({
      collection: 'payload-jobs',
      id: job.id,
      depth: 0,
      disableErrors: true,
    })
    expect(left?.hasError ?? false).toBe(false)
    expect(left === null || Boolean(left.completedAt)).toBe(true)
    return before - (await count())
  }
  const shoot = async (themeId: number, uploadId: number): Promise<number> => {
    const accepted = await client.post('/api/generate', {
      packageSlug: 'wedding-portraits',
      themeId,
      uploadIds: [uploadId],
      portraitType: 'single',
      generationSettings: { aspectRatio: '3:4', quality: 'standard' },
    })
    expect(accepted.status).toBe(202)
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('succeeded')
    return generation.id
  }

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'pruning')
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, amount: 5, reason: 'Pruning test shoots' },
    })
    const themeId = await shootableThemeId(client.baseUrl)
    const upload = await uploadPhoto(client, await portraitJpeg())
    expect(upload.status).toBe(201)
    old = await shoot(themeId, upload.body.doc.id)
    recent = await shoot(themeId, upload.body.doc.id)
    live = await shoot(themeId, upload.body.doc.id)
  })

  afterAll(async () => {
    delete process.env.PROGRESS_EVENT_RETENTION_DAYS
    await server?.close()
  })

  it('keeps only the last event of a shoot that ended past the window, and every event of a live one', async () => {
    const before = { old: await seqs(old), recent: await seqs(recent), live: await seqs(live) }
    for (const events of Object.values(before)) expect(events.length).toBeGreaterThan(2)
    await endedDaysAgo(old, 8)
    await endedDaysAgo(recent, 6)
    // Running again (a retry or the sweep's requeue) with the finishedAt of an earlier close: live.
    await endedDaysAgo(live, 30, 'running')

    // A longer window: nothing has ended long enough ago.
    process.env.PROGRESS_EVENT_RETENTION_DAYS = '10'
    expect(await runPruneJob()).toBe(0)
    expect(await seqs(old)).toEqual(before.old)

    delete process.env.PROGRESS_EVENT_RETENTION_DAYS
    expect(await runPruneJob()).toBe(before.old.length - 1)
    expect(await seqs(old)).toEqual([before.old.at(-1)])
    expect(await seqs(recent)).toEqual(before.recent)
    expect(await seqs(live)).toEqual(before.live)
    // Idempotent: the next day's run finds nothing more.
    expect(await runPruneJob()).toBe(0)
    await endedDaysAgo(live, 30, 'succeeded')
  })

  it("still answers a pruned shoot's stream: 204 after the closing event, the last event otherwise", async () => {
    const [last] = await seqs(old)
    const url = `${server.url}/api/generations/${old}/events`
    const closed = await openProgressStream(url, client.token!, last)
    expect(closed.status).toBe(204)
    closed.close()

    // A page that saw only the first events (now pruned) catches up with the last one, then ends.
    const behind = await openProgressStream(url, client.token!, 1)
    expect(behind.status).toBe(200)
    await behind.ended
    expect(behind.messages.map((message) => message.seq)).toEqual([last])
    expect(behind.messages[0].view.status).toBe('succeeded')

    const fresh = await openProgressStream(url, client.token!)
    expect(fresh.status).toBe(200)
    await fresh.ended
    expect(fresh.messages.map((message) => message.seq)).toEqual([last])
  })

  it('numbers an event after pruning after the kept one (a rating)', async () => {
    const [last] = await seqs(old)
    const rated = await client.post(`/api/generations/${old}/rating`, { rating: 5 })
    expect(rated.status).toBe(200)
    expect(await seqs(old)).toEqual([last, last + 1])
  })
})
