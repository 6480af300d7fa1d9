/**
 * The analytics dashboard with 100k analytics rows: a fresh Postgres database (migrated and
 * seeded), 100k generations and their analytics rows and 8k purchases inserted with bulk SQL
 * over 90 days, then the rollup job and the dashboard's reads, timed.
 *
 *   npx tsx bench/analytics.ts           (alone)
 *   npm run bench                        (with the others; BENCH_ONLY=analytics for this one)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import pg from 'pg'

import { runChild, tsxArgs } from '../tests/support/child'
import { createFreshDatabase, dropDatabase } from '../tests/support/database'

import { percentile } from './support'

const root = path.resolve(import.meta.dirname, '..')

export interface SyntheticAnalytics {
  generations: number
  customers: number
  purchases: number
  /** Spread over this many days before `now`. */
  days: number
}

/**
 * Inserts customers, generations (with their analytics rows) and paid purchases straight
 * into Postgres, spread over the last `days` days: a few popular themes, mostly successes,
 * some failures and safety blocks, ratings skewed high. Returns the number of analytics rows.
 */
export const insertSyntheticAnalytics = async (client: pg.Client, options: SyntheticAnalytics): Promise<number> => {
  const { generations, customers, purchases, days } = options
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
      `INSERT INTO package_analytics (generation_id, package_id, theme_id, user_id, status, images_requested, images_generated, success_rate, processing_time_ms, provider_latency_ms, estimated_cost_cents, shoots_charged, provider, rating, created_at, updated_at)
       SELECT g.id, g.package_id, g.theme_id, g.owner_id, g.status::text, 3, d.delivered, d.delivered / 3.0, 30000 + floor(random() * 20000)::int, 8000 + floor(random() * 4000)::int,
              d.delivered * 3.9, CASE WHEN d.delivered > 0 THEN 1 ELSE 0 END, 'gemini', g.rating, g.created_at, g.created_at
       FROM generations g, LATERAL (SELECT CASE g.status WHEN 'succeeded' THEN 3 WHEN 'partially_succeeded' THEN 2 ELSE 0 END AS delivered) d
       WHERE g.id > $1`,
      [before],
    )
    await client.query(
      `INSERT INTO purchases (owner_id, tier_id, package_id, shoots, amount_cents, currency, status, stripe_session_id, paid_at, refunded_amount_cents, shoots_reclaimed, created_at, updated_at)
       SELECT c.ids[1 + floor(random() * cardinality(c.ids) + g * 0)::int], tier.id, tier.package_id, tier.shoots_count, tier.price_cents, 'usd',
              (CASE WHEN x.refund < 0.03 THEN 'refunded' ELSE 'paid' END)::enum_purchases_status, 'cs_synthetic_' || $1 || '_' || g, x.at,
              CASE WHEN x.refund < 0.03 THEN tier.price_cents ELSE 0 END, CASE WHEN x.refund < 0.03 THEN tier.shoots_count ELSE 0 END, x.at, x.at
       FROM generate_series(1, $2::int) g,
            (SELECT array_agg(id) AS ids FROM users WHERE role = 'customer') c,
            LATERAL (SELECT random() AS refund, now() - random() * ($3::int * interval '1 day') AS at, floor(random() * 1000 + g * 0)::int AS pick) x,
            LATERAL (SELECT t.id, t.package_id, t.shoots_count, t.price_cents FROM package_pricing_tiers t WHERE t.is_active ORDER BY t.id OFFSET (x.pick % (SELECT count(*) FROM package_pricing_tiers WHERE is_active)) LIMIT 1) tier`,
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

const sample = async (runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> => {
  await work()
  await work()
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push((await timed(work))[1])
  return { p50: +percentile(times, 50).toFixed(1), p95: +percentile(times, 95).toFixed(1), max: +Math.max(...times).toFixed(1) }
}

/** The Payload side, in its own process (config and Payload are module singletons). */
const measure = async (runs: number): Promise<Record<string, number>> => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URI })
  await client.connect()
  const { testPayload } = await import('../tests/support/payload')
  const { startRestServer } = await import('../tests/support/restServer')
  const { ApiClient } = await import('../tests/support/client')
  const { refreshAnalyticsRollups } = await import('../src/analytics/rollup')
  const { loadAnalyticsReport } = await import('../src/analytics/report')
  const { resolvePeriod } = await import('../src/analytics/period')
  const payload = await testPayload()
  const server = await startRestServer()
  try {
    const [, rollupFullMs] = await timed(() => refreshAnalyticsRollups(payload, { mode: 'full', trigger: 'manual' }))
    const counts = (await client.query('SELECT (SELECT count(*) FROM analytics_rollups) AS rollups, (SELECT count(*) FROM analytics_user_days) AS user_days')).rows[0]
    // An hour's worth of change: 200 ratings on the newest generations, then the scheduled run.
    await client.query(`UPDATE package_analytics SET rating = 4, updated_at = now() WHERE id IN (SELECT id FROM package_analytics ORDER BY created_at DESC LIMIT 200)`)
    const [, rollupIncrementalMs] = await timed(() => refreshAnalyticsRollups(payload, { trigger: 'schedule' }))

    const wedding = (await payload.find({ collection: 'photo-packages', where: { slug: { equals: 'wedding-portraits' } }, limit: 1 })).docs[0]
    const report = (timeframe: '7d' | '30d' | '90d', packageId: number | null = null) => () => loadAnalyticsReport(payload, { period: resolvePeriod({ timeframe }), packageId })
    const report7d = await sample(runs, report('7d'))
    const report30d = await sample(runs, report('30d'))
    const report90d = await sample(runs, report('90d'))
    const report90dPackage = await sample(runs, report('90d', wedding.id))

    const admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'bench-admin-pass')
    const http = (pathname: string) => async () => {
      const response = await admin.get(pathname)
      if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}: ${JSON.stringify(response.body)}`)
    }
    const http30d = await sample(runs, http('/api/admin/analytics?timeframe=30d'))
    const http90d = await sample(runs, http('/api/admin/analytics?timeframe=90d'))
    const httpPackage90d = await sample(runs, http(`/api/admin/packages/${wedding.id}/analytics?timeframe=90d`))
    const httpPackageList = await sample(runs, http('/api/photo-packages?limit=50&depth=0'))
    return {
      rollupRows: Number(counts.rollups),
      userDayRows: Number(counts.user_days),
      rollupFullMs: Math.round(rollupFullMs),
      rollupIncrementalMs: Math.round(rollupIncrementalMs),
      report7dP50Ms: report7d.p50,
      report30dP50Ms: report30d.p50,
      report90dP50Ms: report90d.p50,
      report90dP95Ms: report90d.p95,
      report90dOnePackageP50Ms: report90dPackage.p50,
      httpDashboard30dP50Ms: http30d.p50,
      httpDashboard90dP50Ms: http90d.p50,
      httpDashboard90dP95Ms: http90d.p95,
      httpDashboard90dMaxMs: http90d.max,
      httpPackage90dP50Ms: httpPackage90d.p50,
      httpPackageListWithColumnsP50Ms: httpPackageList.p50,
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
export async function benchAnalytics(): Promise<Record<string, number>> {
  const rows = Number(process.env.BENCH_ANALYTICS_ROWS ?? 100_000)
  const { name, uri } = await createFreshDatabase('pp_bench_analytics')
  const media = mkdtempSync(path.join(tmpdir(), 'pp-bench-analytics-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URI: uri,
    PAYLOAD_SECRET: 'bench-secret',
    JOBS_AUTORUN: '0',
    MEDIA_DIR: path.join(media, 'media'),
    PRIVATE_MEDIA_DIR: path.join(media, 'private'),
    SEED_ADMIN_PASSWORD: 'bench-admin-pass',
  }
  const client = new pg.Client({ connectionString: uri })
  try {
    const boot = tsxArgs('tests/support/bootstrapCli.ts')
    await runChild(process.execPath, boot, { cwd: root, env, timeoutMs: 10 * 60_000, label: 'bootstrap (migrate + seed)' })
    await client.connect()
    const [analyticsRows, insertMs] = await timed(() => insertSyntheticAnalytics(client, { generations: rows, customers: Math.max(50, Math.round(rows / 20)), purchases: Math.round(rows / 12), days: 90 }))
    const child = await runChild(process.execPath, tsxArgs('bench/analytics.ts'), {
      cwd: root,
      env: { ...env, BENCH_ANALYTICS_CHILD: '1' },
      timeoutMs: 30 * 60_000,
      label: 'the measuring process',
      echo: false,
    })
    const line = child.stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX))
    if (!line) throw new Error(`the measuring process printed no result: ${child.output.slice(-2000)}`)
    return { analyticsRows, insertMs: Math.round(insertMs), ...(JSON.parse(line.slice(RESULT_PREFIX.length)) as Record<string, number>) }
  } finally {
    await client.end().catch(() => undefined)
    // BENCH_KEEP_DB=1 keeps the filled database to look at (its name is printed).
    if (process.env.BENCH_KEEP_DB) console.log(`kept database ${name}`)
    else await dropDatabase(name).catch(() => undefined)
    rmSync(media, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.env.BENCH_ANALYTICS_CHILD) {
    const figures = await measure(Number(process.env.BENCH_ANALYTICS_RUNS ?? 20))
    console.log(`${RESULT_PREFIX}${JSON.stringify(figures)}`)
  } else {
    console.table(await benchAnalytics())
  }
  process.exit(0)
}
