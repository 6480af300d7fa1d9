import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { notFound } from '@/lib/errors'

import { daysBetween, dayNumberOf } from './days'
import { formatHours, formatMoney, formatNumber, formatPercent } from './format'
import { KPI_DEFINITIONS, METRIC_DEFINITIONS, MIN_RATINGS_TO_RANK, ratio, RETURN_WINDOW_DAYS, themeDiversity } from './kpis'
import type { Period } from './period'
import type { RollupSums } from './rollup'
import { adapterOf, isoOrNull, num, queryRows } from './sql'

export interface Metrics {
  generations: number
  uniqueUsers: number
  imagesRequested: number
  imagesGenerated: number
  /** Portraits delivered ÷ requested. */
  successRate: number | null
  avgProcessingMs: number | null
  avgRating: number | null
  ratingCount: number
  /** Generations that delivered nothing (failed or blocked). */
  failedGenerations: number
  blockedGenerations: number
  revenueCents: number
  grossRevenueCents: number
  refundedCents: number
  purchases: number
  shootsSold: number
  shootsUsed: number
  estimatedCostCents: number
}

export interface PackageRow extends Metrics {
  packageId: number | null
  name: string
  slug: string | null
  category: string | null
  isActive: boolean
}

export interface ThemeRow {
  themeId: number
  name: string
  packageId: number | null
  packageName: string
  generations: number
  /** This theme's share of the generations shown. */
  share: number | null
  imagesGenerated: number
  successRate: number | null
  avgRating: number | null
  ratingCount: number
  failedGenerations: number
}

export interface DailyPoint {
  day: string
  generations: number
  imagesGenerated: number
  failedGenerations: number
  revenueCents: number
  purchases: number
}

export interface Kpi {
  key: string
  label: string
  value: number | null
  unit: 'bits' | 'cents' | 'hours' | 'ratio'
  display: string
  definition: string
  details: Record<string, unknown>
}

export interface AnalyticsReport {
  period: Period
  package: { id: number; name: string; slug: string | null } | null
  generatedAt: string
  /** When the rollup the figures come from last finished; null before the first run. */
  dataAsOf: string | null
  totals: Metrics
  packages: PackageRow[]
  topThemesByUsage: ThemeRow[]
  topThemesByRating: ThemeRow[]
  daily: DailyPoint[]
  kpis: {
    adoptionRate: Kpi
    themeDiversity: Kpi
    revenuePerPackage: Kpi
    userRetention: Kpi
    adminEfficiency: Kpi
  }
  definitions: typeof METRIC_DEFINITIONS
}

const TOP_THEMES = 10

type Sums = RollupSums

const SUM_COLUMNS: Array<[keyof Sums, string]> = [
  ['generations', 'generations'],
  ['succeeded', 'succeeded'],
  ['failed', 'failed'],
  ['blocked', 'blocked'],
  ['imagesRequested', 'images_requested'],
  ['imagesGenerated', 'images_generated'],
  ['processingTimeMsTotal', 'processing_time_ms_total'],
  ['processingTimeCount', 'processing_time_count'],
  ['ratingTotal', 'rating_total'],
  ['ratingCount', 'rating_count'],
  ['shootsUsed', 'shoots_used'],
  ['estimatedCostCents', 'estimated_cost_cents'],
  ['purchases', 'purchases'],
  ['shootsSold', 'shoots_sold'],
  ['grossRevenueCents', 'gross_revenue_cents'],
  ['refundedCents', 'refunded_cents'],
  ['revenueCents', 'revenue_cents'],
]

const emptySums = (): Sums => Object.fromEntries(SUM_COLUMNS.map(([key]) => [key, 0])) as unknown as Sums

const addInto = (target: Sums, row: Record<string, unknown>): void => {
  for (const [key, column] of SUM_COLUMNS) target[key] += num(row[column])
}

const toMetrics = (sums: Sums, uniqueUsers: number): Metrics => ({
  generations: sums.generations,
  uniqueUsers,
  imagesRequested: sums.imagesRequested,
  imagesGenerated: sums.imagesGenerated,
  successRate: ratio(sums.imagesGenerated, sums.imagesRequested),
  avgProcessingMs: sums.processingTimeCount > 0 ? Math.round(sums.processingTimeMsTotal / sums.processingTimeCount) : null,
  avgRating: sums.ratingCount > 0 ? sums.ratingTotal / sums.ratingCount : null,
  ratingCount: sums.ratingCount,
  failedGenerations: sums.failed + sums.blocked,
  blockedGenerations: sums.blocked,
  revenueCents: sums.revenueCents,
  grossRevenueCents: sums.grossRevenueCents,
  refundedCents: sums.refundedCents,
  purchases: sums.purchases,
  shootsSold: sums.shootsSold,
  shootsUsed: sums.shootsUsed,
  estimatedCostCents: Math.round(sums.estimatedCostCents * 100) / 100,
})

interface UserFigures {
  activeUsers: number
  nonWeddingUsers: number
  usersByPackage: Map<number, number>
  multiPackageUsers: number
  returningUsers: number
}

/** Unique-user figures from the per-day activity rollup: five small aggregate queries. */
const loadUserFigures = async (payload: Payload, period: Period, packageId: number | null): Promise<UserFigures> => {
  const { analytics_user_days: ud, photo_packages: pp } = adapterOf(payload).tables
  const from = dayNumberOf(period.from)
  const to = dayNumberOf(period.to)
  const inPeriod = sql`${ud.dayNumber} >= ${from} and ${ud.dayNumber} <= ${to}`
  const onlyPackage = packageId === null ? sql`` : sql` and ${ud.package} = ${packageId}`
  const [totals, perPackage, multi, returning] = await Promise.all([
    queryRows(
      payload,
      sql`select count(distinct ${ud.user}) as active,
        count(distinct case when ${pp.category} <> ${'wedding'} then ${ud.user} end) as non_wedding
      from ${ud} left join ${pp} on ${pp.id} = ${ud.package} where ${inPeriod}`,
    ),
    queryRows(
      payload,
      sql`select ${ud.package} as package_id, count(distinct ${ud.user}) as users from ${ud} where ${inPeriod}${onlyPackage} group by ${ud.package}`,
    ),
    queryRows(
      payload,
      sql`select count(*) as users from (select ${ud.user} as user_id from ${ud} where ${inPeriod} group by ${ud.user}
        having count(distinct ${ud.package}) > 1${packageId === null ? sql`` : sql` and sum(case when ${ud.package} = ${packageId} then 1 else 0 end) > 0`}) multi`,
    ),
    queryRows(
      payload,
      sql`select count(distinct user_id) as users from (
        select user_id, day_number, lag(day_number) over (partition by user_id order by day_number) as previous_day
        from (select distinct ${ud.user} as user_id, ${ud.dayNumber} as day_number from ${ud}
          where ${ud.dayNumber} >= ${from - RETURN_WINDOW_DAYS} and ${ud.dayNumber} <= ${to}${onlyPackage}) active_days
      ) visits where day_number >= ${from} and previous_day is not null and day_number - previous_day <= ${RETURN_WINDOW_DAYS}`,
    ),
  ])
  return {
    activeUsers: num(totals[0]?.active),
    nonWeddingUsers: num(totals[0]?.non_wedding),
    usersByPackage: new Map(perPackage.filter((row) => row.package_id !== null).map((row) => [num(row.package_id), num(row.users)])),
    multiPackageUsers: num(multi[0]?.users),
    returningUsers: num(returning[0]?.users),
  }
}

const kpi = (key: string, label: string, value: number | null, unit: Kpi['unit'], display: string, definition: string, details: Record<string, unknown> = {}): Kpi => ({
  key,
  label,
  value,
  unit,
  display,
  definition,
  details,
})

const round = (value: number | null, digits = 4): number | null => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits)

/**
 * The dashboard's figures for a period, from the rollups only (never the raw analytics rows):
 * one read of the period's daily rollup rows, the unique-user counts from the activity rollup,
 * and the package and theme names. With packageId, everything is about that one package.
 */
export const loadAnalyticsReport = async (
  payload: Payload,
  { period, packageId = null, now = new Date() }: { period: Period; packageId?: number | null; now?: Date },
): Promise<AnalyticsReport> => {
  const { analytics_rollups: ar } = adapterOf(payload).tables
  const onlyPackage = packageId === null ? sql`` : sql` and ${ar.package} = ${packageId}`
  const [packages, rollups, firsts, users, lastRun] = await Promise.all([
    payload.find({
      collection: 'photo-packages',
      pagination: false,
      depth: 0,
      overrideAccess: true,
      sort: 'sortOrder',
      select: { name: true, slug: true, category: true, isActive: true, createdAt: true },
    }),
    queryRows(payload, sql`select * from ${ar} where ${ar.day} >= ${period.from} and ${ar.day} <= ${period.to}${onlyPackage}`),
    queryRows(payload, sql`select ${ar.package} as package_id, min(${ar.firstGenerationAt}) as first_at from ${ar} where ${ar.package} is not null group by ${ar.package}`),
    loadUserFigures(payload, period, packageId),
    payload.find({
      collection: 'analytics-rollup-runs',
      where: { status: { equals: 'succeeded' } },
      sort: '-finishedAt',
      limit: 1,
      depth: 0,
      overrideAccess: true,
      select: { finishedAt: true },
    }),
  ])
  const selected = packageId === null ? null : packages.docs.find((pkg) => pkg.id === packageId)
  if (packageId !== null && !selected) throw notFound(`No package with id ${packageId}.`)

  const totals = emptySums()
  const byPackage = new Map<number | null, Sums>()
  const byTheme = new Map<number, Sums & { packageId: number | null }>()
  const byDay = new Map<string, Sums>()
  for (const row of rollups) {
    addInto(totals, row)
    const pkg = row.package_id === null ? null : num(row.package_id)
    if (!byPackage.has(pkg)) byPackage.set(pkg, emptySums())
    addInto(byPackage.get(pkg) as Sums, row)
    if (row.theme_id !== null) {
      const theme = num(row.theme_id)
      if (!byTheme.has(theme)) byTheme.set(theme, { ...emptySums(), packageId: pkg })
      addInto(byTheme.get(theme) as Sums, row)
    }
    const day = String(row.day)
    if (!byDay.has(day)) byDay.set(day, emptySums())
    addInto(byDay.get(day) as Sums, row)
  }

  const themeIds = [...byTheme.keys()]
  const themes = themeIds.length
    ? await payload.find({
        collection: 'package-themes',
        where: { id: { in: themeIds } },
        pagination: false,
        depth: 0,
        overrideAccess: true,
        select: { name: true },
      })
    : { docs: [] as Array<{ id: number; name?: string }> }
  const themeNames = new Map(themes.docs.map((theme) => [theme.id, theme.name ?? `Theme ${theme.id}`]))
  const packageById = new Map(packages.docs.map((pkg) => [pkg.id, pkg]))

  // The table: the selected package, or every active package and any package with activity.
  const hasActivity = (sums: Sums | undefined) => Boolean(sums && (sums.generations > 0 || sums.purchases > 0 || sums.revenueCents !== 0))
  const tablePackages = selected
    ? [selected]
    : packages.docs.filter((pkg) => pkg.isActive || hasActivity(byPackage.get(pkg.id)))
  const packageRows: PackageRow[] = tablePackages.map((pkg) => ({
    packageId: pkg.id,
    name: pkg.name ?? `Package ${pkg.id}`,
    slug: pkg.slug ?? null,
    category: pkg.category ?? null,
    isActive: Boolean(pkg.isActive),
    ...toMetrics(byPackage.get(pkg.id) ?? emptySums(), users.usersByPackage.get(pkg.id) ?? 0),
  }))
  const unattributed = [...byPackage.entries()].filter(([id, sums]) => (id === null || !packageById.has(id)) && hasActivity(sums))
  if (!selected && unattributed.length) {
    const sums = emptySums()
    for (const [, part] of unattributed) addInto(sums, Object.fromEntries(SUM_COLUMNS.map(([key, column]) => [column, part[key]])))
    packageRows.push({ packageId: null, name: 'No package (deleted, or not tied to one)', slug: null, category: null, isActive: false, ...toMetrics(sums, 0) })
  }

  const themeRows: ThemeRow[] = [...byTheme.entries()].map(([themeId, sums]) => {
    const metrics = toMetrics(sums, 0)
    return {
      themeId,
      name: themeNames.get(themeId) ?? `Theme ${themeId} (deleted)`,
      packageId: sums.packageId,
      packageName: (sums.packageId !== null && packageById.get(sums.packageId)?.name) || '—',
      generations: sums.generations,
      share: round(ratio(sums.generations, totals.generations)),
      imagesGenerated: sums.imagesGenerated,
      successRate: round(metrics.successRate),
      avgRating: round(metrics.avgRating, 3),
      ratingCount: sums.ratingCount,
      failedGenerations: metrics.failedGenerations,
    }
  })
  const topThemesByUsage = [...themeRows].sort((a, b) => b.generations - a.generations || a.name.localeCompare(b.name)).slice(0, TOP_THEMES)
  const topThemesByRating = themeRows
    .filter((theme) => theme.ratingCount >= MIN_RATINGS_TO_RANK)
    .sort((a, b) => (b.avgRating ?? 0) - (a.avgRating ?? 0) || b.ratingCount - a.ratingCount || a.name.localeCompare(b.name))
    .slice(0, TOP_THEMES)

  const daily: DailyPoint[] = daysBetween(period.from, period.to).map((day) => {
    const sums = byDay.get(day) ?? emptySums()
    return {
      day,
      generations: sums.generations,
      imagesGenerated: sums.imagesGenerated,
      failedGenerations: sums.failed + sums.blocked,
      revenueCents: sums.revenueCents,
      purchases: sums.purchases,
    }
  })

  // KPIs.
  const uniqueUsers = selected ? (users.usersByPackage.get(selected.id) ?? 0) : users.activeUsers
  const diversity = themeDiversity(themeRows.map((theme) => theme.generations))
  const firstById = new Map(firsts.map((row) => [num(row.package_id), isoOrNull(row.first_at)]))
  const efficiency = tablePackages.map((pkg) => {
    const first = firstById.get(pkg.id) ?? null
    const hours = first ? Math.max(0, (Date.parse(first) - Date.parse(pkg.createdAt as string)) / 3_600_000) : null
    return { packageId: pkg.id, name: pkg.name, createdAt: pkg.createdAt, firstGenerationAt: first, hours: round(hours, 2) }
  })
  const measured = efficiency.filter((row) => row.hours !== null)
  const averageHours = measured.length ? measured.reduce((sum, row) => sum + (row.hours as number), 0) / measured.length : null
  const revenueRows = packageRows.map((row) => ({ packageId: row.packageId, name: row.name, revenueCents: row.revenueCents, share: round(ratio(row.revenueCents, totals.revenueCents)) }))
  const allRevenueCents = selected ? await totalRevenue(payload, period) : totals.revenueCents

  const adoption = selected
    ? kpi('adoptionRate', 'Adoption', round(ratio(uniqueUsers, users.activeUsers)), 'ratio', formatPercent(ratio(uniqueUsers, users.activeUsers)), KPI_DEFINITIONS.packageAdoption, {
        packageUsers: uniqueUsers,
        activeUsers: users.activeUsers,
      })
    : kpi('adoptionRate', 'Package adoption rate', round(ratio(users.nonWeddingUsers, users.activeUsers)), 'ratio', formatPercent(ratio(users.nonWeddingUsers, users.activeUsers)), KPI_DEFINITIONS.adoptionRate, {
        nonWeddingUsers: users.nonWeddingUsers,
        activeUsers: users.activeUsers,
      })
  const retention = kpi(
    'userRetention',
    'User retention',
    round(ratio(users.returningUsers, uniqueUsers)),
    'ratio',
    `${formatPercent(ratio(users.returningUsers, uniqueUsers))} return · ${formatPercent(ratio(users.multiPackageUsers, uniqueUsers))} across packages`,
    selected ? KPI_DEFINITIONS.packageRetention : KPI_DEFINITIONS.userRetention,
    {
      returningUsers: users.returningUsers,
      activeUsers: uniqueUsers,
      returnWindowDays: RETURN_WINDOW_DAYS,
      crossPackageUsers: users.multiPackageUsers,
      crossPackageRate: round(ratio(users.multiPackageUsers, uniqueUsers)),
    },
  )
  const revenuePerPackage = selected
    ? kpi('revenuePerPackage', 'Revenue', totals.revenueCents, 'cents', `${formatMoney(totals.revenueCents)} · ${formatPercent(ratio(totals.revenueCents, allRevenueCents))} of all`, KPI_DEFINITIONS.packageRevenue, {
        revenueCents: totals.revenueCents,
        allRevenueCents,
        share: round(ratio(totals.revenueCents, allRevenueCents)),
      })
    : kpi(
        'revenuePerPackage',
        'Revenue per package',
        packageRows.length ? Math.round(totals.revenueCents / packageRows.length) : null,
        'cents',
        packageRows.length ? formatMoney(Math.round(totals.revenueCents / packageRows.length)) : '—',
        KPI_DEFINITIONS.revenuePerPackage,
        { totalRevenueCents: totals.revenueCents, packages: packageRows.length, byPackage: revenueRows },
      )

  return {
    period,
    package: selected ? { id: selected.id, name: selected.name ?? '', slug: selected.slug ?? null } : null,
    generatedAt: now.toISOString(),
    dataAsOf: (lastRun.docs[0]?.finishedAt as string | undefined) ?? null,
    totals: toMetrics(totals, uniqueUsers),
    packages: packageRows,
    topThemesByUsage,
    topThemesByRating,
    daily,
    kpis: {
      adoptionRate: adoption,
      themeDiversity: kpi(
        'themeDiversity',
        'Theme diversity',
        round(diversity.entropyBits),
        'bits',
        diversity.themesUsed
          ? [
              `${formatNumber(diversity.entropyBits, 2)} bits`,
              diversity.evenness === null ? null : `${formatPercent(diversity.evenness, 0)} even`,
              `like ${formatNumber(diversity.effectiveThemes, 1)} ${diversity.themesUsed === 1 ? 'theme' : 'themes'}`,
            ]
              .filter(Boolean)
              .join(' · ')
          : '—',
        KPI_DEFINITIONS.themeDiversity,
        {
          entropyBits: round(diversity.entropyBits),
          evenness: round(diversity.evenness),
          effectiveThemes: round(diversity.effectiveThemes, 2),
          themesUsed: diversity.themesUsed,
          distribution: [...themeRows].sort((a, b) => b.generations - a.generations).map((theme) => ({ themeId: theme.themeId, name: theme.name, generations: theme.generations, share: theme.share })),
        },
      ),
      revenuePerPackage,
      userRetention: retention,
      adminEfficiency: kpi(
        'adminEfficiency',
        'Admin efficiency',
        round(averageHours, 2),
        'hours',
        selected ? formatHours(efficiency[0]?.hours ?? null) : `${formatHours(averageHours)} to first generation`,
        selected ? KPI_DEFINITIONS.packageAdminEfficiency : KPI_DEFINITIONS.adminEfficiency,
        { packages: efficiency, waiting: efficiency.length - measured.length },
      ),
    },
    definitions: METRIC_DEFINITIONS,
  }
}

/** All revenue in the period, for a single package's share. */
const totalRevenue = async (payload: Payload, period: Period): Promise<number> => {
  const { analytics_rollups: ar } = adapterOf(payload).tables
  const [row] = await queryRows(payload, sql`select sum(${ar.revenueCents}) as revenue from ${ar} where ${ar.day} >= ${period.from} and ${ar.day} <= ${period.to}`)
  return num(row?.revenue)
}
