import { node1Link, realRedisUrl } from '../../support/servers/redisLinkEnv'

import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedis } from '@/lib/redis'
import { checkReadiness } from '@/ops/readiness'

import type { FakeGemini } from '../../fakes/geminiServer'
import { type AppNode, startAppNode, startWorker } from '../../support/processes/appNodes'
import { ApiClient } from '../../support/clients/client'
import { startGeminiForApp } from '../../support/app/fakesForApp'
import { newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { countQueries } from '../../support/app/queryCount'
import {
  type OpenStream,
  openProgressStream,
  type ProgressMessage,
} from '../../support/clients/progressStream'
import { startRestServer } from '../../support/app/restServer'
import { shootableThemeId } from '../../support/fixtures/catalog'

// 50 streams of one customer on one node (the caps are per customer and per node).
process.env.STREAMS_PER_CUSTOMER = '60'
process.env.STREAMS_PER_NODE = '200'

const TERMINAL = ['succeeded', 'partially_succeeded', 'failed', 'blocked']
const finished = (message: ProgressMessage | undefined) =>
  Boolean(message && TERMINAL.includes(message.view.status) && message.view.finishedAt)

/** Every query this process sends to Postgres so far (started in beforeAll). */
let queries = () => 0

/**
 * Live progress fanned out from the worker's commits (issue 25). Node 1 is this process, reaching
 * Redis through a link the test cuts; node 2 and the worker are child processes. The worker
 * writes each change and its event in one transaction and publishes it once; the nodes hand it to
 * their streams from memory.
 */
describe('progress fan-out', () => {
  let payload: Payload
  let node1: Awaited<ReturnType<typeof startRestServer>>
  let node2: AppNode
  let worker: Awaited<ReturnType<typeof startWorker>>
  let gemini: FakeGemini
  let stopGemini: (() => Promise<void>) | undefined
  let photo: Buffer
  let themeId: number

  beforeAll(async () => {
    process.env.ROLE = 'web'
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    payload = await testPayload()
    node1 = await startRestServer()
    ;[node2, worker] = await Promise.all([
      startAppNode({ ROLE: 'web', REDIS_URL: realRedisUrl }),
      startWorker({ ROLE: 'worker', JOBS_AUTORUN: '1', REDIS_URL: realRedisUrl }),
    ])
    process.env.GEMINI_BASE_URL = 'http://127.0.0.1:9'
    gemini.setLatency(400)
    photo = await portraitJpeg()
    themeId = await shootableThemeId(node1.url)
    queries = countQueries()
  })

  afterAll(async () => {
    delete process.env.ROLE
    await Promise.all([node2?.stop(), worker?.stop()])
    await node1?.close()
    await stopGemini?.()
    await node1Link.close()
    await closeRedis()
  })

  /** A customer signed in on `url` with a photo, and a shoot requested through `url`. */
  const customerWithShoot = async (url: string, label: string) => {
    const customer = new ApiClient(url)
    await newCustomer(payload, customer, label)
    const upload = await uploadPhoto(customer, photo)
    expect(upload.status).toBe(201)
    const shoot = async () => {
      const accepted = await customer.post('/api/generate', {
        packageSlug: 'wedding-portraits',
        themeId,
        uploadId: upload.body.doc.id,
        portraitType: 'single',
        generationSettings: { aspectRatio: '1:1', quality: 'standard' },
      })
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(202)
      return accepted.body.generationId as number
    }
    return { customer, shoot }
  }

  /** The seqs and statuses in the events table, as the worker committed them. */
  const committed = async (id: number) =>
    (
      await payload.db.drizzle.execute(
        sql`select seq, view->>'status' as status from generation_events where generation_id = ${id} order by seq`,
      )
    ).rows.map((row: Record<string, unknown>) => ({
      seq: Number(row.seq),
      status: String(row.status),
    }))

  const until = async (what: () => boolean | Promise<boolean>, label: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs
    while (!(await what())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** The seqs received are consecutive, and equal the table's from the first one received to its last. */
  const expectNoGap = async (id: number, messages: ProgressMessage[]) => {
    const table = await committed(id)
    const seqs = messages.map((message) => message.seq)
    const first = seqs[0]!
    expect(seqs).toEqual(table.filter((row) => row.seq >= first).map((row) => row.seq))
    expect(messages.map((message) => message.view.status)).toEqual(
      table.filter((row) => row.seq >= first).map((row) => row.status),
    )
    expect(finished(messages.at(-1)), JSON.stringify(messages.at(-1)?.view)).toBe(true)
  }

  it('streams every change the worker commits to a watcher on node 2, in order, across a reconnect with Last-Event-ID', async () => {
    const { customer, shoot } = await customerWithShoot(node1.url, 'fanout-watcher')
    const id = await shoot()
    const url = `${node2.url}/api/generations/${id}/events`
    const first = await openProgressStream(url, customer.token!)
    expect(first.status).toBe(200)
    // Drop the connection mid-shoot, as a network blip would, and stay away while the worker writes.
    await until(() => first.messages.length >= 3 || finished(first.messages.at(-1)), 'three events')
    first.close()
    await first.ended
    const lastSeen = first.messages.at(-1)!.seq!
    // Away until the worker has committed at least one change this watcher did not see.
    let committedMeanwhile = lastSeen
    await until(async () => {
      committedMeanwhile = (await committed(id)).at(-1)!.seq
      return committedMeanwhile > lastSeen
    }, 'a change while away')
    const second = await openProgressStream(url, customer.token!, lastSeen)
    expect(second.status).toBe(200)
    await second.ended
    const messages = [...first.messages, ...second.messages]
    expect(messages.every((message) => message.view.id === id)).toBe(true)
    await expectNoGap(id, messages)
    // It began with the state at opening and saw the worker's changes: claimed, images, closed.
    expect(messages[0].seq).toBeLessThanOrEqual(2)
    expect(messages.map((message) => message.view.status)).toContain('running')
    expect(messages.at(-1)!.view.status).toBe('succeeded')
    // The reconnect began with what was committed while it was away, replayed from the table.
    expect(second.messages[0].seq).toBe(lastSeen + 1)
    expect(second.messages[0].seq).toBeLessThanOrEqual(committedMeanwhile)
    // A reconnect after the closing event is told to stop (204: EventSource does not retry).
    const after = await openProgressStream(url, customer.token!, messages.at(-1)!.seq!)
    expect(after.status).toBe(204)
    // An id past the last event (not one we sent) opens afresh: the current view, then the end.
    const ahead = await openProgressStream(url, customer.token!, messages.at(-1)!.seq! + 999)
    expect(ahead.status).toBe(200)
    await ahead.ended
    expect(ahead.messages.map((message) => message.seq)).toEqual([messages.at(-1)!.seq])
    expect(finished(ahead.messages.at(-1))).toBe(true)
  }, 120_000)

  it('serves 50 watchers of one shoot with the database queries of 1, give or take the opening reads', async () => {
    const { customer, shoot } = await customerWithShoot(node1.url, 'fanout-count')
    const watch = async (count: number) => {
      // The shoot waits on the fake Gemini until every stream is open: each stream's opening reads
      // are then the same (a shoot that moved on, or closed, while 50 streams opened on a loaded
      // machine gave the later ones other reads: 173 against a bound of 155).
      const release = gemini.hold()
      const id = await shoot()
      const url = `${node1.url}/api/generations/${id}/events`
      const beforeOpen = queries()
      const streams: OpenStream[] = []
      for (let i = 0; i < count; i++) streams.push(await openProgressStream(url, customer.token!))
      await until(() => streams.every((stream) => stream.messages.length > 0), 'the opening events')
      const opening = queries() - beforeOpen
      const beforeShoot = queries()
      release()
      await Promise.all(streams.map((stream) => stream.ended))
      const during = queries() - beforeShoot
      for (const stream of streams) await expectNoGap(id, stream.messages)
      const changes = (await committed(id)).length
      return { opening, during, changes }
    }
    const one = await watch(1)
    const fifty = await watch(50)
    console.log(
      `progress queries on node 1: 1 watcher ${JSON.stringify(one)}, 50 watchers ${JSON.stringify(fifty)}`,
    )
    // The opening reads are per stream (owner check, the latest event): about 50 times one's.
    expect(fifty.opening).toBeLessThanOrEqual(50 * one.opening + 5)
    // While the shoot runs, no stream reads anything: the events come from memory.
    expect(fifty.during).toBeLessThanOrEqual(one.during + 2)
    expect(fifty.during).toBeLessThan(fifty.changes)
  }, 180_000)

  it("answers 404 to customers who ask for each other's progress, on both nodes", async () => {
    const a = await customerWithShoot(node1.url, 'fanout-a')
    const b = await customerWithShoot(node1.url, 'fanout-b')
    const [idA, idB] = await Promise.all([a.shoot(), b.shoot()])
    for (const node of [node1.url, node2.url]) {
      const crossed = await Promise.all([
        openProgressStream(`${node}/api/generations/${idB}/events`, a.customer.token!),
        openProgressStream(`${node}/api/generations/${idA}/events`, b.customer.token!, 0),
      ])
      expect(crossed.map((stream) => stream.status)).toEqual([404, 404])
      await Promise.all(crossed.map((stream) => stream.ended))
      expect(crossed.flatMap((stream) => stream.messages)).toEqual([])
    }
    // Their own streams carry only their own shoot.
    const own = await Promise.all([
      openProgressStream(`${node2.url}/api/generations/${idA}/events`, a.customer.token!, 0),
      openProgressStream(`${node2.url}/api/generations/${idB}/events`, b.customer.token!, 0),
    ])
    await Promise.all(own.map((stream) => stream.ended))
    expect(new Set(own[0].messages.map((message) => message.view.id))).toEqual(new Set([idA]))
    expect(new Set(own[1].messages.map((message) => message.view.id))).toEqual(new Set([idB]))
  }, 120_000)

  it('falls back to polling on a node that loses Redis, says so in readiness, and recovers', async () => {
    expect((await checkReadiness()).progress.mode).toBe('pubsub')
    // Signed in before the cut: node 1's own Redis use (rate limits) is away during it.
    const { customer, shoot } = await customerWithShoot(node2.url, 'fanout-cut')
    await node1Link.cut()
    try {
      await expect
        .poll(async () => (await checkReadiness()).progress.mode, { timeout: 20_000 })
        .toBe('polling')
      const id = await shoot()
      const stream = await openProgressStream(`${node1.url}/api/generations/${id}/events`, customer.token!)
      expect(stream.status).toBe(200)
      await stream.ended
      await expectNoGap(id, stream.messages)
    } finally {
      await node1Link.restore()
    }
    await expect.poll(async () => (await checkReadiness()).progress.mode, { timeout: 30_000 }).toBe('pubsub')
    const id = await shoot()
    const stream = await openProgressStream(`${node1.url}/api/generations/${id}/events`, customer.token!)
    await stream.ended
    await expectNoGap(id, stream.messages)
  }, 180_000)

  it('sends a heartbeat comment while nothing changes, so proxies keep the stream open', async () => {
    const { customer, shoot } = await customerWithShoot(node1.url, 'fanout-heartbeat')
    // Each portrait takes longer than a heartbeat: nothing changes for more than 15 s.
    gemini.setLatency(17_000)
    try {
      const id = await shoot()
      const stream = await openProgressStream(`${node2.url}/api/generations/${id}/events`, customer.token!)
      await until(() => stream.comments.length > 0, 'a heartbeat', 45_000)
      expect(stream.comments[0]).toBe(': heartbeat')
      expect(finished(stream.messages.at(-1))).toBe(false)
      stream.close()
    } finally {
      gemini.setLatency(400)
    }
  }, 90_000)
})
