import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import {
  childPids,
  load,
  type LoadResult,
  median,
  medianRun,
  ownPeakRssMiB,
  peakRssMiB,
  startBareServer,
  startProductionApp,
} from './support'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 3)

/**
 * The catalog under load: the production build (server/front.mjs: the front that answers from its
 * copies, and its Next.js child) on a fresh seeded Postgres database with Redis invalidation on
 * (REDIS_URL), against a bare node:http server in a process of its
 * own that returns the same JSON bytes. Server, baseline and load generator (wrk) are separate
 * processes, so the ratio compares servers. Bare, cached and 304 runs alternate for
 * BENCH_ROUNDS rounds (9) of BENCH_ROUND_SECONDS (3 s): many short rounds, so a burst of
 * the machine's other load lands in few of them; each figure is its median round and each
 * ratio the median of the rounds' ratios.
 */
export const benchCatalog = async () => {
  const redis = {
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `pp-bench-${Date.now()}:`,
  }
  const { base, server, stop } = await startProductionApp('pp_bench', {
    SEED_ADMIN_PASSWORD: 'bench-admin-pass',
    ...redis,
  })
  const bodyFile = path.join(tmpdir(), `pp-bench-catalog-${process.pid}.json`)
  const listing = await fetch(`${base}/api/packages`)
  writeFileSync(bodyFile, Buffer.from(await listing.arrayBuffer()))
  const etag = (await fetch(`${base}/api/packages`)).headers.get('etag') ?? ''
  const revalidated = await fetch(`${base}/api/packages`, { headers: { 'if-none-match': etag } })
  const bare = await startBareServer(bodyFile)
  try {
    const runs: Record<'bare' | 'list' | 'notModified', LoadResult[]> = {
      bare: [],
      list: [],
      notModified: [],
    }
    const seconds = ROUND_SECONDS
    // Unmeasured warm-up of both servers (the JIT, the front's copy, the sockets): without it the
    // app's first rounds measured 0.77-0.81x while the tiny bare server is warm from its first request.
    await load('warm-up', bare.url, { seconds: 2 })
    await load('warm-up', `${base}/api/packages`, { seconds: 2 })
    for (let round = 0; round < ROUNDS; round++) {
      runs.bare.push(await load('bare node:http (same JSON bytes, own process)', bare.url, { seconds }))
      runs.list.push(
        await load('GET /api/packages (cached, Redis invalidation on)', `${base}/api/packages`, { seconds }),
      )
      runs.notModified.push(
        await load('GET /api/packages + If-None-Match (304)', `${base}/api/packages`, {
          headers: [`If-None-Match: ${etag}`],
          seconds,
        }),
      )
    }
    // Each round's ratio compares runs seconds apart, so the machine's other load mostly cancels out.
    const roundRatio = (of: LoadResult[]) =>
      +median(of.map((run, i) => run.requestsPerSecond / runs.bare[i].requestsPerSecond)).toFixed(3)
    const bareResult = medianRun(runs.bare)
    const list = medianRun(runs.list)
    const notModified = medianRun(runs.notModified)
    // Its first read fills the copy (a miss, through Next): not part of the figure.
    await fetch(`${base}/api/packages/wedding-portraits`)
    const single = await load(
      'GET /api/packages/wedding-portraits (cached)',
      `${base}/api/packages/wedding-portraits`,
    )
    const payloadFind = await load(
      "Payload's GET /api/photo-packages?depth=1 (uncached)",
      `${base}/api/photo-packages?depth=1`,
    )
    return {
      results: [bareResult, list, notModified, single, payloadFind],
      ratios: {
        cachedListVsBare: roundRatio(runs.list),
        cachedSingleVsBare: +(single.requestsPerSecond / bareResult.requestsPerSecond).toFixed(3),
        notModifiedVsBare: roundRatio(runs.notModified),
        cachedListVsPayloadFind: +(
          list.requestsPerSecond / Math.max(payloadFind.requestsPerSecond, 1)
        ).toFixed(2),
      },
      ifNoneMatchStatus: revalidated.status,
      etag,
      redisInvalidation: true,
      rounds: ROUNDS,
      peakRssMiB: {
        // server/front.mjs: the front (the catalog copies) and its Next.js child.
        front: server.pid ? ownPeakRssMiB(server.pid) : null,
        nextApp: server.pid ? Math.max(0, ...childPids(server.pid).map(peakRssMiB)) : null,
        bareBaseline: peakRssMiB(bare.pid),
      },
    }
  } finally {
    await bare.stop()
    await stop()
  }
}
