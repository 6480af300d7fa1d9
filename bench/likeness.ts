import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import sharp from 'sharp'

import { startFakeGemini } from '../tests/fakes/geminiServer'
import { startAppNode, startWorker } from '../tests/support/processes/appNodes'
import { runChild, tsxArgs } from '../tests/support/processes/child'
import { createFreshDatabase, dropDatabase } from '../tests/support/setup/database'

import { median, peakRssMiB, percentile } from './support'

const root = path.resolve(import.meta.dirname, '..')
const LATENCY_MS = Number(process.env.BENCH_PROVIDER_LATENCY_MS ?? 1000)
const SHOOTS = Number(process.env.BENCH_LIKENESS_SHOOTS ?? 8)

/**
 * What the likeness check adds to a shoot (issue 23): one app node (ROLE=web) and one
 * `npm run worker` on a fresh Postgres database, the fake Gemini at BENCH_PROVIDER_LATENCY_MS
 * (1000) drawing 1024 px portraits of the customer's photo. BENCH_LIKENESS_SHOOTS (8) shoots of
 * 3 portraits each, one at a time, alternating a checked photo (faces stored at upload) and the
 * same photo without stored faces (as uploaded before face checks: no check). Per shoot, wall time
 * is the worker's claim to close (`startedAt` to `finishedAt`); the added time is the difference of
 * the medians, per shoot and per portrait, and as a share of the unchecked shoot. Then the check
 * alone (scan + score of a 1024 px portrait, p50/p95 of 10, in this process) and the worker's peak
 * RSS (VmHWM) with face checks on. Last, three portraits scanned at once (as a shoot's arrive): on one
 * Human one after another, against the pool of src/faces/inference.ts, alternated 10 times.
 */
export const benchLikeness = async () => {
  const { name, uri } = await createFreshDatabase('pp_bench_likeness')
  const gemini = await startFakeGemini({ latencyMs: LATENCY_MS, imageEdge: 1024 })
  const media = mkdtempSync(path.join(tmpdir(), 'pp-bench-media-'))
  Object.assign(process.env, {
    DATABASE_URI: uri,
    PAYLOAD_SECRET: 'bench-secret',
    JOBS_AUTORUN: '0',
    ROLE: 'web',
    GEMINI_API_KEY: 'fake-gemini-key',
    GEMINI_BASE_URL: gemini.url,
    GENERATION_CONCURRENCY: '3',
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
  const [node, worker] = await Promise.all([startAppNode({ ROLE: 'web' }), startWorker()])
  try {
    const client = new ApiClient(node.url)
    const user = await newCustomer(payload, client, 'bench-likeness')
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, amount: SHOOTS + 4, reason: 'Benchmark budget' },
    })
    const checkedUpload = (await uploadPhoto(client, await portraitJpeg())).body.doc.id
    const uncheckedUpload = (await uploadPhoto(client, await portraitJpeg())).body.doc.id
    await payload.update({
      collection: 'photo-uploads',
      id: uncheckedUpload,
      data: { faces: null },
      overrideAccess: true,
    })
    const theme = await payload.find({
      collection: 'package-themes',
      where: { name: { equals: 'Garden Romance' } },
      limit: 1,
    })
    const shoot = async (uploadId: number) => {
      const accepted = await client.post('/api/generate', {
        packageSlug: 'wedding-portraits',
        themeId: theme.docs[0].id,
        uploadId,
        portraitType: 'single',
      })
      if (accepted.status !== 202)
        throw new Error(`generate answered ${accepted.status}: ${JSON.stringify(accepted.body)}`)
      for (;;) {
        const generation = await payload.findByID({
          collection: 'generations',
          id: accepted.body.generationId,
          depth: 0,
        })
        if (generation.finishedAt) {
          if (generation.status !== 'succeeded')
            throw new Error(`shoot ${generation.id} ${generation.status}`)
          const { docs } = await payload.find({
            collection: 'generation-results',
            where: { generation: { equals: generation.id } },
            depth: 0,
          })
          return {
            wallMs:
              new Date(generation.finishedAt).getTime() - new Date(generation.startedAt as string).getTime(),
            portraits: docs.length,
            scores: docs.map((doc) => doc.likeness?.score).filter((score) => typeof score === 'number'),
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    }
    // Unmeasured: the worker's first shoots load the models and compile their WASM kernels.
    await shoot(checkedUpload)
    await shoot(uncheckedUpload)
    const checked: number[] = []
    const unchecked: number[] = []
    const scores: number[] = []
    let portraits = 3
    for (let i = 0; i < SHOOTS; i++) {
      const on = i % 2 === 0
      const result = await shoot(on ? checkedUpload : uncheckedUpload)
      portraits = result.portraits
      if (on) {
        if (result.scores.length !== result.portraits) throw new Error('a checked shoot was not scored')
        scores.push(...(result.scores as number[]))
        checked.push(result.wallMs)
      } else unchecked.push(result.wallMs)
    }
    // The check alone, in this process: scan + score of a 1024 px portrait as the worker runs it.
    const { checkLikeness, likenessPlan } = await import('../src/generation/likenessCheck')
    const generation = (await payload.find({ collection: 'generations', sort: '-id', limit: 1, depth: 0 }))
      .docs[0]
    const upload = await payload.findByID({ collection: 'photo-uploads', id: checkedUpload, depth: 0 })
    const plan = await likenessPlan(payload, generation, [{ role: 'person', faces: upload.faces as never }])
    const portrait = await sharp(await portraitJpeg(1024, 1024))
      .png()
      .toBuffer()
    await checkLikeness(portrait, plan, payload.logger)
    const checkMs: number[] = []
    for (let i = 0; i < 10; i++) {
      const begun = performance.now()
      await checkLikeness(portrait, plan, payload.logger)
      checkMs.push(performance.now() - begun)
    }
    // Three portraits arriving at once, as a shoot's do: one Human (the main thread's, one after
    // another) against the pool (main thread + FACE_THREADS), alternated so both see the same load.
    const { detectRgb } = await import('../src/faces/humanModels.mjs')
    const { faceEngine } = await import('../src/faces/engine')
    const { scanRgb } = await import('../src/faces/inference')
    const human = await faceEngine()
    const raw = await sharp(portrait)
      .resize(512, 512, { fit: 'inside' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
    const copies = () => [0, 1, 2].map(() => new Uint8Array(raw.data))
    const oneInstance: number[] = []
    const pool: number[] = []
    await Promise.all(copies().map((data) => scanRgb(data, raw.info.width, raw.info.height)))
    for (let i = 0; i < 10; i++) {
      let begun = performance.now()
      for (const data of copies()) await detectRgb(human, data, raw.info.width, raw.info.height)
      oneInstance.push(performance.now() - begun)
      begun = performance.now()
      await Promise.all(copies().map((data) => scanRgb(data, raw.info.width, raw.info.height)))
      pool.push(performance.now() - begun)
    }
    const addedMs = median(checked) - median(unchecked)
    return {
      providerLatencyMs: LATENCY_MS,
      portraitsPerShoot: portraits,
      shootWallMs: {
        checked: median(checked),
        unchecked: median(unchecked),
        checkedRuns: checked,
        uncheckedRuns: unchecked,
      },
      addedPerShootMs: addedMs,
      addedPerPortraitMs: Math.round(addedMs / portraits),
      addedShare: +(addedMs / median(unchecked)).toFixed(3),
      minLikeness: Math.min(...scores),
      checkPerPortraitMs: {
        p50: Math.round(percentile(checkMs, 50)),
        p95: Math.round(percentile(checkMs, 95)),
      },
      threeAtOnceMs: {
        oneInstance: {
          p50: Math.round(percentile(oneInstance, 50)),
          p95: Math.round(percentile(oneInstance, 95)),
        },
        pool: { p50: Math.round(percentile(pool, 50)), p95: Math.round(percentile(pool, 95)) },
        faceThreads: Number(process.env.FACE_THREADS ?? 1),
      },
      workerPeakRssMiB: peakRssMiB(worker.child.child.pid as number),
    }
  } finally {
    await Promise.all([node.stop(), worker.stop()])
    await gemini.close()
    await payload.destroy().catch(() => undefined)
    await closeRedis()
    await dropDatabase(name).catch(() => undefined)
  }
}
