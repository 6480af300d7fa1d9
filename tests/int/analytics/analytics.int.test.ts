import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres/drizzle'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { resolvePeriod, TIMEFRAMES } from '@/analytics/period'
import { loadUserFigures } from '@/analytics/liveUserFigures'
import { refreshAnalyticsRollups } from '@/analytics/rollup'
import { type StoredUserFigures, userFiguresFromStored } from '@/analytics/userFigures'
import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import { ApiClient } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { RAW_ANALYTICS_TABLES, rawTablesTouchedBy } from '../../support/app/rawTableProbe'
import { startRestServer } from '../../support/app/restServer'

/**
 * A hand-computed week (1-7 June 2025) of two fixture packages. The dates are far from
 * today, so figures of other test files never fall inside the period.
 *
 *  #  day    user pkg theme status               req gen  ms     rating shoots
 *  1  06-01  u1   P1  T1a   succeeded             3   3   10000  5      1
 *  2  06-01  u2   P1  T1a   partially_succeeded   3   2   20000  4      1
 *  3  06-02  u1   P2  T2a   succeeded             5   5   30000  -      2
 *  4  06-03  u3   P1  T1b   failed                3   0    5000  -      0
 *  5  06-05  u2   P1  T1b   succeeded             3   3   15000  3      1
 *  6  06-05  u1   P1  T1a   blocked               3   0    4000  1      0
 *  7  05-20  u2   P1  T1a   succeeded             3   3   12000  5      1   (before the period)
 *  8  06-10  u3   P2  T2a   succeeded             5   5   12000  -      2   (after the period)
 *
 * Purchases: A u1 P1 paid 06-01 $9.99 25 shoots; B u2 P2 paid 06-03 $24.99 75 shoots, $5.00
 * refunded and 15 shoots taken back; C u3 P1 paid 06-04 $4.99 10 shoots, refunded in full;
 * D u3 P1 pending; E u1 P1 paid 05-15 (before the period).
 * P1 (wedding) was created 2025-05-01 00:00, P2 (professional) 2025-06-01 00:00.
 */
describe('package analytics for the admin dashboard', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let admin: ApiClient
  let editor: ApiClient
  let customer: ApiClient
  const ids = { p1: 0, p2: 0, t1a: 0, t1b: 0, t2a: 0, u1: 0, u2: 0, u3: 0 }
  const analyticsRowIds: number[] = []
  const period = 'from=2025-06-01&to=2025-06-07'

  const createPackage = async (name: string, category: 'professional' | 'wedding', createdAt: string) => {
    const pkg = await payload.create({
      collection: 'photo-packages',
      data: {
        name,
        category,
        isActive: true,
        imagesPerGeneration: 3,
        basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
      },
    })
    await payload.db.updateOne({
      collection: 'photo-packages',
      id: pkg.id,
      data: { createdAt },
      returning: false,
    })
    return pkg.id
  }
  const createTheme = async (packageId: number, name: string) =>
    (
      await payload.create({
        collection: 'package-themes',
        data: { package: packageId, name, settingPrompt: 'a quiet fixture studio with soft light' },
      })
    ).id

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    editor = await new ApiClient(server.url).login('editor@photo-packages.local', 'editor-demo-pass')
    customer = await new ApiClient(server.url).login('customer@photo-packages.local', 'customer-demo-pass')

    const stamp = Date.now()
    ids.p1 = await createPackage(`Fixture Weddings ${stamp}`, 'wedding', '2025-05-01T00:00:00.000Z')
    ids.p2 = await createPackage(`Fixture Headshots ${stamp}`, 'professional', '2025-06-01T00:00:00.000Z')
    ids.t1a = await createTheme(ids.p1, 'Fixture Garden')
    ids.t1b = await createTheme(ids.p1, 'Fixture Ballroom')
    ids.t2a = await createTheme(ids.p2, 'Fixture Office')
    for (const key of ['u1', 'u2', 'u3'] as const) {
      ids[key] = (
        await payload.create({
          collection: 'users',
          data: {
            email: `analytics-${key}-${stamp}@example.com`,
            password: 'fixture-pass-1',
            role: 'customer',
          },
        })
      ).id
    }
    // Rows straight through the database adapter: the fixture needs past dates and no generation job.
    const upload = await payload.db.create({
      collection: 'photo-uploads',
      data: { owner: ids.u1, filename: `fixture-${stamp}.jpg` },
    })
    const rows: Array<
      [
        string,
        keyof typeof ids,
        'p1' | 'p2',
        't1a' | 't1b' | 't2a',
        string,
        number,
        number,
        number,
        number | null,
        number,
      ]
    > = [
      ['2025-06-01', 'u1', 'p1', 't1a', 'succeeded', 3, 3, 10000, 5, 1],
      ['2025-06-01', 'u2', 'p1', 't1a', 'partially_succeeded', 3, 2, 20000, 4, 1],
      ['2025-06-02', 'u1', 'p2', 't2a', 'succeeded', 5, 5, 30000, null, 2],
      ['2025-06-03', 'u3', 'p1', 't1b', 'failed', 3, 0, 5000, null, 0],
      ['2025-06-05', 'u2', 'p1', 't1b', 'succeeded', 3, 3, 15000, 3, 1],
      ['2025-06-05', 'u1', 'p1', 't1a', 'blocked', 3, 0, 4000, 1, 0],
      ['2025-05-20', 'u2', 'p1', 't1a', 'succeeded', 3, 3, 12000, 5, 1],
      ['2025-06-10', 'u3', 'p2', 't2a', 'succeeded', 5, 5, 12000, null, 2],
    ]
    for (const [day, user, pkg, theme, status, requested, generated, ms, rating, shoots] of rows) {
      const createdAt = `${day}T10:00:00.000Z`
      const generation = await payload.db.create({
        collection: 'generations',
        data: {
          owner: ids[user],
          package: ids[pkg],
          theme: ids[theme],
          upload: upload.id,
          portraitType: 'single',
          status,
          imageCount: requested,
          shootCost: Math.max(shoots, 1),
          generationSettings: { aspectRatio: '1:1', quality: 'standard' },
          finishedAt: createdAt,
          createdAt,
        },
      })
      const row = await payload.db.create({
        collection: 'package-analytics',
        data: {
          generation: generation.id,
          package: ids[pkg],
          theme: ids[theme],
          user: ids[user],
          status,
          imagesRequested: requested,
          imagesGenerated: generated,
          successRate: generated / requested,
          processingTimeMs: ms,
          shootsCharged: shoots,
          rating,
          provider: 'offline',
          createdAt,
        },
      })
      analyticsRowIds.push(row.id as number)
    }
    const purchases: Array<
      [keyof typeof ids, 'p1' | 'p2', string, number, number, number, number, string | null]
    > = [
      ['u1', 'p1', 'paid', 999, 25, 0, 0, '2025-06-01T12:00:00.000Z'],
      ['u2', 'p2', 'partially_refunded', 2499, 75, 500, 15, '2025-06-03T12:00:00.000Z'],
      ['u3', 'p1', 'refunded', 499, 10, 499, 10, '2025-06-04T12:00:00.000Z'],
      ['u3', 'p1', 'pending', 999, 25, 0, 0, null],
      ['u1', 'p1', 'paid', 999, 25, 0, 0, '2025-05-15T12:00:00.000Z'],
    ]
    for (const [
      index,
      [user, pkg, status, amountCents, shoots, refundedAmountCents, shootsReclaimed, paidAt],
    ] of purchases.entries()) {
      await payload.create({
        collection: 'purchases',
        data: {
          owner: ids[user],
          package: ids[pkg],
          status: status as 'paid',
          amountCents,
          shoots,
          refundedAmountCents,
          shootsReclaimed,
          paidAt,
          currency: 'usd',
          stripeSessionId: `cs_fixture_${stamp}_${index}`,
        },
      })
    }
    await refreshAnalyticsRollups(payload, { mode: 'full', now: new Date('2025-06-07T12:00:00.000Z') })
  })

  afterAll(async () => {
    await server?.close()
  })

  it('answers 401 to visitors, 403 to editors and customers, 400 to a bad timeframe and 404 to an unknown package', async () => {
    const anonymous = new ApiClient(server.url)
    expect((await anonymous.get('/api/admin/analytics?timeframe=30d')).status).toBe(401)
    expect((await anonymous.get(`/api/admin/packages/${ids.p1}/analytics`)).status).toBe(401)
    for (const client of [editor, customer]) {
      const refused = await client.get('/api/admin/analytics?timeframe=30d')
      expect(refused.status).toBe(403)
      expect(refused.body.error).toMatch(/admins/)
      expect((await client.get(`/api/admin/packages/${ids.p1}/analytics`)).status).toBe(403)
      expect((await client.post('/api/admin/analytics/refresh')).status).toBe(403)
    }
    const badTimeframe = await admin.get('/api/admin/analytics?timeframe=14d')
    expect(badTimeframe.status).toBe(400)
    expect(badTimeframe.body.error).toMatch(/7d, 30d or 90d/)
    expect((await admin.get(`/api/admin/packages/${ids.p1}/analytics?timeframe=forever`)).status).toBe(400)
    expect((await admin.get('/api/admin/analytics?from=2025-06-07&to=2025-06-01')).body.error).toMatch(
      /must not be after/,
    )
    expect((await admin.get('/api/admin/analytics?from=2025-06-01')).status).toBe(400)
    expect((await admin.get('/api/admin/analytics?from=2025-02-30&to=2025-03-01')).status).toBe(400)
    expect((await admin.get('/api/admin/packages/abc/analytics')).status).toBe(400)
    const unknown = await admin.get('/api/admin/packages/99999999/analytics')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toMatch(/99999999/)
    const ok = await admin.get(`/api/admin/packages/${ids.p1}/analytics?timeframe=7d`)
    expect(ok.status).toBe(200)
    expect(ok.body.period.days).toBe(7)
  })

  it('matches the hand-computed totals, per-package figures, themes and daily trend for the week', async () => {
    const { status, body } = await admin.get(`/api/admin/analytics?${period}`)
    expect(status).toBe(200)
    expect(body.period).toEqual({ from: '2025-06-01', to: '2025-06-07', days: 7, timeframe: null })
    expect(body.totals).toMatchObject({
      generations: 6,
      uniqueUsers: 3,
      imagesRequested: 20,
      imagesGenerated: 13,
      successRate: 13 / 20,
      avgProcessingMs: 84000 / 6,
      avgRating: (5 + 4 + 3 + 1) / 4,
      ratingCount: 4,
      failedGenerations: 2,
      blockedGenerations: 1,
      revenueCents: 999 + (2499 - 500) + (499 - 499),
      grossRevenueCents: 999 + 2499 + 499,
      refundedCents: 500 + 499,
      purchases: 3,
      shootsSold: 25 + (75 - 15) + (10 - 10),
      shootsUsed: 5,
    })
    const p1 = body.packages.find((row: any) => row.packageId === ids.p1)
    expect(p1).toMatchObject({
      generations: 5,
      uniqueUsers: 3,
      imagesRequested: 15,
      imagesGenerated: 8,
      successRate: 8 / 15,
      avgProcessingMs: 54000 / 5,
      avgRating: 13 / 4,
      revenueCents: 999,
      purchases: 2,
      shootsSold: 25,
      shootsUsed: 3,
      failedGenerations: 2,
    })
    const p2 = body.packages.find((row: any) => row.packageId === ids.p2)
    expect(p2).toMatchObject({
      generations: 1,
      uniqueUsers: 1,
      successRate: 1,
      avgProcessingMs: 30000,
      avgRating: null,
      revenueCents: 1999,
      shootsSold: 60,
      shootsUsed: 2,
    })

    expect(body.topThemesByUsage.slice(0, 3).map((t: any) => [t.name, t.generations, t.successRate])).toEqual(
      [
        ['Fixture Garden', 3, Number((5 / 9).toFixed(4))],
        ['Fixture Ballroom', 2, 0.5],
        ['Fixture Office', 1, 1],
      ],
    )
    // Only themes with 3+ ratings are ranked by rating: Garden (5, 4, 1).
    expect(body.topThemesByRating.map((t: any) => [t.name, t.avgRating, t.ratingCount])).toEqual([
      ['Fixture Garden', Number((10 / 3).toFixed(3)), 3],
    ])

    expect(body.daily.map((d: any) => [d.day, d.generations, d.failedGenerations, d.revenueCents])).toEqual([
      ['2025-06-01', 2, 0, 999],
      ['2025-06-02', 1, 0, 0],
      ['2025-06-03', 1, 1, 1999],
      ['2025-06-04', 0, 0, 0],
      ['2025-06-05', 2, 1, 0],
      ['2025-06-06', 0, 0, 0],
      ['2025-06-07', 0, 0, 0],
    ])
    expect(body.dataAsOf).toEqual(expect.any(String))
  })

  it('computes the KPIs with their definitions: adoption, diversity, revenue per package, retention, admin efficiency', async () => {
    const { body } = await admin.get(`/api/admin/analytics?${period}`)
    const { adoptionRate, themeDiversity, revenuePerPackage, userRetention, adminEfficiency } = body.kpis
    for (const kpi of Object.values(body.kpis) as any[]) expect(kpi.definition.length).toBeGreaterThan(40)

    // Active: u1, u2, u3; outside Wedding: u1 (Headshots on 06-02).
    expect(adoptionRate.value).toBe(Number((1 / 3).toFixed(4)))
    expect(adoptionRate.details).toEqual({ nonWeddingUsers: 1, activeUsers: 3 })
    expect(adoptionRate.definition).toMatch(/outside the Wedding category/)

    // Garden 3, Ballroom 2, Office 1 of 6.
    const entropy = -(0.5 * Math.log2(0.5) + (2 / 6) * Math.log2(2 / 6) + (1 / 6) * Math.log2(1 / 6))
    expect(themeDiversity.value).toBeCloseTo(entropy, 4)
    expect(themeDiversity.details.evenness).toBeCloseTo(entropy / Math.log2(3), 4)
    expect(themeDiversity.details.themesUsed).toBe(3)
    expect(themeDiversity.definition).toMatch(/Shannon entropy/)

    expect(revenuePerPackage.details.totalRevenueCents).toBe(2998)
    expect(revenuePerPackage.value).toBe(Math.round(2998 / body.packages.length))
    const byPackage = revenuePerPackage.details.byPackage
    expect(byPackage.find((r: any) => r.packageId === ids.p1)).toMatchObject({
      revenueCents: 999,
      share: Number((999 / 2998).toFixed(4)),
    })
    expect(byPackage.find((r: any) => r.packageId === ids.p2)).toMatchObject({
      revenueCents: 1999,
      share: Number((1999 / 2998).toFixed(4)),
    })

    // u1 came back on 06-02 (after 06-01), u2 on 06-01 (12 days after 05-20); u3 only once. u1 used both packages.
    expect(userRetention.value).toBe(Number((2 / 3).toFixed(4)))
    expect(userRetention.details).toMatchObject({
      returningUsers: 2,
      activeUsers: 3,
      crossPackageUsers: 1,
      crossPackageRate: Number((1 / 3).toFixed(4)),
    })

    // P1: created 05-01 00:00, first generation 05-20 10:00 = 466 h; P2: 06-01 00:00 to 06-02 10:00 = 34 h.
    const efficiency = adminEfficiency.details.packages
    expect(efficiency.find((r: any) => r.packageId === ids.p1).hours).toBe(466)
    expect(efficiency.find((r: any) => r.packageId === ids.p2).hours).toBe(34)
  })

  it('reports one package on its own: figures, its share of revenue and its own KPIs', async () => {
    const { status, body } = await admin.get(`/api/admin/packages/${ids.p2}/analytics?${period}`)
    expect(status).toBe(200)
    expect(body.package.id).toBe(ids.p2)
    expect(body.packages).toHaveLength(1)
    expect(body.totals).toMatchObject({
      generations: 1,
      uniqueUsers: 1,
      imagesGenerated: 5,
      revenueCents: 1999,
      shootsSold: 60,
      shootsUsed: 2,
    })
    expect(body.kpis.adoptionRate.value).toBe(Number((1 / 3).toFixed(4)))
    expect(body.kpis.revenuePerPackage.details).toEqual({
      revenueCents: 1999,
      allRevenueCents: 2998,
      share: Number((1999 / 2998).toFixed(4)),
    })
    // u1's only Headshots day: no return to this package, but u1 also used Weddings.
    expect(body.kpis.userRetention.details).toMatchObject({
      returningUsers: 0,
      activeUsers: 1,
      crossPackageUsers: 1,
    })
    expect(body.kpis.adminEfficiency.value).toBe(34)
    expect(body.kpis.themeDiversity.value).toBe(0)

    const p1 = (await admin.get(`/api/admin/analytics?${period}&packageId=${ids.p1}`)).body
    expect(p1.package.id).toBe(ids.p1)
    expect(p1.kpis.adoptionRate.value).toBe(1)
    // u1 (06-01 → 06-05) and u2 (05-20 → 06-01) came back to Weddings; u1 also used Headshots.
    expect(p1.kpis.userRetention.details).toMatchObject({
      returningUsers: 2,
      activeUsers: 3,
      crossPackageUsers: 1,
    })
    expect(p1.kpis.adminEfficiency.value).toBe(466)
  })

  it('ranks themes by the last 30 days of usage and rating', async () => {
    // As of 06-07: Garden 4 uses rated 5, 4, 1, 5 → 4 × 3.75 ÷ 5; Ballroom 2 uses rated 3 → 2 × 3 ÷ 5; Office 1 unrated → 1 × 3 ÷ 5.
    const scores = await Promise.all(
      [ids.t1a, ids.t1b, ids.t2a].map(
        async (id) => (await payload.findByID({ collection: 'package-themes', id })).popularityScore,
      ),
    )
    expect(scores).toEqual([3, 1.2, 0.6])
  })

  it('is idempotent, and an hourly run recomputes only the days whose rows changed', async () => {
    const before = (await admin.get(`/api/admin/analytics?${period}`)).body
    const fullAgain = await admin.post('/api/admin/analytics/refresh', { mode: 'full' })
    expect(fullAgain.status).toBe(200)
    const again = (await admin.get(`/api/admin/analytics?${period}`)).body
    expect(again.totals).toEqual(before.totals)
    expect(again.packages).toEqual(before.packages)
    expect(again.kpis).toEqual(before.kpis)

    // A customer rates generation 3 (Headshots, 06-02) two stars: the next run picks up that day.
    await payload.update({ collection: 'package-analytics', id: analyticsRowIds[2], data: { rating: 2 } })
    const run = await refreshAnalyticsRollups(payload, { trigger: 'schedule' })
    expect(run.mode).toBe('incremental')
    // (Rows written in the five minutes before the last run are looked at again, by design.)
    expect(run.days).toContain('2025-06-02')
    const after = (await admin.get(`/api/admin/packages/${ids.p2}/analytics?${period}`)).body
    expect(after.totals.avgRating).toBe(2)
    expect(after.totals.generations).toBe(1)
    const runs = await payload.find({ collection: 'analytics-rollup-runs', sort: '-startedAt', limit: 1 })
    expect(runs.docs[0]).toMatchObject({ status: 'succeeded', trigger: 'schedule', mode: 'incremental' })
  })

  it('runs hourly as a scheduled job on the maintenance queue', async () => {
    const task = payload.config.jobs.tasks?.find((t) => t.slug === 'refreshAnalyticsRollups')
    expect(task?.schedule).toEqual([{ cron: '0 * * * *', queue: 'maintenance' }])
    const runsBefore = (
      await payload.count({ collection: 'analytics-rollup-runs', where: { trigger: { equals: 'schedule' } } })
    ).totalDocs
    const job = await payload.jobs.queue({ task: 'refreshAnalyticsRollups', input: {}, queue: 'maintenance' })
    await payload.jobs.runByID({ id: job.id })
    const runs = await payload.find({
      collection: 'analytics-rollup-runs',
      where: { trigger: { equals: 'schedule' } },
      sort: '-startedAt',
    })
    expect(runs.totalDocs).toBe(runsBefore + 1)
    expect(runs.docs[0].status).toBe('succeeded')
  })

  it('makes a failed scheduled run visible: the run and the dashboard carry its cause, the log has it, the old figures stay', async () => {
    const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } })
      .drizzle
    const before = (await admin.get(`/api/admin/analytics?${period}`)).body
    expect(before.refresh.lastError).toBeNull()
    expect(before.refresh.lastSucceededAt).toBe(before.dataAsOf)
    const logged = vi.spyOn(payload.logger, 'error')
    // The database refuses the rollup's rows: a stand-in for any failure in the middle of a run.
    await db.execute(
      sql.raw(
        'ALTER TABLE analytics_rollups ADD CONSTRAINT fixture_refuses_rollups CHECK (generations < 0) NOT VALID',
      ),
    )
    try {
      const job = await payload.jobs.queue({
        task: 'refreshAnalyticsRollups',
        input: { mode: 'full' },
        queue: 'maintenance',
      })
      await payload.jobs.runByID({ id: job.id })
      const [run] = (
        await payload.find({ collection: 'analytics-rollup-runs', sort: '-startedAt', limit: 1 })
      ).docs
      expect(run).toMatchObject({ status: 'failed', trigger: 'schedule', mode: 'full' })
      expect(run.error).toMatch(/fixture_refuses_rollups/)
      const logLine = logged.mock.calls.find(
        ([first]) => typeof first === 'object' && first !== null && 'runId' in first,
      )
      expect(logLine?.[0]).toMatchObject({ runId: run.id, mode: 'full', trigger: 'schedule' })
      expect((logLine?.[0] as { err?: unknown }).err).toBeInstanceOf(Error)
      expect(logLine?.[1]).toMatch(
        new RegExp(`Analytics rollup run ${run.id} \\(full\\) failed: .*fixture_refuses_rollups`),
      )

      const after = (await admin.get(`/api/admin/analytics?${period}`)).body
      expect(after.refresh.lastError).toEqual({ at: run.finishedAt, message: run.error, trigger: 'schedule' })
      expect(after.refresh.lastRun).toMatchObject({ id: run.id, status: 'failed' })
      // The failed rebuild rolled back: the figures and their date are the last good run's.
      expect(after.dataAsOf).toBe(before.dataAsOf)
      expect(after.totals).toEqual(before.totals)
    } finally {
      await db.execute(
        sql.raw('ALTER TABLE analytics_rollups DROP CONSTRAINT IF EXISTS fixture_refuses_rollups'),
      )
      logged.mockRestore()
    }
    await refreshAnalyticsRollups(payload, { trigger: 'schedule' })
    const recovered = (await admin.get(`/api/admin/analytics?${period}`)).body
    expect(recovered.refresh.lastError).toBeNull()
    expect(recovered.dataAsOf > before.dataAsOf).toBe(true)
    expect(recovered.totals).toEqual(before.totals)
  })

  it('stores with each run the 7, 30 and 90 days’ customer figures, the same as counted from the activity rows', async () => {
    const now = new Date('2025-06-07T12:00:00.000Z')
    const { runId } = await refreshAnalyticsRollups(payload, { now })
    const run = await payload.findByID({ collection: 'analytics-rollup-runs', id: runId })
    const stored = run.userFigures as unknown as StoredUserFigures
    expect(stored.to).toBe('2025-06-07')
    // Only the newest run keeps figures: older runs' are cleared as it commits.
    const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<any> } }).drizzle
    const kept = await db.execute(
      sql.raw('SELECT id FROM analytics_rollup_runs WHERE user_figures IS NOT NULL'),
    )
    expect(kept.rows.map((row: { id: number }) => row.id)).toEqual([runId])
    // The week is the fixture's: u1, u2, u3 active, u1 and u2 back within 30 days, u1 on both packages.
    expect(stored.frames['7d']).toMatchObject({
      from: '2025-06-01',
      activeUsers: 3,
      nonWeddingUsers: 1,
      multiPackageUsers: 1,
      returningUsers: 2,
    })
    expect(stored.frames['7d'].packages[String(ids.p2)]).toEqual({
      users: 1,
      multiPackageUsers: 1,
      returningUsers: 0,
    })
    for (const timeframe of TIMEFRAMES) {
      const period = resolvePeriod({ timeframe }, now)
      for (const packageId of [null, ids.p1, ids.p2]) {
        expect(userFiguresFromStored(stored, period, packageId), `${timeframe} ${packageId}`).toEqual(
          await loadUserFigures(payload, period, packageId),
        )
      }
    }
    // Another range, or a day after the run's, is not stored: the report counts it from the activity rows.
    expect(userFiguresFromStored(stored, { from: '2025-06-02', to: '2025-06-07' }, null)).toBeNull()
    expect(userFiguresFromStored(stored, { from: '2025-06-02', to: '2025-06-08' }, null)).toBeNull()

    // The day's last hourly run also stores the next day's timeframes, for the loads after midnight.
    const lateNow = new Date('2025-06-07T23:30:00.000Z')
    const late = await refreshAnalyticsRollups(payload, { now: lateNow })
    const lateStored = (await payload.findByID({ collection: 'analytics-rollup-runs', id: late.runId }))
      .userFigures as unknown as StoredUserFigures
    expect(lateStored.next?.to).toBe('2025-06-08')
    const nextDay = new Date('2025-06-08T00:10:00.000Z')
    for (const timeframe of TIMEFRAMES) {
      const period = resolvePeriod({ timeframe }, nextDay)
      for (const packageId of [null, ids.p1, ids.p2]) {
        const figures = userFiguresFromStored(lateStored, period, packageId)
        expect(figures, `${timeframe} ${packageId} next day`).not.toBeNull()
        expect(figures).toEqual(await loadUserFigures(payload, period, packageId))
      }
    }
  })

  it('answers the first dashboard reads after a rollup from stored rows only: no query reaches the raw tables', async () => {
    await refreshAnalyticsRollups(payload, { trigger: 'schedule' })
    // The standard timeframes do not count the activity rows either: their figures are on the run.
    const timeframes = [
      '/api/admin/analytics?timeframe=7d',
      '/api/admin/analytics?timeframe=30d',
      '/api/admin/analytics?timeframe=90d',
      `/api/admin/packages/${ids.p1}/analytics?timeframe=30d`,
    ]
    for (const path of [...timeframes, `/api/admin/analytics?${period}`]) {
      const tables = timeframes.includes(path)
        ? [...RAW_ANALYTICS_TABLES, 'analytics_user_days']
        : RAW_ANALYTICS_TABLES
      const { result, touched } = await rawTablesTouchedBy(() => admin.get(path), tables)
      expect(result.status, path).toBe(200)
      expect(touched, path).toEqual([])
    }
    // The probe sees a read of the raw rows: the same dashboard read beside one planted query.
    const planted = await rawTablesTouchedBy(() =>
      Promise.all([
        admin.get('/api/admin/analytics?timeframe=7d'),
        payload.find({ collection: 'package-analytics', limit: 1, depth: 0 }),
      ]),
    )
    expect(planted.touched).toEqual(['package_analytics'])
    expect(planted.result[0].status).toBe(200)
  })
})
