import '../../support/servers/redisEnv'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedis } from '@/lib/redis'
import type { Generation } from '@/payload-types'

import { FAKE_GEMINI_API_KEY, type FakeGemini, startFakeGemini } from '../../fakes/geminiServer'
import { type AppNode, startAppNode, startWorker } from '../../support/processes/appNodes'
import { ApiClient } from '../../support/clients/client'
import { closeLeftoverShoots, newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { type RedisLink, startRedisLink } from '../../support/servers/redisLink'
import { startRestServer } from '../../support/app/restServer'

type Worker = Awaited<ReturnType<typeof startWorker>>

/** Far longer than the test: a generation left to the periodic look would time the test out. */
const NO_POLL = '600000'
/** Provider calls per worker: each worker then has GENERATION_CONCURRENCY + 1 = 2 lanes. */
const SLOTS = 1
const LANES = SLOTS + 1

/**
 * A burst shared out among two workers (`npm run worker` processes; this process is the app node,
 * ROLE=web). Each worker has its own fake Gemini, so its log is that worker's provider calls. The
 * workers' periodic look is switched off (10 min): every generation here must be started by a
 * Redis wake, a lane claiming the next job the moment its own ends, or a worker looking as its
 * Redis connection comes back, never by a poll.
 */
describe('generation lanes: two workers share a burst', () => {
  let payload: Payload
  let node: Awaited<ReturnType<typeof startRestServer>>
  let customer: ApiClient
  let body: Record<string, unknown>
  let imageCount: number
  const fakes: FakeGemini[] = []
  const workers: Worker[] = []
  let allInOne: AppNode | undefined
  let link: RedisLink | undefined

  beforeAll(async () => {
    process.env.ROLE = 'web'
    process.env.GEMINI_API_KEY = FAKE_GEMINI_API_KEY
    fakes.push(await startFakeGemini(), await startFakeGemini())
    payload = await testPayload()
    // Shoots other files left queued would take these workers' lanes first (CI: one waited 8.5 s).
    await closeLeftoverShoots(payload)
    node = await startRestServer()
    workers.push(
      ...(await Promise.all(
        fakes.map((fake) =>
          startWorker({
            GEMINI_BASE_URL: fake.url,
            GENERATION_CONCURRENCY: String(SLOTS),
            GENERATION_POLL_MS: NO_POLL,
          }),
        ),
      )),
    )
    // This process must never reach a fake: a job run here by mistake would fail, not pass.
    process.env.GEMINI_BASE_URL = 'http://127.0.0.1:9'
    customer = new ApiClient(node.url)
    const user = await newCustomer(payload, customer, 'lanes')
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, amount: 40, reason: 'Lanes test budget' },
    })
    const upload = await uploadPhoto(customer, await portraitJpeg())
    expect(upload.status).toBe(201)
    const wedding = (await customer.get('/api/packages/wedding-portraits')).body.package
    body = {
      packageSlug: 'wedding-portraits',
      themeId: wedding.themes.find((theme: { isPremium: boolean }) => !theme.isPremium).id,
      uploadId: upload.body.doc.id,
      portraitType: 'single',
    }
  })

  afterAll(async () => {
    delete process.env.ROLE
    delete process.env.GEMINI_API_KEY
    await Promise.all([...workers.map((worker) => worker.stop()), allInOne?.stop()])
    await link?.close()
    await node?.close()
    await Promise.all(fakes.map((fake) => fake.close()))
    await closeRedis()
  })

  /** Sends `count` requests back to back; resolves with each generation's id and request time. */
  const burst = async (count: number) => {
    const sent = new Map<number, number>()
    for (let i = 0; i < count; i++) {
      const at = Date.now()
      const accepted = await customer.post('/api/generate', body)
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(202)
      imageCount = accepted.body.imageCount
      sent.set(accepted.body.generationId, at)
    }
    return sent
  }

  /** Every generation closed within `ms`, or a failure naming the ones still open. */
  const finished = async (ids: number[], ms: number): Promise<Generation[]> => {
    const deadline = Date.now() + ms
    for (;;) {
      const { docs } = await payload.find({
        collection: 'generations',
        where: { id: { in: ids } },
        pagination: false,
        depth: 0,
      })
      if (docs.every((g) => g.finishedAt)) return docs
      if (Date.now() > deadline) {
        const open = docs.filter((g) => !g.finishedAt).map((g) => `${g.id} ${g.status}`)
        const logs = workers.map((worker) => worker.child.output().slice(-1500)).join('\n---\n')
        throw new Error(`still open after ${ms} ms: ${open.join(', ')}\n${logs}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  const calls = () => fakes.map((fake) => fake.requests.length)

  it('starts as many generations at once as the two workers have lanes, each worker its own share', async () => {
    // Each generation holds its lane for seconds: all four are claimed before any lane frees.
    for (const fake of fakes) {
      fake.reset()
      fake.setLatency(1500)
    }
    const sent = await burst(2 * LANES)
    const docs = await finished([...sent.keys()], 90_000)

    // Woken through Redis, every generation started at once (the look every 10 min never ran);
    // with batch claims the first worker took three or four and the rest waited behind them.
    for (const g of docs) {
      const waited = new Date(g.startedAt as string).getTime() - (sent.get(g.id) as number)
      expect(waited, `generation ${g.id} waited ${waited} ms to start`).toBeLessThan(3000)
    }
    // A worker holds at most its lanes: two generations each, every image once.
    expect(calls()).toEqual([LANES * imageCount, LANES * imageCount])
    expect(fakes.map((fake) => fake.peakInFlight)).toEqual([SLOTS, SLOTS])
    expect(docs.map((g) => g.status)).toEqual(Array(docs.length).fill('succeeded'))
  }, 180_000)

  it('runs a burst larger than the lanes to its end without any poll: a lane claims the next job as its own ends', async () => {
    for (const fake of fakes) {
      fake.reset()
      fake.setLatency(300)
    }
    // Most of these are announced while every lane is busy; only lanes that claim again after
    // each job (and see the wakes that came in the meantime) can start them.
    const sent = await burst(10)
    const docs = await finished([...sent.keys()], 90_000)
    expect(docs.map((g) => g.status)).toEqual(Array(docs.length).fill('succeeded'))
    const [a, b] = calls()
    expect(a + b).toBe(10 * imageCount)
    // Both workers worked the burst, and neither ever ran more provider calls than its slots.
    expect(a).toBeGreaterThanOrEqual(LANES * imageCount)
    expect(b).toBeGreaterThanOrEqual(LANES * imageCount)
    expect(fakes.map((fake) => fake.peakInFlight)).toEqual([SLOTS, SLOTS])
    // One result row per image: no generation ran twice.
    const results = await payload.find({
      collection: 'generation-results',
      where: { generation: { in: [...sent.keys()] } },
      pagination: false,
      depth: 0,
    })
    expect(results.docs).toHaveLength(10 * imageCount)
  }, 180_000)

  it('runs generations in the lanes of a ROLE=all process too (npm run dev, npm start)', async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()))
    fakes[0].reset()
    fakes[0].setLatency(0)
    allInOne = await startAppNode({
      ROLE: 'all',
      JOBS_AUTORUN: '1',
      APP_NODE_RUNS_JOBS: '1',
      GEMINI_BASE_URL: fakes[0].url,
      GENERATION_POLL_MS: NO_POLL,
    })
    // Queued through this node (ROLE=web): only the ROLE=all process, woken through Redis, runs it.
    const sent = await burst(2)
    const docs = await finished([...sent.keys()], 60_000)
    expect(docs.map((g) => g.status)).toEqual(['succeeded', 'succeeded'])
    expect(fakes[0].requests).toHaveLength(2 * imageCount)
  }, 240_000)

  it('looks for missed generations as soon as a worker that lost Redis is connected again', async () => {
    await allInOne?.stop()
    allInOne = undefined
    fakes[1].reset()
    fakes[1].setLatency(0)
    link = await startRedisLink()
    workers.push(
      await startWorker({
        REDIS_URL: link.url,
        GEMINI_BASE_URL: fakes[1].url,
        GENERATION_CONCURRENCY: String(SLOTS),
        GENERATION_POLL_MS: NO_POLL,
      }),
    )
    await link.cut()
    // Announced while the worker cannot hear it: pub/sub keeps no message for it.
    const sent = await burst(1)
    const [id] = sent.keys()
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect((await payload.findByID({ collection: 'generations', id, depth: 0 })).status).toBe('queued')
    await link.restore()
    // ioredis reconnects within a few hundred ms; the reconnection, not a poll, starts the job.
    const docs = await finished([id], 15_000)
    expect(docs[0].status).toBe('succeeded')
    expect(fakes[1].requests).toHaveLength(imageCount)
  }, 240_000)
})
