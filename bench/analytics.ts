/**
 * The analytics dashboard at scale: a fresh Postgres database (migrated and seeded) per size,
 * N generations with their analytics rows (likeness and model included), a portrait row for each
 * image of one shoot in 10, N/20 customers and N/12 purchases inserted with
 * bulk SQL over 90 days, then the rollup job (full: time and the process's peak RSS; hourly
 * incremental) and the dashboard's reads over HTTP, timed: repeated reads, the first read of
 * each timeframe after each of 5 hourly runs, and reads while a full rebuild runs (with how
 * many of them showed the previous complete run). The 1-minute load average is recorded at
 * the start and the end of the measuring. N is BENCH_ANALYTICS_ROWS
 * (default 100000; a single size above 100k also runs 100k, for comparison).
 *
 *   npx tsx bench/analytics.ts           (alone)
 *   npm run bench                        (with the others; BENCH_ONLY=analytics for this one)
 *   BENCH_ONLY=analytics BENCH_ANALYTICS_ROWS=1000000 npm run bench
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import pg from 'pg'

import { maxOf } from '../src/lib/extent'

import { bootstrappedDatabase, measureInChild, percentile } from './support'

export interface SyntheticAnalytics {
  generations: number
  customers: number
  purchases: number
  /** Spread over this many days before `now`. */
  days: number
  /**
   * Also what the worker records after a face check and a priced portrait: likeness figures and
   * the image model on each analytics row, and the portraits (model, size, price) of one shoot in
   * `portraitsEvery` (the bench; the dashboard's end-to-end test leaves them out).
   */
  portraitsEvery?: number
}

/**
 * Inserts customers, generations (with their analytics rows) and paid purchases straight
 * into Postgres, spread over the last `days` days: a few popular themes, mostly successes,
 * some failures and safety blocks, ratings skewed high. Analytics rows and purchases carry their
 * package's and tier's studio, as the app writes them. Returns the number of analytics rows.
 */
export const insertSyntheticAnalytics = async (
  client: pg.Client,
  options: SyntheticAnalytics,
): Promise<number> => {
  const { generations, customers, purchases, days, portraitsEvery } = options
  const tag = Date.now().toString(36)
  await client.query('BEGIN')
  try {
    await client.query(
      `INSERT INTO users (email, role, name) SELECT 'synthetic-' || $1 || '-' || g || '@example.com', 'customer', 'Synthetic ' || g FROM generate_series(1, $2::int) g`,
      [tag, customers],
    )
    const {
      rows: [upload],
    } = await client.query(
      `INSERT INTO photo_uploads (owner_id, filename, mime_type) SELECT id, 'synthetic-' || $1 || '.jpg', 'image/jpeg' FROM users ORDER BY id LIMIT 1 RETURNING id`,
      [tag],
    )
    const before = (await client.query('SELECT coalesce(max(id), 0) AS id FROM generations')).rows[0].id
    // Themes of active packages, in a fixed order; popular ones are picked more often (power of random()).
    await client.query(
      `INSERT INTO generations (owner_id, package_id, theme_id, upload_id, portrait_type, status, image_count, shoot_cost, provider, progress, queued_at, started_at, finished_at, rating, created_at, updated_at)
       SELECT c.ids[1 + floor(x.user_pick * cardinality(c.ids))::int], t.pkgs[x.i], t.ids[x.i], $1, 'single',
              (CASE WHEN x.outcome < 0.85 THEN 'succeeded' WHEN x.outcome < 0.93 THEN 'partially_succeeded' WHEN x.outcome < 0.98 THEN 'failed' ELSE 'blocked' END)::enum_generations_status,
              3, 1, 'gemini', 100, x.at - interval '40 seconds', x.at - interval '35 seconds', x.at,
              CASE WHEN x.rated < 0.4 THEN 5 - floor(power(x.rating, 2) * 5)::int END, x.at, x.at
       FROM generate_series(1, $2::int) g,
            (SELECT array_agg(pt.id ORDER BY pt.sort_order, pt.id) AS ids, array_agg(pt.package_id ORDER BY pt.sort_order, pt.id) AS pkgs
               FROM package_themes pt JOIN photo_packages pp ON pp.id = pt.package_id WHERE pp.is_active) t,
            (SELECT array_agg(id) AS ids FROM users WHERE role = 'customer') c,
            LATERAL (SELECT 1 + floor(power(random(), 1.6) * cardinality(t.ids) + g * 0)::int AS i, random() AS user_pick, random() AS outcome,
                            random() AS rated, random() AS rating, now() - random() * ($3::int * interval '1 day') AS at) x`,
      [upload.id, generations, days],
    )
    const inserted = await client.query(
      `INSERT INTO package_analytics (generation_id, package_id, studio_id, theme_id, user_id, status, images_requested, images_generated, success_rate, processing_time_ms, provider_latency_ms, estimated_cost_cents, shoots_charged, provider, rating, created_at, updated_at)
       SELECT g.id, g.package_id, (SELECT pp.studio_id FROM photo_packages pp WHERE pp.id = g.package_id), g.theme_id, g.owner_id, g.status::text, 3, d.delivered, d.delivered / 3.0, 30000 + floor(random() * 20000)::int, 8000 + floor(random() * 4000)::int,
              d.delivered * 3.9, CASE WHEN d.delivered > 0 THEN 1 ELSE 0 END, 'gemini', g.rating, g.created_at, g.created_at
       FROM generations g, LATERAL (SELECT CASE g.status WHEN 'succeeded' THEN 3 WHEN 'partially_succeeded' THEN 2 ELSE 0 END AS delivered) d
       WHERE g.id > $1`,
      [before],
    )
    if (portraitsEvery) {
      await client.query(
        `UPDATE package_analytics SET model = CASE WHEN id % 5 = 0 THEN 'gemini-3-pro-image' ELSE 'gemini-3.1-flash-image' END,
           likeness_checked = images_generated, likeness_average = CASE WHEN images_generated > 0 THEN 0.72 + (id % 25) / 100.0 END,
           likeness_failed = CASE WHEN id % 40 = 0 THEN 1 ELSE 0 END, likeness_retries = CASE WHEN id % 20 = 0 THEN 1 ELSE 0 END
         WHERE generation_id > $1`,
        [before],
      )
      await client.query(
        `INSERT INTO generation_results (owner_id, generation_id, index, is_preview, model, image_size, cost_usd, price_source, filename, created_at, updated_at)
         SELECT g.owner_id, g.id, n, false, CASE WHEN g.id % 5 = 0 THEN 'gemini-3-pro-image' ELSE 'gemini-3.1-flash-image' END,
                (CASE WHEN g.id % 5 = 0 THEN '2K' ELSE '1K' END)::enum_generation_results_image_size,
                CASE WHEN g.id % 5 = 0 THEN 0.134 ELSE 0.067 END, 'https://ai.google.dev/gemini-api/docs/pricing, 2026-09-15',
                'synthetic-' || g.id || '-' || n || '.webp', g.created_at, g.created_at
         FROM generations g, generate_series(0, CASE g.status WHEN 'succeeded' THEN 2 WHEN 'partially_succeeded' THEN 1 ELSE -1 END) n
         WHERE g.id > $1 AND g.id % $2 = 0`,
        [before, portraitsEvery],
      )
    }
    await client.query(
      `INSERT INTO purchases (owner_id, tier_id, package_id, studio_id, shoots, amount_cents, currency, status, stripe_session_id, paid_at, refunded_amount_cents, shoots_reclaimed, created_at, updated_at)
       SELECT c.ids[1 + floor(random() * cardinality(c.ids) + g * 0)::int], tier.id, tier.package_id, tier.studio_id, tier.shoots_count, tier.price_cents, 'usd',
              (CASE WHEN x.refund < 0.03 THEN 'refunded' ELSE 'paid' END)::enum_purchases_status, 'cs_synthetic_' || $1 || '_' || g, x.at,
              CASE WHEN x.refund < 0.03 THEN tier.price_cents ELSE 0 END, CASE WHEN x.refund < 0.03 THEN tier.shoots_count ELSE 0 END, x.at, x.at
       FROM generate_series(1, $2::int) g,
            (SELECT array_agg(id) AS ids FROM users WHERE role = 'customer') c,
            LATERAL (SELECT random() AS refund, now() - random() * ($3::int * interval '1 day') AS at, floor(random() * 1000 + g * 0)::int AS pick) x,
            LATERAL (SELECT t.id, t.package_id, t.studio_id, t.shoots_count, t.price_cents FROM package_pricing_tiers t WHERE t.is_active ORDER BY t.id OFFSET (x.pick % (SELECT count(*) FROM package_pricing_tiers WHERE is_active)) LIMIT 1) tier`,
      [tag, purchases, days],
    )
    await client.query('COMMIT')
    await client.query('ANALYZE')
    return inserted.rowCount ?? 0
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now()
  const result = await work()
  return [result, performance.now() - started]
}

const sample = async (
  runs: number,
  work: () => Promise<unknown>,
): Promise<{ p50: number; p95: number; max: number }> => {
  await work()
  await work()
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push((await timed(work))[1])
  return {
    p50: +percentile(times, 50).toFixed(1),
    p95: +percentile(times, 95).toFixed(1),
    max: +(maxOf(times) ?? 0).toFixed(1),
  }
}

/** This process's resident memory now and at its peak (VmRSS, VmHWM), in MiB. */
const ownMemoryMiB = (): { rss: number; peak: number } => {
  const status = readFileSync('/proc/self/status', 'utf8')
  const field = (name: string) =>
    Math.round(Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))?.[1] ?? 0) / 1024)
  return { rss: field('VmRSS'), peak: field('VmHWM') }
}

/** The Payload side, in its own process (config and Payload are module singletons). */
const measure = async (runs: number): Promise<Record<string, number>> => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URI })
  await client.connect()
  const { testPayload } = await import('../tests/support/app/payload')
  const { startRestServer } = await import('../tests/support/app/restServer')
  const { ApiClient } = await import('../tests/support/clients/client')
  const { refreshAnalyticsRollups } = await import('../src/analytics/rollup')
  const { loadAnalyticsReport } = await import('../src/analytics/report')
  const { resolvePeriod } = await import('../src/analytics/period')
  const payload = await testPayload()
  const server = await startRestServer()
  try {
    const loadAtStart = +loadavg()[0].toFixed(2)
    // The scheduled job's work, in this process: its peak RSS is the job's (the process has booted Payload).
    const booted = ownMemoryMiB()
    const [, rollupFullMs] = await timed(() =>
      refreshAnalyticsRollups(payload, { mode: 'full', trigger: 'manual' }),
    )
    const afterFull = ownMemoryMiB()
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM analytics_rollups) AS rollups, (SELECT count(*) FROM analytics_user_days) AS user_days,
           (SELECT count(*) FROM analytics_likeness_days) AS likeness_days, (SELECT count(*) FROM analytics_model_days) AS model_days,
           (SELECT count(*) FROM generation_results) AS portraits`,
      )
    ).rows[0]
    // An hour's worth of change: 200 ratings on the newest generations, then the scheduled run.
    await client.query(
      `UPDATE package_analytics SET rating = 4, updated_at = now() WHERE id IN (SELECT id FROM package_analytics ORDER BY created_at DESC LIMIT 200)`,
    )
    const [, rollupIncrementalMs] = await timed(() =>
      refreshAnalyticsRollups(payload, { trigger: 'schedule' }),
    )

    const wedding = (
      await payload.find({
        collection: 'photo-packages',
        where: { slug: { equals: 'wedding-portraits' } },
        limit: 1,
      })
    ).docs[0]
    const report =
      (timeframe: '7d' | '30d' | '90d', packageId: number | null = null) =>
      () =>
        loadAnalyticsReport(payload, { period: resolvePeriod({ timeframe }), packageId })
    const report90d = await sample(runs, report('90d'))

    const admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'bench-admin-pass')
    const http = (pathname: string) => async () => {
      const response = await admin.get(pathname)
      if (response.status !== 200)
        throw new Error(`${pathname} answered ${response.status}: ${JSON.stringify(response.body)}`)
    }
    const http7d = await sample(runs, http('/api/admin/analytics?timeframe=7d'))
    const http30d = await sample(runs, http('/api/admin/analytics?timeframe=30d'))
    const http90d = await sample(runs, http('/api/admin/analytics?timeframe=90d'))
    const httpPackage90d = await sample(
      runs,
      http(`/api/admin/packages/${wedding.id}/analytics?timeframe=90d`),
    )
    const httpPackageList = await sample(runs, http('/api/photo-packages?limit=50&depth=0'))
    // The first load of each timeframe after each of 5 hourly runs: the figures come from the run.
    const firstLoads: Record<'7d' | '30d' | '90d', number[]> = { '7d': [], '30d': [], '90d': [] }
    const incrementalMs: number[] = [rollupIncrementalMs]
    for (let round = 0; round < 5; round++) {
      incrementalMs.push((await timed(() => refreshAnalyticsRollups(payload, { trigger: 'schedule' })))[1])
      for (const timeframe of ['7d', '30d', '90d'] as const)
        firstLoads[timeframe].push((await timed(http(`/api/admin/analytics?timeframe=${timeframe}`)))[1])
    }
    const firstLoad = (timeframe: '7d' | '30d' | '90d') => ({
      p50: +percentile(firstLoads[timeframe], 50).toFixed(1),
      max: +(maxOf(firstLoads[timeframe]) ?? 0).toFixed(1),
    })
    // A full rebuild over the rows of the last run (each one deleted and written again), alone.
    const [, rollupFullRebuildMs] = await timed(() =>
      refreshAnalyticsRollups(payload, { mode: 'full', trigger: 'manual' }),
    )
    // Reads while a full rebuild runs: they must neither wait for it nor see half of it.
    const before = (await admin.get('/api/admin/analytics?timeframe=90d')).body
    const duringTimes: number[] = []
    let rebuilding = true
    const rebuild = timed(() =>
      refreshAnalyticsRollups(payload, { mode: 'full', trigger: 'manual' }),
    ).finally(() => {
      rebuilding = false
    })
    let sawOldRun = 0
    while (rebuilding) {
      const [response, ms] = await timed(() => admin.get('/api/admin/analytics?timeframe=90d'))
      if (!rebuilding) break
      duringTimes.push(ms)
      if (
        response.body.dataAsOf === before.dataAsOf &&
        response.body.totals.generations === before.totals.generations
      )
        sawOldRun++
    }
    const [, rollupFullAgainMs] = await rebuild
    return {
      rollupRows: Number(counts.rollups),
      userDayRows: Number(counts.user_days),
      likenessDayRows: Number(counts.likeness_days),
      modelDayRows: Number(counts.model_days),
      portraitRows: Number(counts.portraits),
      rollupFullMs: Math.round(rollupFullMs),
      jobRssAfterBootMiB: booted.rss,
      jobPeakRssMiB: afterFull.peak,
      rollupIncrementalMs: Math.round(rollupIncrementalMs),
      report90dP50Ms: report90d.p50,
      report90dP95Ms: report90d.p95,
      httpDashboard7dP50Ms: http7d.p50,
      httpDashboard7dP95Ms: http7d.p95,
      httpDashboard30dP50Ms: http30d.p50,
      httpDashboard30dP95Ms: http30d.p95,
      httpDashboard90dP50Ms: http90d.p50,
      httpDashboard90dP95Ms: http90d.p95,
      httpDashboard90dMaxMs: http90d.max,
      httpPackage90dP50Ms: httpPackage90d.p50,
      httpPackage90dP95Ms: httpPackage90d.p95,
      httpPackageListWithColumnsP50Ms: httpPackageList.p50,
      rollupIncrementalP50Ms: Math.round(percentile(incrementalMs, 50)),
      rollupIncrementalMaxMs: Math.round(maxOf(incrementalMs) ?? 0),
      httpDashboard7dFirstAfterRefreshP50Ms: firstLoad('7d').p50,
      httpDashboard7dFirstAfterRefreshMaxMs: firstLoad('7d').max,
      httpDashboard30dFirstAfterRefreshP50Ms: firstLoad('30d').p50,
      httpDashboard30dFirstAfterRefreshMaxMs: firstLoad('30d').max,
      httpDashboard90dFirstAfterRefreshP50Ms: firstLoad('90d').p50,
      httpDashboard90dFirstAfterRefreshMaxMs: firstLoad('90d').max,
      rollupFullRebuildMs: Math.round(rollupFullRebuildMs),
      rollupFullRebuildDuringReadsMs: Math.round(rollupFullAgainMs),
      httpDashboard90dDuringFullRollupReads: duringTimes.length,
      httpDashboard90dDuringFullRollupSawPreviousRun: sawOldRun,
      httpDashboard90dDuringFullRollupP50Ms: duringTimes.length ? +percentile(duringTimes, 50).toFixed(1) : 0,
      httpDashboard90dDuringFullRollupMaxMs: +(maxOf(duringTimes) ?? 0).toFixed(1),
      jobPeakRssAfterAllMiB: ownMemoryMiB().peak,
      loadAverage1mAtStart: loadAtStart,
      loadAverage1mAtEnd: +loadavg()[0].toFixed(2),
    }
  } finally {
    await server.close()
    await client.end().catch(() => undefined)
    await payload.destroy().catch(() => undefined)
  }
}

const RESULT_PREFIX = 'BENCH_ANALYTICS_RESULT '

/**
 * Creates its own database, fills it (bulk SQL, in this process), then measures the rollup
 * and the dashboard in a child process, and drops the database. Timings in milliseconds.
 */
const benchOneSize = async (rows: number): Promise<Record<string, number>> => {
  const database = await bootstrappedDatabase('pp_bench_analytics')
  const client = new pg.Client({ connectionString: database.uri })
  try {
    await client.connect()
    const [analyticsRows, insertMs] = await timed(() =>
      insertSyntheticAnalytics(client, {
        generations: rows,
        customers: Math.max(50, Math.round(rows / 20)),
        purchases: Math.round(rows / 12),
        days: 90,
        portraitsEvery: 10,
      }),
    )
    const figures = measureInChild<Record<string, number>>('bench/analytics.ts', database.env, {
      childFlag: 'BENCH_ANALYTICS_CHILD',
      resultPrefix: RESULT_PREFIX,
      // A full rollup of millions of rows takes minutes; a hung child must not hold the bench forever.
      timeoutMs: 60 * 60_000,
    })
    return { analyticsRows, insertMs: Math.round(insertMs), ...figures }
  } finally {
    await client.end().catch(() => undefined)
    // BENCH_KEEP_DB=1 keeps the filled database to look at (its name is printed).
    if (process.env.BENCH_KEEP_DB) console.log(`kept database ${database.name}`)
    await database.dispose({ keep: Boolean(process.env.BENCH_KEEP_DB) })
  }
}

/** The sizes to run: BENCH_ANALYTICS_ROWS (a number or a comma list; 100k by default); above 100k, 100k comes too. */
export const analyticsBenchSizes = (setting = process.env.BENCH_ANALYTICS_ROWS): number[] => {
  const sizes = (setting ?? '100000').split(',').map((text) => Number(text.trim()))
  if (sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new Error(`BENCH_ANALYTICS_ROWS must be whole numbers, not "${setting}"`)
  if (sizes.length === 1 && sizes[0] > 100_000) sizes.unshift(100_000)
  return sizes
}

/** Every size in one run, each in its own database and measuring process, keyed by the size. */
export async function benchAnalytics(): Promise<Record<string, Record<string, number>>> {
  const results: Record<string, Record<string, number>> = {}
  for (const size of analyticsBenchSizes()) {
    console.log(`-- analytics at ${size} generations`)
    results[String(size)] = await benchOneSize(size)
    console.table(results[String(size)])
  }
  return results
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.env.BENCH_ANALYTICS_CHILD) {
    const figures = await measure(Number(process.env.BENCH_ANALYTICS_RUNS ?? 20))
    console.log(`${RESULT_PREFIX}${JSON.stringify(figures)}`)
  } else {
    await benchAnalytics()
  }
  process.exit(0)
}
