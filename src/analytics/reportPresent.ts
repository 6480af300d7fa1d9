/**
 * The report as the dashboard and the API show it: KPI cards with their labels, display
 * strings and definitions, from the aggregated figures. Pure.
 */
import { formatHours, formatMoney, formatNumber, formatPercent } from './format'
import { KPI_DEFINITIONS, METRIC_DEFINITIONS, ratio, RETURN_WINDOW_DAYS } from './kpis'
import type { Period } from './period'
import { type ReportFigures, round, toMetrics } from './reportAggregate'
import type { AnalyticsReport, ImageModelRow, Kpi, LikenessRow, RefreshStatus } from './reportTypes'

const kpi = (
  key: string,
  label: string,
  value: number | null,
  unit: Kpi['unit'],
  display: string,
  definition: string,
  details: Record<string, unknown> = {},
): Kpi => ({
  key,
  label,
  value,
  unit,
  display,
  definition,
  details,
})

const diversityDisplay = ({ diversity }: ReportFigures): string =>
  diversity.themesUsed
    ? [
        `${formatNumber(diversity.entropyBits, 2)} bits`,
        diversity.evenness === null ? null : `${formatPercent(diversity.evenness, 0)} even`,
        `like ${formatNumber(diversity.effectiveThemes, 1)} ${diversity.themesUsed === 1 ? 'theme' : 'themes'}`,
      ]
        .filter(Boolean)
        .join(' · ')
    : '—'

const kpisOf = (figures: ReportFigures): AnalyticsReport['kpis'] => {
  const {
    selected,
    totals,
    users,
    uniqueUsers,
    packageRows,
    themeRows,
    diversity,
    efficiency,
    averageHours,
    allRevenueCents,
  } = figures
  const adoption = selected
    ? kpi(
        'adoptionRate',
        'Adoption',
        round(ratio(uniqueUsers, users.activeUsers)),
        'ratio',
        formatPercent(ratio(uniqueUsers, users.activeUsers)),
        KPI_DEFINITIONS.packageAdoption,
        {
          packageUsers: uniqueUsers,
          activeUsers: users.activeUsers,
        },
      )
    : kpi(
        'adoptionRate',
        'Package adoption rate',
        round(ratio(users.nonWeddingUsers, users.activeUsers)),
        'ratio',
        formatPercent(ratio(users.nonWeddingUsers, users.activeUsers)),
        KPI_DEFINITIONS.adoptionRate,
        {
          nonWeddingUsers: users.nonWeddingUsers,
          activeUsers: users.activeUsers,
        },
      )
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
  const revenueRows = packageRows.map((row) => ({
    packageId: row.packageId,
    name: row.name,
    revenueCents: row.revenueCents,
    share: round(ratio(row.revenueCents, totals.revenueCents)),
  }))
  const perPackage = packageRows.length ? Math.round(totals.revenueCents / packageRows.length) : null
  const revenuePerPackage = selected
    ? kpi(
        'revenuePerPackage',
        'Revenue',
        totals.revenueCents,
        'cents',
        `${formatMoney(totals.revenueCents)} · ${formatPercent(ratio(totals.revenueCents, allRevenueCents))} of all`,
        KPI_DEFINITIONS.packageRevenue,
        {
          revenueCents: totals.revenueCents,
          allRevenueCents,
          share: round(ratio(totals.revenueCents, allRevenueCents)),
        },
      )
    : kpi(
        'revenuePerPackage',
        'Revenue per package',
        perPackage,
        'cents',
        perPackage === null ? '—' : formatMoney(perPackage),
        KPI_DEFINITIONS.revenuePerPackage,
        {
          totalRevenueCents: totals.revenueCents,
          packages: packageRows.length,
          byPackage: revenueRows,
        },
      )
  const measured = efficiency.filter((row) => row.hours !== null).length
  return {
    adoptionRate: adoption,
    themeDiversity: kpi(
      'themeDiversity',
      'Theme diversity',
      round(diversity.entropyBits),
      'bits',
      diversityDisplay(figures),
      KPI_DEFINITIONS.themeDiversity,
      {
        entropyBits: round(diversity.entropyBits),
        evenness: round(diversity.evenness),
        effectiveThemes: round(diversity.effectiveThemes, 2),
        themesUsed: diversity.themesUsed,
        distribution: [...themeRows]
          .sort((a, b) => b.generations - a.generations)
          .map((theme) => ({
            themeId: theme.themeId,
            name: theme.name,
            generations: theme.generations,
            share: theme.share,
          })),
      },
    ),
    revenuePerPackage,
    userRetention: retention,
    adminEfficiency: kpi(
      'adminEfficiency',
      'Admin efficiency',
      round(averageHours, 2),
      'hours',
      selected
        ? formatHours(efficiency[0]?.hours ?? null)
        : `${formatHours(averageHours)} to first generation`,
      selected ? KPI_DEFINITIONS.packageAdminEfficiency : KPI_DEFINITIONS.adminEfficiency,
      { packages: efficiency, waiting: efficiency.length - measured },
    ),
  }
}

/** The API's and dashboard's report from the aggregated figures. */
export const presentReport = (
  figures: ReportFigures,
  {
    period,
    now,
    refresh,
    imageModels = [],
    likeness = [],
  }: {
    period: Period
    now: Date
    refresh: RefreshStatus
    imageModels?: ImageModelRow[]
    likeness?: LikenessRow[]
  },
): Omit<AnalyticsReport, 'studioIds' | 'studios'> => {
  const { selected } = figures
  return {
    period,
    package: selected ? { id: selected.id, name: selected.name ?? '', slug: selected.slug ?? null } : null,
    generatedAt: now.toISOString(),
    dataAsOf: refresh.lastSucceededAt,
    refresh,
    totals: toMetrics(figures.totals, figures.uniqueUsers),
    packages: figures.packageRows,
    topThemesByUsage: figures.topThemesByUsage,
    topThemesByRating: figures.topThemesByRating,
    imageModels,
    likeness,
    daily: figures.daily,
    kpis: kpisOf(figures),
    definitions: METRIC_DEFINITIONS,
  }
}
