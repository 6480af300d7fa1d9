/**
 * `npm run bench`: speed and memory, measured (not asserted). Every figure comes from this
 * one run on this machine, with a bare node:http server (its own process) as the baseline for
 * the catalog and the machine's load average beside the figures. BENCH_ONLY=catalog,generation
 * picks parts (catalog, generation, analytics, files, faces, likeness, login, watchers). Writes
 * bench/results.json.
 */
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'

import { benchAnalytics } from './analytics'
import { benchCatalog } from './catalog'
import { benchFaces } from './faces'
import { benchFiles } from './files'
import { benchGeneration } from './generation'
import { benchLikeness } from './likeness'
import { benchLogin } from './login'
import { benchWatchers } from './watchers'

const only = new Set(
  (process.env.BENCH_ONLY ?? 'catalog,generation,analytics,files,faces,likeness,login,watchers').split(','),
)
const results: Record<string, unknown> = {
  node: process.version,
  at: new Date().toISOString(),
  cores: (await import('node:os')).cpus().length,
  loadAverageAtStart: loadavg().map((n) => +n.toFixed(2)),
}

if (only.has('catalog')) {
  console.log('== catalog (server/front.mjs on Postgres, Redis invalidation on; wrk, 32 connections)')
  const catalog = await benchCatalog()
  results.catalog = catalog
  console.table(catalog.results.map(({ url: _url, ...row }) => row))
  console.table([{ ...catalog.ratios, ifNoneMatchStatus: catalog.ifNoneMatchStatus, ...catalog.peakRssMiB }])
}
if (only.has('faces')) {
  console.log('== faces (detect + descriptor per image, WASM backend, in this process)')
  const faces = await benchFaces()
  results.faces = faces
  console.table([{ loadMs: faces.loadMs, peakRssMiB: faces.peakRssMiB }])
  console.table({ withFace: faces.withFace, withoutFace: faces.withoutFace })
}
if (only.has('login')) {
  console.log(
    '== login (sign-in and sign-up timings, registered against unknown addresses; REST behind the guard)',
  )
  results.login = await benchLogin()
  console.table(results.login)
}
if (only.has('analytics')) {
  console.log('== analytics (rollup job and dashboard; BENCH_ANALYTICS_ROWS generations)')
  results.analytics = await benchAnalytics()
}
if (only.has('likeness')) {
  console.log(
    '== likeness (the worker’s face check on each portrait; app node + npm run worker, fake Gemini at 1 s)',
  )
  const likeness = await benchLikeness()
  results.likeness = likeness
  const { shootWallMs, ...figures } = likeness
  console.table([
    { ...figures, checkedShootMs: shootWallMs.checked, uncheckedShootMs: shootWallMs.unchecked },
  ])
}
if (only.has('generation')) {
  console.log('== generation (app node ROLE=web + npm run worker processes, fake Gemini at a fixed latency)')
  const generation = await benchGeneration()
  results.generation = generation
  console.table(
    generation.runs.map(({ enqueueMs, queuedMs, pickUpMs, perWorker, ...run }) => ({
      ...run,
      'calls per worker': perWorker.map((worker) => worker.calls).join(' / '),
      'slots busy per worker': perWorker.map((worker) => worker.slotsBusy).join(' / '),
      'idle at end ms': perWorker.map((worker) => worker.idleAtEndMs).join(' / '),
      'enqueue p50/p95 ms': `${enqueueMs.p50} / ${enqueueMs.p95}`,
      'queued p50/p95 ms': `${queuedMs.p50} / ${queuedMs.p95}`,
      'pick-up p50/p95 ms': `${pickUpMs.p50} / ${pickUpMs.p95}`,
    })),
  )
  const idle = generation.idleTwoWorkers
  console.log(
    `idle, 2 workers, ${idle.requests} requests one at a time: enqueue p50/p95 ${idle.enqueueMs.p50} / ${idle.enqueueMs.p95} ms, pick-up p50/p95 ${idle.pickUpMs.p50} / ${idle.pickUpMs.p95} ms`,
  )
  console.table([
    {
      twoVsOneWorker: generation.twoVsOneWorker,
      ...generation.peakRssMiB,
      workers: generation.peakRssMiB.workers.join(', '),
    },
  ])
}
if (only.has('files')) {
  console.log(
    '== files (a private photo through /api/photo-uploads/file/<name>: local disk vs S3 on s3rver; wrk)',
  )
  const files = await benchFiles()
  results.files = files
  console.table(
    files.results.map(({ url: _url, cpuMsPerRequest, ...row }) => ({
      ...row,
      'CPU ms/request': Object.entries(cpuMsPerRequest)
        .map(([process, ms]) => `${process} ${ms}`)
        .join(', '),
    })),
  )
  console.table([{ ...files.ratios, ...files.peakRssMiB, storedBytes: files.photoBytes.stored }])
}
if (only.has('watchers')) {
  console.log(
    '== watchers (SSE progress streams through server/front.mjs, ROLE=web + npm run worker, Redis pub/sub, fake Gemini at 1 s)',
  )
  const watchers = await benchWatchers()
  results.watchers = watchers
  console.table(
    watchers.runs.map(({ delayMs, rssMiBWhileOpen, loadAverage, ...run }) => ({
      ...run,
      'delay p50/p95 ms': `${delayMs.p50} / ${delayMs.p95}`,
      'RSS front/Next MiB': `${rssMiBWhileOpen.front} / ${rssMiBWhileOpen.next}`,
      load: loadAverage.join(' '),
    })),
  )
  console.table([watchers.peakRssMiB])
}
results.loadAverageAtEnd = loadavg().map((n) => +n.toFixed(2))
console.log(JSON.stringify(results, null, 2))
writeFileSync(path.resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
process.exit(0)
