import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { startFakeGemini } from '../tests/fakes/geminiServer'
import { runChild, tsxArgs } from '../tests/support/child'
import { createFreshDatabase, dropDatabase } from '../tests/support/database'

import { percentile } from './support'

const root = path.resolve(import.meta.dirname, '..')
const GENERATIONS = Number(process.env.BENCH_GENERATIONS ?? 50)
const LATENCY_MS = 300
const SOLO_GENERATIONS = 10

/**
 * 50 generations x 3 images against the fake Gemini with a fixed 300 ms latency, through
 * the real endpoint, job and storage path on a fresh Postgres database.
 */
export const benchGeneration = async () => {
  const { name, uri } = await createFreshDatabase('pp_bench_gen')
  const gemini = await startFakeGemini({ latencyMs: LATENCY_MS })
  const media = mkdtempSync(path.join(tmpdir(), 'pp-bench-media-'))
  Object.assign(process.env, {
    DATABASE_URI: uri,
    PAYLOAD_SECRET: 'bench-secret',
    JOBS_AUTORUN: '0',
    GEMINI_API_KEY: 'fake-gemini-key',
    GEMINI_BASE_URL: gemini.url,
    MEDIA_DIR: path.join(media, 'media'),
    PRIVATE_MEDIA_DIR: path.join(media, 'private'),
  })
  await runChild(process.execPath, tsxArgs('tests/support/bootstrapCli.ts'), {
    cwd: root,
    env: process.env,
    timeoutMs: 10 * 60_000,
    label: 'bootstrap',
  })
  const rssBeforeMiB = Math.round(process.memoryUsage().rss / 1048576)
  const { testPayload } = await import('../tests/support/payload')
  const { startRestServer } = await import('../tests/support/restServer')
  const { ApiClient } = await import('../tests/support/client')
  const { newCustomer, uploadPhoto } = await import('../tests/support/generation')
  const { portraitJpeg } = await import('../tests/support/images')
  const payload = await testPayload()
  const server = await startRestServer()
  try {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'bench')
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, amount: GENERATIONS + SOLO_GENERATIONS, reason: 'Benchmark budget' },
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

    const started = performance.now()
    const sentAt = new Map<number, number>()
    for (let i = 0; i < GENERATIONS; i++) {
      const t = Date.now()
      const accepted = await client.post('/api/generate', body)
      if (accepted.status !== 202)
        throw new Error(`generate answered ${accepted.status}: ${JSON.stringify(accepted.body)}`)
      sentAt.set(accepted.body.generationId, t)
    }
    const ids = [...sentAt.keys()]
    for (;;) {
      const { totalDocs } = await payload.count({
        collection: 'generations',
        where: { id: { in: ids }, finishedAt: { exists: true } },
      })
      if (totalDocs === ids.length) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const wallMs = performance.now() - started
    const { docs } = await payload.find({
      collection: 'generations',
      where: { id: { in: ids } },
      pagination: false,
      depth: 0,
    })
    const toStart = docs.map((g) => new Date(g.startedAt as string).getTime() - (sentAt.get(g.id) as number))
    const images = docs.reduce(
      (sum, g) => sum + (g.images ?? []).filter((i) => i.state === 'succeeded').length,
      0,
    )
    const concurrency = Number(process.env.GENERATION_CONCURRENCY ?? 3)
    const idealMs = (GENERATIONS * 3 * LATENCY_MS) / concurrency

    // The same measure with the server idle: one generation at a time, each awaited. Under the
    // burst above, later requests queue behind earlier jobs' image work on the same cores.
    const soloToStart: number[] = []
    for (let i = 0; i < SOLO_GENERATIONS; i++) {
      const t = Date.now()
      const accepted = await client.post('/api/generate', body)
      if (accepted.status !== 202)
        throw new Error(`generate answered ${accepted.status}: ${JSON.stringify(accepted.body)}`)
      for (;;) {
        const generation = await payload.findByID({
          collection: 'generations',
          id: accepted.body.generationId,
          depth: 0,
        })
        if (generation.finishedAt) {
          soloToStart.push(new Date(generation.startedAt as string).getTime() - t)
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }

    return {
      generations: GENERATIONS,
      imagesDelivered: images,
      providerLatencyMs: LATENCY_MS,
      concurrency,
      wallMs: Math.round(wallMs),
      idealMs,
      wallVsIdeal: +(wallMs / idealMs).toFixed(3),
      requestToJobStartMs: { p50: percentile(toStart, 50), p95: percentile(toStart, 95) },
      requestToJobStartIdleMs: {
        p50: percentile(soloToStart, 50),
        p95: percentile(soloToStart, 95),
        runs: SOLO_GENERATIONS,
      },
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      rssBeforePayloadMiB: rssBeforeMiB,
    }
  } finally {
    await server.close()
    await gemini.close()
    await payload.destroy().catch(() => undefined)
    await dropDatabase(name).catch(() => undefined)
  }
}
