/**
 * The report's queries: the period's rollup rows, unique-customer counts from the activity
 * rollup, package and theme names and the rollup runs. Never the raw analytics rows.
 */
import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { addDays, dayNumberOf } from './days'
import { RETURN_WINDOW_DAYS } from './kpis'
import type { Period } from './period'
import type { PackageInfo, ReportInputs, UserFigures } from './reportAggregate'
import type { ImageModelRow, RefreshStatus, RollupRowSums, RollupRunSummary, Sums } from './reportTypes'
import { adapterOf, isoOrNull, num, queryRows } from './sql'

/** Each summed figure and its analytics_rollups column. */
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

const toRollupRow = (row: Record<string, unknown>): RollupRowSums => {
  const out = {
    day: String(row.day),
    packageId: row.package_id == null ? null : num(row.package_id),
    themeId: row.theme_id == null ? null : num(row.theme_id),
  }
  for (const [key, column] of SUM_COLUMNS) (out as Record<string, unknown>)[key] = num(row[column])
  return out as RollupRowSums
}

/** Unique-user figures from the per-day activity rollup: four aggregate queries over the period's rows. */
export const loadUserFigures = async (
  payload: Payload,
  period: Period,
  packageId: number | null,
): Promise<UserFigures> => {
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
    usersByPackage: new Map(
      perPackage.filter((row) => row.package_id !== null).map((row) => [num(row.package_id), num(row.users)]),
    ),
    multiPackageUsers: num(multi[0]?.users),
    returningUsers: num(returning[0]?.users),
  }
}

const runSummary = (doc: Record<string, unknown> | undefined): RollupRunSummary | null =>
  doc
    ? {
        id: num(doc.id),
        status: doc.status as RollupRunSummary['status'],
        trigger: doc.trigger as RollupRunSummary['trigger'],
        mode: doc.mode as RollupRunSummary['mode'],
        startedAt: String(doc.startedAt),
        finishedAt: (doc.finishedAt as string | null | undefined) ?? null,
        error: (doc.error as string | null | undefined) ?? null,
      }
    : null

/**
 * Unique-user figures only change when a rollup run rewrites the activity rows, so they are
 * kept per process for each (last successful run, period, package): the first dashboard load
 * after a refresh counts the period's activity rows, later loads of the same view reuse the
 * counts. A few dozen small entries, oldest dropped first.
 */
const USER_FIGURES_CACHE_SIZE = 64
const userFiguresCache = new Map<string, Promise<UserFigures>>()

export const cachedUserFigures = (
  payload: Payload,
  version: string | null,
  period: Period,
  packageId: number | null,
): Promise<UserFigures> => {
  if (version === null) return loadUserFigures(payload, period, packageId)
  const key = `${version}|${period.from}|${period.to}|${packageId ?? '*'}`
  const cached = userFiguresCache.get(key)
  if (cached) return cached
  const loading = loadUserFigures(payload, period, packageId)
  userFiguresCache.set(key, loading)
  loading.catch(() => userFiguresCache.delete(key))
  while (userFiguresCache.size > USER_FIGURES_CACHE_SIZE)
    userFiguresCache.delete(userFiguresCache.keys().next().value as string)
  return loading
}

/** The last successful rollup and the newest run: is the data fresh, and if not, why. */
export const loadRefreshStatus = async (
  payload: Payload,
): Promise<RefreshStatus & { version: string | null }> => {
  const select = {
    status: true,
    trigger: true,
    mode: true,
    startedAt: true,
    finishedAt: true,
    error: true,
  } as const
  const [lastSuccess, newest] = await Promise.all([
    payload.find({
      collection: 'analytics-rollup-runs',
      where: { status: { equals: 'succeeded' } },
      sort: '-finishedAt',
      limit: 1,
      depth: 0,
      overrideAccess: true,
      select,
    }),
    payload.find({
      collection: 'analytics-rollup-runs',
      sort: '-startedAt',
      limit: 1,
      depth: 0,
      overrideAccess: true,
      select,
    }),
  ])
  const lastSucceededAt = (lastSuccess.docs[0]?.finishedAt as string | undefined) ?? null
  const lastRun = runSummary(newest.docs[0] as Record<string, unknown> | undefined)
  const lastError =
    lastRun?.status === 'failed'
      ? {
          at: lastRun.finishedAt ?? lastRun.startedAt,
          message: lastRun.error ?? 'Unknown error (see the server log).',
          trigger: lastRun.trigger,
        }
      : null
  const version = lastSuccess.docs[0] ? `${lastSuccess.docs[0].id}@${lastSucceededAt}` : null
  return { lastSucceededAt, lastRun, lastError, version }
}

/** Everything the report is computed from, for a period and optionally one package. */
export const loadReportInputs = async (
  payload: Payload,
  { period, packageId, version }: { period: Period; packageId: number | null; version: string | null },
): Promise<ReportInputs> => {
  const { analytics_rollups: ar, package_themes: themes } = adapterOf(payload).tables
  const inPeriod = sql`${ar.day} >= ${period.from} and ${ar.day} <= ${period.to}`
  const onlyPackage = packageId === null ? sql`` : sql` and ${ar.package} = ${packageId}`
  const sums = sql.join(
    SUM_COLUMNS.map(([key]) => sql`${ar[key]}`),
    sql`, `,
  )
  const [packages, rollups, firsts, users, themeRows, allRevenue] = await Promise.all([
    payload.find({
      collection: 'photo-packages',
      pagination: false,
      depth: 0,
      overrideAccess: true,
      sort: 'sortOrder',
      select: { name: true, slug: true, category: true, isActive: true, createdAt: true },
    }),
    queryRows(
      payload,
      sql`select ${ar.day} as day, ${ar.package} as package_id, ${ar.theme} as theme_id, ${sums} from ${ar} where ${inPeriod}${onlyPackage}`,
    ),
    queryRows(
      payload,
      sql`select ${ar.package} as package_id, min(${ar.firstGenerationAt}) as first_at from ${ar} where ${ar.package} is not null group by ${ar.package}`,
    ),
    cachedUserFigures(payload, version, period, packageId),
    queryRows(payload, sql`select ${themes.id} as id, ${themes.name} as name from ${themes}`),
    packageId === null
      ? Promise.resolve(null)
      : queryRows(payload, sql`select sum(${ar.revenueCents}) as revenue from ${ar} where ${inPeriod}`),
  ])
  return {
    packages: packages.docs as unknown as PackageInfo[],
    rollups: rollups.map(toRollupRow),
    themeNames: new Map(themeRows.map((row) => [num(row.id), String(row.name ?? `Theme ${num(row.id)}`)])),
    firstGenerationAt: new Map(firsts.map((row) => [num(row.package_id), isoOrNull(row.first_at)])),
    users,
    allRevenueCents: allRevenue === null ? null : num(allRevenue[0]?.revenue),
  }
}

/**
 * Portraits made in the period per image model, output size and price source (what `quality`
 * bought and what the provider charged for it, by the price each portrait recorded), most used first. Read from the portraits themselves (`generation_results.model`, `image_size`; the
 * offline renderer's previews count as model "offline-preview"), bounded by the period through
 * the `created_at` index; only the selected package's when one is selected.
 */
export const loadImageModels = async (
  payload: Payload,
  period: Period,
  packageId: number | null,
): Promise<ImageModelRow[]> => {
  const { generation_results: results, generations } = adapterOf(payload).tables
  const from = `${period.from}T00:00:00.000Z`
  const until = `${addDays(period.to, 1)}T00:00:00.000Z`
  const onlyPackage =
    packageId === null
      ? sql``
      : sql` and ${results.generation} in (select ${generations.id} from ${generations} where ${generations.package} = ${packageId})`
  const rows = await queryRows(
    payload,
    sql`select ${results.model} as model, ${results.imageSize} as image_size, ${results.isPreview} as is_preview,
        ${results.priceSource} as price_source, count(*) as portraits, count(${results.costUsd}) as priced,
        sum(coalesce(${results.costUsd}, 0)) as cost_usd
      from ${results} where ${results.createdAt} >= ${from} and ${results.createdAt} < ${until}${onlyPackage}
      group by ${results.model}, ${results.imageSize}, ${results.isPreview}, ${results.priceSource} order by portraits desc`,
  )
  return rows.map((row) => {
    const costUsd = Math.round(num(row.cost_usd) * 10_000) / 10_000
    const priced = num(row.priced)
    return {
      model: row.model ? String(row.model) : row.is_preview ? 'offline-preview' : 'unrecorded',
      imageSize: row.image_size ? String(row.image_size) : null,
      portraits: num(row.portraits),
      costUsd,
      usdPerImage: priced > 0 && row.price_source ? Math.round((costUsd / priced) * 10_000) / 10_000 : null,
      priceSource: row.price_source ? String(row.price_source) : null,
    }
  })
}
