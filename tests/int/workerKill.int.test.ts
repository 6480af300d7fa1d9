import '../support/redisEnv'

import { readdirSync } from 'node:fs'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedis } from '@/lib/redis'
import type { Generation } from '@/payload-types'

import { type FakeGemini, geminiBehaviours } from '../fakes/geminiServer'
import { startWorker } from '../support/appNodes'
import { ApiClient } from '../support/client'
import { startGeminiForApp } from '../support/fakesForApp'
import { ledgerSum, newCustomer, uploadPhoto } from '../support/generation'
import { portraitJpeg } from '../support/images'
import { testPayload } from '../support/payload'
import { startRestServer } from '../support/restServer'

type Worker = Awaited<ReturnType<typeof startWorker>>

const TERMINAL = ['succeeded', 'partially_succeeded', 'failed', 'blocked']

/**
 * A worker process killed (SIGKILL) in the middle of a five-image generation, in the scale-out
 * shape: this process is the app node (ROLE=web, runs no jobs), workers A and B are
 * `npm run worker` processes on the same Postgres database and Redis. Worker A makes one image,
 * then hangs on its second provider call (the fake holds the answer back) and is killed there.
 * Once A's lease has lapsed, worker B starts, takes the generation over and makes the other
 * four images: each image exactly once, one charge, the ledger still adds up.
 */
describe('a worker killed mid-job', () => {
  let payload: Payload
  let node: Awaited<ReturnType<typeof startRestServer>>
  let gemini: FakeGemini
  let geminiUrl: string
  let stopGemini: (() => Promise<void>) | undefined
  const workers: Worker[] = []

  beforeAll(async () => {
    process.env.ROLE = 'web'
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    geminiUrl = gemini.url
    payload = await testPayload()
    node = await startRestServer()
    // This process must never reach the fake: a job run here by mistake would fail, not pass.
    process.env.GEMINI_BASE_URL = 'http://127.0.0.1:9'
  })

  afterAll(async () => {
    delete process.env.ROLE
    await Promise.all(workers.map((worker) => worker.stop()))
    await node?.close()
    await stopGemini?.()
    await closeRedis()
  })

  const startWorkerProcess = async (extra: Record<string, string>): Promise<Worker> => {
    const worker = await startWorker({
      GEMINI_API_KEY: 'fake-gemini-key',
      GEMINI_BASE_URL: geminiUrl,
      JOBS_AUTORUN: '1',
      ...extra,
    })
    workers.push(worker)
    return worker
  }

  const generationOf = (id: number) =>
    payload.findByID({ collection: 'generations', id, depth: 0 }) as Promise<Generation>

  const until = async <T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms: number) => {
    const deadline = Date.now() + ms
    for (;;) {
      const value = await read()
      if (done(value)) return value
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value).slice(0, 400)}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  it('has a second worker finish the generation: every image made once, charged once', async () => {
    // Worker A: one provider call at a time and a short lease, so its death is noticed in seconds.
    const workerA = await startWorkerProcess({ GENERATION_CONCURRENCY: '1', GENERATION_LEASE_MS: '3000' })
    const customer = new ApiClient(node.url)
    const user = await newCustomer(payload, customer, 'worker-kill')
    const upload = await uploadPhoto(customer, await portraitJpeg())
    expect(upload.status).toBe(201)
    const headshots = (await customer.get('/api/packages/professional-headshots')).body.package
    const before = (await payload.findByID({ collection: 'users', id: user.id })).shootCredits ?? 0
    // The first call draws at once; the second is held back far longer than this test runs.
    gemini.reset()
    gemini.enqueue(geminiBehaviours.image(), geminiBehaviours.slow(600_000))
    const accepted = await customer.post('/api/generate', {
      packageSlug: 'professional-headshots',
      themeId: headshots.themes.find((t: { isPremium: boolean }) => !t.isPremium).id,
      uploadId: upload.body.doc.id,
      portraitType: 'single',
      generationSettings: { aspectRatio: '1:1', quality: 'standard' },
    })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202)
    const id: number = accepted.body.generationId
    const imageCount: number = accepted.body.imageCount
    expect(imageCount).toBeGreaterThanOrEqual(3)

    // A has stored its first image and is waiting on its second call: kill it there.
    const midJob = await until(
      'worker A mid-job',
      () => generationOf(id),
      (g) => g.images?.some((image) => image.state === 'succeeded') === true && gemini.requests.length >= 2,
      90_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nworker A: ${workerA.child.output().slice(-2000)}`)
    })
    workerA.child.kill()
    await workerA.child.exited.catch(() => undefined)
    expect(midJob.status).toBe('running')
    expect(midJob.attempt).toBe(1)
    expect(midJob.images?.filter((image) => image.state === 'succeeded')).toHaveLength(1)

    // Nobody touches it while A's lease holds; once it lapses, worker B starts and takes over.
    await until(
      "worker A's lease to lapse",
      () => generationOf(id),
      (g) => new Date(g.leaseExpiresAt as string).getTime() < Date.now(),
      30_000,
    )
    const workerB = await startWorkerProcess({ GENERATION_LEASE_MS: '60000' })
    const finished = await until(
      'worker B to finish',
      () => generationOf(id),
      (g) => TERMINAL.includes(g.status) && Boolean(g.finishedAt),
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nworker B: ${workerB.child.output().slice(-2000)}`)
    })

    expect(finished.status).toBe('succeeded')
    expect(finished.attempt).toBe(2)
    // Provider calls: A's image, A's call cut off by the kill, and B's calls for the rest only.
    expect(gemini.requests).toHaveLength(imageCount + 1)
    // One result row and one stored file per image, indexes 0..n-1 each once.
    const results = await payload.find({
      collection: 'generation-results',
      where: { generation: { equals: id } },
      pagination: false,
      depth: 0,
    })
    expect(results.docs.map((row) => row.index).sort()).toEqual([...Array(imageCount).keys()])
    expect(finished.images?.map((image) => image.state)).toEqual(Array(imageCount).fill('succeeded'))
    const staticDir = payload.collections['generation-results'].config.upload.staticDir as string
    const originals = readdirSync(staticDir)
      .map((file) => new RegExp(`^portrait-${id}-(\\d+)-[0-9a-f]{8}x\\.\\w+$`).exec(file)?.[1])
      .filter(Boolean)
      .map(Number)
      .sort()
    expect(originals).toEqual([...Array(imageCount).keys()].map((index) => index + 1))

    // Held once, charged once; the balance is the ledger's sum.
    const ledger = await payload.find({
      collection: 'credit-ledger',
      where: { reference: { equals: `generation:${id}` } },
      pagination: false,
      depth: 0,
    })
    expect(ledger.docs.map((row) => row.kind).sort()).toEqual(['charge', 'hold'])
    const after = (await payload.findByID({ collection: 'users', id: user.id })).shootCredits
    expect(after).toBe(before - accepted.body.shootCost)
    expect(await ledgerSum(payload, user.id)).toBe(after)
  }, 300_000)
})
