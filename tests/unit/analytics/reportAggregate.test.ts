import { describe, expect, it } from 'vitest'

import { aggregateReport, emptySums, type ReportInputs } from '@/analytics/reportAggregate'
import { presentReport } from '@/analytics/reportPresent'
import type { RollupRowSums, Sums } from '@/analytics/reportTypes'

/**
 * The integration test's hand-computed week (1-7 June 2025), as the rollup writes it: one row
 * per day × package × theme, sales rows without a theme. P1 = 1 (wedding), P2 = 2; themes
 * 11 Garden and 12 Ballroom (P1), 21 Office (P2). No database: load is replaced by its rows.
 */
const row = (
  day: string,
  packageId: number | null,
  themeId: number | null,
  sums: Partial<Sums>,
): RollupRowSums => ({ ...emptySums(), ...sums, day, packageId, themeId })
const generations = (
  g: number,
  ok: number,
  failed: number,
  blocked: number,
  req: number,
  gen: number,
  ms: number,
  ms_n: number,
  rating: number,
  rated: number,
  shoots: number,
) => ({
  generations: g,
  succeeded: ok,
  failed,
  blocked,
  imagesRequested: req,
  imagesGenerated: gen,
  processingTimeMsTotal: ms,
  processingTimeCount: ms_n,
  ratingTotal: rating,
  ratingCount: rated,
  shootsUsed: shoots,
})
const sale = (purchases: number, shootsSold: number, gross: number, refunded: number) => ({
  purchases,
  shootsSold,
  grossRevenueCents: gross,
  refundedCents: refunded,
  revenueCents: gross - refunded,
})

const week: RollupRowSums[] = [
  row('2025-06-01', 1, 11, generations(2, 1, 0, 0, 6, 5, 30000, 2, 9, 2, 2)),
  row('2025-06-01', 1, null, sale(1, 25, 999, 0)),
  row('2025-06-02', 2, 21, generations(1, 1, 0, 0, 5, 5, 30000, 1, 0, 0, 2)),
  row('2025-06-03', 1, 12, generations(1, 0, 1, 0, 3, 0, 5000, 1, 0, 0, 0)),
  row('2025-06-03', 2, null, sale(1, 60, 2499, 500)),
  row('2025-06-04', 1, null, sale(1, 0, 499, 499)),
  row('2025-06-05', 1, 12, generations(1, 1, 0, 0, 3, 3, 15000, 1, 3, 1, 1)),
  row('2025-06-05', 1, 11, generations(1, 0, 0, 1, 3, 0, 4000, 1, 1, 1, 0)),
]

const inputs = (rollups: RollupRowSums[], allRevenueCents: number | null = null): ReportInputs => ({
  packages: [
    {
      id: 1,
      name: 'Weddings',
      slug: 'weddings',
      category: 'wedding',
      isActive: true,
      createdAt: '2025-05-01T00:00:00.000Z',
    },
    {
      id: 2,
      name: 'Headshots',
      slug: 'headshots',
      category: 'professional',
      isActive: true,
      createdAt: '2025-06-01T00:00:00.000Z',
    },
    {
      id: 3,
      name: 'Retired',
      slug: 'retired',
      category: 'professional',
      isActive: false,
      createdAt: '2025-01-01T00:00:00.000Z',
    },
  ],
  rollups,
  themeNames: new Map([
    [11, 'Garden'],
    [12, 'Ballroom'],
    [21, 'Office'],
  ]),
  firstGenerationAt: new Map([
    [1, '2025-05-20T10:00:00.000Z'],
    [2, '2025-06-02T10:00:00.000Z'],
  ]),
  users: {
    activeUsers: 3,
    nonWeddingUsers: 1,
    usersByPackage: new Map([
      [1, 3],
      [2, 1],
    ]),
    multiPackageUsers: 1,
    returningUsers: 2,
  },
  allRevenueCents,
})

const period = { from: '2025-06-01', to: '2025-06-07', days: 7, timeframe: null }
const refresh = { lastSucceededAt: '2025-06-07T11:00:00.000Z', lastRun: null, lastError: null }
const now = new Date('2025-06-07T12:00:00.000Z')

describe('the analytics report from rollup rows (aggregate + present, no database)', () => {
  const report = presentReport(aggregateReport(inputs(week), { period, packageId: null }), {
    period,
    now,
    refresh,
  })

  it('sums the week: totals, packages (the inactive one without activity left out), themes, days', () => {
    expect(report.totals).toMatchObject({
      generations: 6,
      uniqueUsers: 3,
      imagesRequested: 20,
      imagesGenerated: 13,
      successRate: 13 / 20,
      avgProcessingMs: 84000 / 6,
      avgRating: 13 / 4,
      failedGenerations: 2,
      blockedGenerations: 1,
      revenueCents: 2998,
      grossRevenueCents: 3997,
      refundedCents: 999,
      purchases: 3,
      shootsSold: 85,
      shootsUsed: 5,
    })
    expect(report.packages.map((p) => [p.name, p.generations, p.uniqueUsers, p.revenueCents])).toEqual([
      ['Weddings', 5, 3, 999],
      ['Headshots', 1, 1, 1999],
    ])
    expect(
      report.topThemesByUsage.map((t) => [t.name, t.packageName, t.generations, t.successRate, t.share]),
    ).toEqual([
      ['Garden', 'Weddings', 3, Number((5 / 9).toFixed(4)), 0.5],
      ['Ballroom', 'Weddings', 2, 0.5, Number((2 / 6).toFixed(4))],
      ['Office', 'Headshots', 1, 1, Number((1 / 6).toFixed(4))],
    ])
    expect(report.topThemesByRating.map((t) => [t.name, t.avgRating, t.ratingCount])).toEqual([
      ['Garden', Number((10 / 3).toFixed(3)), 3],
    ])
    expect(report.daily.map((d) => [d.day, d.generations, d.failedGenerations, d.revenueCents])).toEqual([
      ['2025-06-01', 2, 0, 999],
      ['2025-06-02', 1, 0, 0],
      ['2025-06-03', 1, 1, 1999],
      ['2025-06-04', 0, 0, 0],
      ['2025-06-05', 2, 1, 0],
      ['2025-06-06', 0, 0, 0],
      ['2025-06-07', 0, 0, 0],
    ])
    expect(report.dataAsOf).toBe(refresh.lastSucceededAt)
    expect(report.generatedAt).toBe(now.toISOString())
  })

  it('derives the KPIs and their display strings', () => {
    const { adoptionRate, themeDiversity, revenuePerPackage, userRetention, adminEfficiency } = report.kpis
    expect(adoptionRate).toMatchObject({
      value: 0.3333,
      display: '33.3%',
      details: { nonWeddingUsers: 1, activeUsers: 3 },
    })
    const entropy = -(0.5 * Math.log2(0.5) + (2 / 6) * Math.log2(2 / 6) + (1 / 6) * Math.log2(1 / 6))
    expect(themeDiversity.value).toBeCloseTo(entropy, 4)
    expect(themeDiversity.display).toBe(
      `${entropy.toFixed(2)} bits · ${((entropy / Math.log2(3)) * 100).toFixed(0)}% even · like ${(2 ** entropy).toFixed(1)} themes`,
    )
    expect(revenuePerPackage).toMatchObject({
      value: 1499,
      display: '$14.99',
      details: { totalRevenueCents: 2998, packages: 2 },
    })
    expect(userRetention).toMatchObject({ value: 0.6667, display: '66.7% return · 33.3% across packages' })
    expect(adminEfficiency.details.packages).toEqual([
      expect.objectContaining({ packageId: 1, hours: 466 }),
      expect.objectContaining({ packageId: 2, hours: 34 }),
    ])
    expect(adminEfficiency).toMatchObject({ value: 250, display: '10.4 days to first generation' })
  })

  it('reports one package with its share of all revenue', () => {
    const p2 = presentReport(
      aggregateReport(
        inputs(
          week.filter((r) => r.packageId === 2),
          2998,
        ),
        { period, packageId: 2 },
      ),
      { period, now, refresh },
    )
    expect(p2.package).toEqual({ id: 2, name: 'Headshots', slug: 'headshots' })
    expect(p2.packages).toHaveLength(1)
    expect(p2.totals).toMatchObject({ generations: 1, uniqueUsers: 1, revenueCents: 1999, shootsSold: 60 })
    expect(p2.kpis.revenuePerPackage.details).toEqual({
      revenueCents: 1999,
      allRevenueCents: 2998,
      share: 0.6668,
    })
    expect(p2.kpis.adoptionRate.value).toBe(0.3333)
    expect(p2.kpis.adminEfficiency).toMatchObject({ value: 34, display: '34.0 h' })
    expect(p2.kpis.themeDiversity).toMatchObject({ value: 0, display: '0.00 bits · like 1.0 theme' })
  })

  it('puts activity of deleted packages in a "No package" row and names deleted themes', () => {
    const orphaned = [
      ...week,
      row('2025-06-06', 99, 98, generations(4, 4, 0, 0, 12, 12, 40000, 4, 0, 0, 4)),
      row('2025-06-06', null, null, sale(1, 10, 500, 0)),
    ]
    const result = presentReport(aggregateReport(inputs(orphaned), { period, packageId: null }), {
      period,
      now,
      refresh,
    })
    expect(result.packages.at(-1)).toMatchObject({
      packageId: null,
      generations: 4,
      revenueCents: 500,
      purchases: 1,
    })
    expect(result.topThemesByUsage[0]).toMatchObject({
      themeId: 98,
      name: 'Theme 98 (deleted)',
      packageName: '—',
      generations: 4,
    })
    expect(result.totals.generations).toBe(10)
  })

  it('is empty but well-formed for a period with no rows', () => {
    const empty = presentReport(
      aggregateReport(
        {
          ...inputs([]),
          users: {
            activeUsers: 0,
            nonWeddingUsers: 0,
            usersByPackage: new Map(),
            multiPackageUsers: 0,
            returningUsers: 0,
          },
        },
        { period, packageId: null },
      ),
      {
        period,
        now,
        refresh: { lastSucceededAt: null, lastRun: null, lastError: null },
      },
    )
    expect(empty.totals).toMatchObject({
      generations: 0,
      successRate: null,
      avgRating: null,
      avgProcessingMs: null,
    })
    expect(empty.kpis.adoptionRate).toMatchObject({ value: null, display: '—' })
    expect(empty.kpis.themeDiversity.display).toBe('—')
    expect(empty.daily).toHaveLength(7)
    expect(empty.dataAsOf).toBeNull()
  })
})
