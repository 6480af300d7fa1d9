import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { startFakeGemini } from '../tests/fakes/geminiServer'
import { startAppNode, startWorker } from '../tests/support/processes/appNodes'
import { runChild, tsxArgs } from '../tests/support/processes/child'
import { createFreshDatabase, dropDatabase } from '../tests/support/setup/database'

import { peakRssMiB, percentile } from './support'

const root = path.resolve(import.meta.dirname, '..')
const BURST = Number(process.env.BENCH_GENERATIONS ?? 50)
const LATENCY_MS = Number(process.env.BENCH_PROVIDER_LATENCY_MS ?? 1000)
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 3)
const IDLE_REQUESTS = 10

const stats = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95) })

/**
 * Generation in the scale-out shape: one app node (ROLE=web, Payload's REST API in its own
 * process) and `npm run worker` processes, on a fresh Postgres database and Redis, against the
 * fake Gemini at a fixed latency (BENCH_PROVIDER_LATENCY_MS, 1000) with a fixed provider
 * concurrency per worker (BENCH_WORKER_CONCURRENCY, 3). A burst of BENCH_GENERATIONS (50)
 * requests, sent back to back, runs first with one worker, then again with two.
 *
 * Per request: `enqueue` is request to 202 on the node (the generation, its hold and its job row
 * are committed by then), `pickUp` is request to the worker claiming the job (`startedAt`).
 * Throughput is delivered images over first claim to last finish. Then the same two latencies
 * with free workers: 10 requests one at a time, each awaited to its end.
 */
export const benchGeneration = async () => {
  const { name, uri } = await createFreshDatabase('pp_bench_gen')
  // One fake per worker: its request log is that worker's provider calls.
  const geminis = await Promise.all([1, 2].map(() => startFakeGemini({ latencyMs: LATENCY_MS })))
  const media = mkdtempSync(path.join(tmpdir(), 'pp-bench-media-'))
  Object.assign(process.env, {
    DATABASE_URI: uri,
    PAYLOAD_SECRET: 'bench-secret',
    JOBS_AUTORUN: '0',
    ROLE: 'web',
    GEMINI_API_KEY: 'fake-gemini-key',
    GEMINI_BASE_URL: geminis[0].url,
    GENERATION_CONCURRENCY: String(CONCURRENCY),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `pp-bench-${randomUUID().slice(0, 8)}:`,
    MEDIA_DIR: path.join(media, 'media'),
    PRIVATE_MEDIA_DIR: path.join(media, 'private'),
  })
  await runChild(process.execPath, tsxArgs('tests/support/setup/bootstrapCli.ts'), {
    cwd: root,
    env: process.env,
    timeoutMs: 10 * 60_000,
    label: 'bootstrap',
  })
  const { testPayload } = await import('../tests/support/app/payload')
  const { ApiClient } = await import('../tests/support/clients/client')
  const { newCustomer, uploadPhoto } = await import('../tests/support/fixtures/generation')
  const { portraitJpeg } = await import('../tests/support/fixtures/images')
  const { closeRedis } = await import('../src/lib/redis')
  const payload = await testPayload()
  const [node, firstWorker] = await Promise.all([
    startAppNode({ ROLE: 'web' }),
    startWorker({ GEMINI_BASE_URL: geminis[0].url }),
  ])
  const workers = [firstWorker]
  try {
    const client = new ApiClient(node.url)
    const user = await newCustomer(payload, client, 'bench')
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, amount: 2 * BURST + IDLE_REQUESTS, reason: 'Benchmark budget' },
    })
    const uploadId = (await uploadPhoto(client, await portraitJpeg())).body.doc.id
    const theme = await payload.find({
      collection: 'package-themes',
      where: { name: { equals: 'Garden Romance' } },
      limit: 1,
    })
    const body = {
      packageSlug: 'wedding-portraits',
      themeId: theme.docs[0].id,
      uploadId,
      portraitType: 'single',
    }

    const burst = async () => {
      for (const gemini of geminis) gemini.reset()
      const sentAt = new Map<number, number>()
      const enqueue: number[] = []
      for (let i = 0; i < BURST; i++) {
        const t = Date.now()
        const accepted = await client.post('/api/generate', body)
        if (accepted.status !== 202)
          throw new Error(`generate answered ${accepted.status}: ${JSON.stringify(accepted.body)}`)
        enqueue.push(Date.now() - t)
        sentAt.set(accepted.body.generationId, t)
      }
      const ids = [...sentAt.keys()]
      for (;;) {
        const { totalDocs } = await payload.count({
          collection: 'generations',
          where: { id: { in: ids }, finishedAt: { exists: true } },
        })
        if (totalDocs === ids.length) break
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      const { docs } = await payload.find({
        collection: 'generations',
        where: { id: { in: ids } },
        pagination: false,
        depth: 0,
      })
      const time = (value: unknown) => new Date(value as string).getTime()
      const images = docs.reduce(
        (sum, g) => sum + (g.images ?? []).filter((i) => i.state === 'succeeded').length,
        0,
      )
      const firstStart = Math.min(...docs.map((g) => time(g.startedAt)))
      const lastFinish = Math.max(...docs.map((g) => time(g.finishedAt)))
      const spanMs = lastFinish - firstStart
      // Per worker, from its fake's log (a call holds a slot for LATENCY_MS): its share of the
      // images, how busy its slots were over the burst, and how long it sat idle before the end.
      const perWorker = geminis.slice(0, workers.length).map(({ requests }) => {
        const calls = requests.map((request) => request.receivedAt)
        const lastAnswer = calls.length ? Math.max(...calls) + LATENCY_MS : firstStart
        return {
          calls: calls.length,
          slotsBusy: +((calls.length * LATENCY_MS) / (CONCURRENCY * spanMs)).toFixed(3),
          idleAtEndMs: Math.max(0, lastFinish - lastAnswer),
        }
      })
      return {
        workers: workers.length,
        generations: ids.length,
        images,
        imagesPerSecond: +((1000 * images) / spanMs).toFixed(2),
        idealImagesPerSecond: +((1000 * workers.length * CONCURRENCY) / LATENCY_MS).toFixed(2),
        enqueueMs: stats(enqueue),
        queuedMs: stats(docs.map((g) => time(g.queuedAt) - (sentAt.get(g.id) as number))),
        pickUpMs: stats(docs.map((g) => time(g.startedAt) - (sentAt.get(g.id) as number))),
        perWorker,
      }
    }

    // The same measures with free workers: one request at a time, each awaited to its end.
    const idle = async () => {
      const enqueue: number[] = []
      const pickUp: number[] = []
      for (let i = 0; i < IDLE_REQUESTS; i++) {
        const t = Date.now()
        const accepted = await client.post('/api/generate', body)
        enqueue.push(Date.now() - t)
        if (accepted.status !== 202)
          throw new Error(`generate answered ${accepted.status}: ${JSON.stringify(accepted.body)}`)
        for (;;) {
          const generation = await payload.findByID({
            collection: 'generations',
            id: accepted.body.generationId,
            depth: 0,
          })
          if (generation.finishedAt) {
            pickUp.push(new Date(generation.startedAt as string).getTime() - t)
            break
          }
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      }
      return { requests: IDLE_REQUESTS, enqueueMs: stats(enqueue), pickUpMs: stats(pickUp) }
    }

    const oneWorker = await burst()
    workers.push(await startWorker({ GEMINI_BASE_URL: geminis[1].url }))
    const twoWorkers = await burst()
    const idleTwoWorkers = await idle()
    return {
      providerLatencyMs: LATENCY_MS,
      concurrencyPerWorker: CONCURRENCY,
      runs: [oneWorker, twoWorkers],
      idleTwoWorkers,
      twoVsOneWorker: +(twoWorkers.imagesPerSecond / oneWorker.imagesPerSecond).toFixed(3),
      peakRssMiB: {
        webNode: peakRssMiB(node.child.child.pid as number),
        workers: workers.map((worker) => peakRssMiB(worker.child.child.pid as number)),
      },
    }
  } finally {
    await Promise.all([node.stop(), ...workers.map((worker) => worker.stop())])
    await Promise.all(geminis.map((gemini) => gemini.close()))
    await payload.destroy().catch(() => undefined)
    await closeRedis()
    await dropDatabase(name).catch(() => undefined)
  }
}
