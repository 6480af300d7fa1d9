/**
 * The report's arithmetic, pure: from the loaded rollup rows, user counts and package list to
 * the figures the dashboard shows. No database, no clock; unit-tested on hand-computed rows.
 */
import { daysBetween } from './days'
import { type Diversity, MIN_RATINGS_TO_RANK, ratio, themeDiversity } from './kpis'
import type { Period } from './period'
import type { DailyPoint, Metrics, PackageRow, RollupRowSums, Sums, ThemeRow } from './reportTypes'

export const TOP_THEMES = 10

/** A package as the report needs it (the photo-packages document's fields). */
export interface PackageInfo {
  id: number
  name?: string | null
  slug?: string | null
  category?: string | null
  isActive?: boolean | null
  createdAt: string
}

/** Unique-customer counts for the period, from the activity rollup. */
export interface UserFigures {
  activeUsers: number
  nonWeddingUsers: number
  usersByPackage: Map<number, number>
  multiPackageUsers: number
  returningUsers: number
}

export interface ReportInputs {
  /** Every package, in catalog order. */
  packages: PackageInfo[]
  /** The period's rollup rows (only the selected package's when one is selected). */
  rollups: RollupRowSums[]
  themeNames: Map<number, string>
  /** Each package's first customer generation ever (ISO). */
  firstGenerationAt: Map<number, string | null>
  users: UserFigures
  /** All packages' revenue in the period: needed for one package's share; null to sum the rows. */
  allRevenueCents: number | null
}

export interface EfficiencyRow {
  packageId: number
  name: string | null | undefined
  createdAt: string
  firstGenerationAt: string | null
  hours: number | null
}

export interface ReportFigures {
  selected: PackageInfo | null
  totals: Sums
  uniqueUsers: number
  users: UserFigures
  packageRows: PackageRow[]
  themeRows: ThemeRow[]
  topThemesByUsage: ThemeRow[]
  topThemesByRating: ThemeRow[]
  daily: DailyPoint[]
  diversity: Diversity
  efficiency: EfficiencyRow[]
  /** Average hours to first generation over the packages that have had one. */
  averageHours: number | null
  allRevenueCents: number
}

export const SUM_KEYS: Array<keyof Sums> = [
  'generations',
  'succeeded',
  'failed',
  'blocked',
  'imagesRequested',
  'imagesGenerated',
  'processingTimeMsTotal',
  'processingTimeCount',
  'ratingTotal',
  'ratingCount',
  'shootsUsed',
  'estimatedCostCents',
  'purchases',
  'shootsSold',
  'grossRevenueCents',
  'refundedCents',
  'revenueCents',
  'platformFeeCents',
]

export const emptySums = (): Sums => Object.fromEntries(SUM_KEYS.map((key) => [key, 0])) as unknown as Sums

const addInto = (target: Sums, row: Sums): void => {
  for (const key of SUM_KEYS) target[key] += row[key]
}

export const round = (value: number | null, digits = 4): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits

const cents = (value: number): number => Math.round(value * 100) / 100
const centsOrNull = (value: number | null): number | null => (value === null ? null : cents(value))

/** Margin per shoot: what one shoot sold brings in less what one shoot used cost the provider. */
const perShoot = (sums: Sums) => {
  const revenuePerShootCents = ratio(sums.revenueCents, sums.shootsSold)
  const costPerShootCents = ratio(sums.estimatedCostCents, sums.shootsUsed)
  return {
    revenuePerShootCents: centsOrNull(revenuePerShootCents),
    costPerShootCents: centsOrNull(costPerShootCents),
    marginPerShootCents:
      revenuePerShootCents === null || costPerShootCents === null
        ? null
        : cents(revenuePerShootCents - costPerShootCents),
  }
}

export const toMetrics = (sums: Sums, uniqueUsers: number): Metrics => ({
  generations: sums.generations,
  uniqueUsers,
  imagesRequested: sums.imagesRequested,
  imagesGenerated: sums.imagesGenerated,
  successRate: ratio(sums.imagesGenerated, sums.imagesRequested),
  avgProcessingMs:
    sums.processingTimeCount > 0 ? Math.round(sums.processingTimeMsTotal / sums.processingTimeCount) : null,
  avgRating: sums.ratingCount > 0 ? sums.ratingTotal / sums.ratingCount : null,
  ratingCount: sums.ratingCount,
  failedGenerations: sums.failed + sums.blocked,
  blockedGenerations: sums.blocked,
  revenueCents: sums.revenueCents,
  grossRevenueCents: sums.grossRevenueCents,
  refundedCents: sums.refundedCents,
  platformFeeCents: sums.platformFeeCents,
  purchases: sums.purchases,
  shootsSold: sums.shootsSold,
  shootsUsed: sums.shootsUsed,
  estimatedCostCents: cents(sums.estimatedCostCents),
  marginCents: cents(sums.revenueCents - sums.estimatedCostCents),
  marginRatio: round(ratio(sums.revenueCents - sums.estimatedCostCents, sums.revenueCents)),
  ...perShoot(sums),
})

const hasActivity = (sums: Sums | undefined): boolean =>
  Boolean(sums && (sums.generations > 0 || sums.purchases > 0 || sums.revenueCents !== 0))

const sumInto = <K>(map: Map<K, Sums>, key: K, row: Sums): Sums => {
  let sums = map.get(key)
  if (!sums) map.set(key, (sums = emptySums()))
  addInto(sums, row)
  return sums
}

/**
 * Sums the rollup rows by package, theme and day, and derives every figure of the report.
 * With `packageId`, the rows are that package's and the table holds only it.
 */
export const aggregateReport = (
  inputs: ReportInputs,
  { period, packageId }: { period: Period; packageId: number | null },
): ReportFigures => {
  const { packages, users } = inputs
  const selected = packageId === null ? null : (packages.find((pkg) => pkg.id === packageId) ?? null)
  const totals = emptySums()
  const byPackage = new Map<number | null, Sums>()
  const byTheme = new Map<number, Sums>()
  const themePackage = new Map<number, number | null>()
  const byDay = new Map<string, Sums>()
  for (const row of inputs.rollups) {
    addInto(totals, row)
    sumInto(byPackage, row.packageId, row)
    if (row.themeId !== null) {
      sumInto(byTheme, row.themeId, row)
      if (!themePackage.has(row.themeId)) themePackage.set(row.themeId, row.packageId)
    }
    sumInto(byDay, row.day, row)
  }
  const packageById = new Map(packages.map((pkg) => [pkg.id, pkg]))

  // The table: the selected package, or every active package and any package with activity.
  const tablePackages = selected
    ? [selected]
    : packages.filter((pkg) => pkg.isActive || hasActivity(byPackage.get(pkg.id)))
  const packageRows: PackageRow[] = tablePackages.map((pkg) => ({
    packageId: pkg.id,
    name: pkg.name ?? `Package ${pkg.id}`,
    slug: pkg.slug ?? null,
    category: pkg.category ?? null,
    isActive: Boolean(pkg.isActive),
    ...toMetrics(byPackage.get(pkg.id) ?? emptySums(), users.usersByPackage.get(pkg.id) ?? 0),
  }))
  const unattributed = [...byPackage.entries()].filter(
    ([id, sums]) => (id === null || !packageById.has(id)) && hasActivity(sums),
  )
  if (!selected && unattributed.length) {
    const sums = emptySums()
    for (const [, part] of unattributed) addInto(sums, part)
    packageRows.push({
      packageId: null,
      name: 'No package (deleted, or not tied to one)',
      slug: null,
      category: null,
      isActive: false,
      ...toMetrics(sums, 0),
    })
  }

  const themeRows: ThemeRow[] = [...byTheme.entries()].map(([themeId, sums]) => {
    const metrics = toMetrics(sums, 0)
    const themePackageId = themePackage.get(themeId) ?? null
    return {
      themeId,
      name: inputs.themeNames.get(themeId) ?? `Theme ${themeId} (deleted)`,
      packageId: themePackageId,
      packageName: (themePackageId !== null && packageById.get(themePackageId)?.name) || '—',
      generations: sums.generations,
      share: round(ratio(sums.generations, totals.generations)),
      imagesGenerated: sums.imagesGenerated,
      successRate: round(metrics.successRate),
      avgRating: round(metrics.avgRating, 3),
      ratingCount: sums.ratingCount,
      failedGenerations: metrics.failedGenerations,
    }
  })
  const topThemesByUsage = [...themeRows]
    .sort((a, b) => b.generations - a.generations || a.name.localeCompare(b.name))
    .slice(0, TOP_THEMES)
  const topThemesByRating = themeRows
    .filter((theme) => theme.ratingCount >= MIN_RATINGS_TO_RANK)
    .sort(
      (a, b) =>
        (b.avgRating ?? 0) - (a.avgRating ?? 0) ||
        b.ratingCount - a.ratingCount ||
        a.name.localeCompare(b.name),
    )
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
      estimatedCostCents: cents(sums.estimatedCostCents),
      marginCents: cents(sums.revenueCents - sums.estimatedCostCents),
    }
  })

  const efficiency: EfficiencyRow[] = tablePackages.map((pkg) => {
    const first = inputs.firstGenerationAt.get(pkg.id) ?? null
    const hours = first ? Math.max(0, (Date.parse(first) - Date.parse(pkg.createdAt)) / 3_600_000) : null
    return {
      packageId: pkg.id,
      name: pkg.name,
      createdAt: pkg.createdAt,
      firstGenerationAt: first,
      hours: round(hours, 2),
    }
  })
  const measured = efficiency.filter((row) => row.hours !== null)
  const averageHours = measured.length
    ? measured.reduce((sum, row) => sum + (row.hours as number), 0) / measured.length
    : null

  return {
    selected,
    totals,
    uniqueUsers: selected ? (users.usersByPackage.get(selected.id) ?? 0) : users.activeUsers,
    users,
    packageRows,
    themeRows,
    topThemesByUsage,
    topThemesByRating,
    daily,
    diversity: themeDiversity(themeRows.map((theme) => theme.generations)),
    efficiency,
    averageHours,
    allRevenueCents: selected ? (inputs.allRevenueCents ?? totals.revenueCents) : totals.revenueCents,
  }
}
