/**
 * The report's queries: the period's rollup rows, the customer figures the last run stored (or,
 * for a custom range, counted from the activity rollup), the image model days, package and
 * theme names and the rollup runs. Never the raw analytics rows, shoots or portraits.
 */
import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { cachedUserFigures } from './liveUserFigures'
import type { Period } from './period'
import type { PackageInfo, ReportInputs } from './reportAggregate'
import type { ImageModelRow, RefreshStatus, RollupRowSums, RollupRunSummary, Sums } from './reportTypes'
import { adapterOf, isoOrNull, num, queryRows } from './sql'
import { andInStudios, type StudioIds, studioWhere } from './studioFilter'
import { type StoredUserFigures, userFiguresFromStored } from './userFigures'

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
  ['platformFeeCents', 'platform_fee_cents'],
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
 * The last successful rollup and the newest run: is the data fresh, and if not, why; and the
 * customer figures the last successful run stored for the standard timeframes.
 */
export const loadRefreshStatus = async (
  payload: Payload,
): Promise<RefreshStatus & { version: string | null; userFigures: StoredUserFigures | null }> => {
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
      select: { ...select, userFigures: true },
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
  const userFigures = (lastSuccess.docs[0]?.userFigures as StoredUserFigures | null | undefined) ?? null
  return { lastSucceededAt, lastRun, lastError, version, userFigures }
}

/**
 * Everything the report is computed from, for a period, optionally one package, and every
 * studio (studioIds null) or only some: then the packages are theirs, the rollup rows and
 * customers those of their shoots and sales (deleted packages' too), counted live.
 */
export const loadReportInputs = async (
  payload: Payload,
  {
    period,
    packageId,
    studioIds = null,
    version,
    userFigures,
  }: {
    period: Period
    packageId: number | null
    studioIds?: StudioIds
    version: string | null
    userFigures: StoredUserFigures | null
  },
): Promise<ReportInputs> => {
  const { analytics_rollups: ar, package_themes: themes } = adapterOf(payload).tables
  const inPeriod = sql`${ar.day} >= ${period.from} and ${ar.day} <= ${period.to}${andInStudios(ar.studio, studioIds)}`
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
      where: studioWhere(studioIds),
    }),
    queryRows(
      payload,
      sql`select ${ar.day} as day, ${ar.package} as package_id, ${ar.theme} as theme_id, ${sums} from ${ar} where ${inPeriod}${onlyPackage}`,
    ),
    queryRows(
      payload,
      sql`select ${ar.package} as package_id, min(${ar.firstGenerationAt}) as first_at from ${ar} where ${ar.package} is not null group by ${ar.package}`,
    ),
    (studioIds === null ? userFiguresFromStored(userFigures, period, packageId) : null) ??
      cachedUserFigures(payload, version, period, packageId, studioIds),
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
 * bought and what the provider charged for it, by the price each portrait recorded), most used
 * first. Read from the image model days the rollup sums from the portraits (`model`,
 * `imageSize`; the offline renderer's previews count as model "offline-preview"); only the
 * selected package's when one is selected, only the studios' when studioIds is a list.
 */
export const loadImageModels = async (
  payload: Payload,
  period: Period,
  packageId: number | null,
  studioIds: StudioIds = null,
): Promise<ImageModelRow[]> => {
  const { analytics_model_days: md } = adapterOf(payload).tables
  const onlyPackage = sql`${packageId === null ? sql`` : sql` and ${md.package} = ${packageId}`}${andInStudios(md.studio, studioIds)}`
  const rows = await queryRows(
    payload,
    sql`select ${md.model} as model, ${md.imageSize} as image_size, ${md.isPreview} as is_preview,
        ${md.priceSource} as price_source, sum(${md.portraits}) as portraits, sum(${md.priced}) as priced,
        sum(${md.costUsd}) as cost_usd
      from ${md} where ${md.day} >= ${period.from} and ${md.day} <= ${period.to}${onlyPackage}
      group by ${md.model}, ${md.imageSize}, ${md.isPreview}, ${md.priceSource} order by portraits desc`,
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
