import '../../support/servers/redisEnv'
import { localS3 } from '../../support/servers/s3Env'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedis } from '@/lib/redis'
import type { Generation } from '@/payload-types'

import { type FakeGemini, geminiBehaviours } from '../../fakes/geminiServer'
import { startWorker } from '../../support/processes/appNodes'
import { ApiClient } from '../../support/clients/client'
import { startGeminiForApp } from '../../support/app/fakesForApp'
import { ledgerSum, newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

type Worker = Awaited<ReturnType<typeof startWorker>>

const TERMINAL = ['succeeded', 'partially_succeeded', 'failed', 'blocked']

/**
 * A worker process killed (SIGKILL) in the middle of a five-image generation, in the scale-out
 * shape: this process is the app node (ROLE=web, runs no jobs), workers A and B are
 * `npm run worker` processes on the same Postgres database, Redis and S3 bucket (a local
 * s3rver). Worker A stores its first image (row and files); its second image reaches the bucket
 * but the bucket never answers that upload, so A dies between storing the files and committing
 * their row (the kill rolls the row back); its third provider call is held back by the fake, and
 * A is killed there. Once A's lease has lapsed, worker B starts and takes the generation over:
 * it adopts both stored images (no provider call) and makes the rest. Each image is made once,
 * one charge, the ledger still adds up, and the bucket holds exactly the recorded files.
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
    await localS3.stop()
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
    // Two calls draw at once; the third is held back far longer than this test runs. The bucket
    // stores the second image's files (this file's only generation) and never answers those PUTs.
    gemini.reset()
    gemini.enqueue(geminiBehaviours.image(), geminiBehaviours.image(), geminiBehaviours.slow(600_000))
    const secondImage = localS3.holdPuts(/^results\/studios\/\d+\/portrait-[0-9a-f-]{36}-2-/)
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

    // A has stored its first image (row committed), stored its second without an answer, and
    // waits on its third call: kill it there. While the second image's row insert is open, A's
    // progress write waits on it (the new row's key lock on the generation), so the first image
    // may or may not be recorded in `images` yet: the re-run adopts it from its row either way.
    // In the shoot's studio's folder (issue 24).
    const storedOriginal = /^results\/studios\/\d+\/portrait-[0-9a-f-]{36}-2-[0-9a-f]{8}x\.webp$/
    const rowsOf = async () =>
      (
        await payload.find({
          collection: 'generation-results',
          where: { generation: { equals: id } },
          pagination: false,
          depth: 0,
        })
      ).docs
    const midJob = await until(
      'worker A mid-job',
      async () => ({
        rows: (await rowsOf()).map((row) => row.index),
        held: secondImage.held(),
        calls: gemini.requests.length,
      }),
      ({ rows, held, calls }) =>
        rows.includes(0) && held.some((key) => storedOriginal.test(key)) && calls >= 3,
      90_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nworker A: ${workerA.child.output().slice(-2000)}`)
    })
    workerA.child.kill()
    await workerA.child.exited.catch(() => undefined)
    secondImage.release()
    const killed = await generationOf(id)
    expect(killed.status).toBe('running')
    expect(killed.attempt).toBe(1)
    expect(midJob.calls).toBe(3)
    // The second image is in the bucket, but its row died with A's transaction.
    expect((await rowsOf()).map((row) => row.index)).toEqual([0])
    expect((await localS3.keys('results/')).filter((key) => storedOriginal.test(key))).toHaveLength(1)

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
    // Provider calls: A's two images, A's call cut off by the kill, and B's calls for the rest only
    // (B adopts the stored second image instead of asking for it again).
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
    // The bucket holds exactly the recorded files (full size, large, thumbnail of each portrait):
    // nothing A stored is left behind unrecorded, and one full-size object per image.
    const keys = await localS3.keys('results/')
    const recorded = results.docs.flatMap((row) =>
      [row.filename, row.sizes?.large?.filename, row.sizes?.thumbnail?.filename].map(
        (name) => `${row.prefix}/${name}`,
      ),
    )
    expect([...keys].sort()).toEqual([...recorded].sort())
    const { uuid } = await payload.findByID({ collection: 'generations', id, depth: 0 })
    const originals = keys
      .map(
        (key) =>
          new RegExp(`^results/studios/\\d+/portrait-${uuid}-(\\d+)-[0-9a-f]{8}x\\.webp$`).exec(key)?.[1],
      )
      .filter(Boolean)
      .map(Number)
      .sort()
    expect(originals).toEqual([...Array(imageCount).keys()].map((index) => index + 1))

    // Held once, charged once; the balance is the ledger's sum.
    const ledger = await payload.find({
      collection: 'credit-ledger',
      where: { reference: { equals: `generation:${uuid}` } },
      pagination: false,
      depth: 0,
    })
    expect(ledger.docs.map((row) => row.kind).sort()).toEqual(['charge', 'hold'])
    const after = (await payload.findByID({ collection: 'users', id: user.id })).shootCredits
    expect(after).toBe(before - accepted.body.shootCost)
    expect(await ledgerSum(payload, user.id)).toBe(after)
  }, 300_000)
})
