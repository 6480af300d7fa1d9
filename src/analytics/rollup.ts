import { createLocalReq, type Payload } from 'payload'

import { eq, inArray, type SQL, sql } from '@payloadcms/db-postgres/drizzle'

import { conflict } from '@/lib/errors'
import { transactionDb } from '@/lib/drizzle'
import { inTransaction } from '@/lib/transactions'

import { addDays, consecutiveRuns, dayNumberOf, dayOf, startOfDay } from './days'
import { bundleSalesByPackage } from './bundleSales'
import { popularityScore } from './kpis'
import { adapterOf, dayOfColumn, isoOrNull, isPostgresPayload, num, queryRows } from './sql'

export type RollupMode = 'full' | 'incremental'

export interface RollupOptions {
  /** The business clock: "today" for the 30-day theme ranking. Tests move it. */
  now?: Date
  /** incremental (default) recomputes the days whose rows changed since the last run; full recomputes everything. */
  mode?: RollupMode
  trigger?: 'manual' | 'schedule'
  ranBy?: number | null
}

export interface RollupResult {
  runId: number
  mode: RollupMode
  days: string[]
  rowsWritten: number
  themesRescored: number
  durationMs: number
}

/** Purchases whose money came in: revenue is their amount less what was refunded. */
const PAID_STATUSES = ['paid', 'refunded', 'partially_refunded', 'disputed']
/** A run still "running" after this long is taken for dead and no longer blocks a new one. */
const STALE_RUN_MS = 10 * 60 * 1000
/**
 * The watermark reaches back this far before the last run started: a generation whose
 * transaction was still open then (its updatedAt earlier, its commit later) is not missed.
 */
const WATERMARK_OVERLAP_MS = 5 * 60 * 1000
const POPULARITY_WINDOW_DAYS = 30

type Range = [string, string] | null

interface RollupRow {
  key: string
  day: string
  package: number | null
  theme: number | null
  generations: number
  succeeded: number
  partiallySucceeded: number
  failed: number
  blocked: number
  imagesRequested: number
  imagesGenerated: number
  processingTimeMsTotal: number
  processingTimeCount: number
  ratingTotal: number
  ratingCount: number
  shootsUsed: number
  estimatedCostCents: number
  firstGenerationAt: string | null
  purchases: number
  shootsSold: number
  grossRevenueCents: number
  refundedCents: number
  revenueCents: number
}

/** The additive figures of a summary row: what the report sums over days, packages and themes. */
export type RollupSums = Omit<RollupRow, 'key' | 'day' | 'package' | 'theme' | 'partiallySucceeded' | 'firstGenerationAt'>

interface UserDayRow {
  key: string
  day: string
  dayNumber: number
  user: number
  package: number | null
  generations: number
}

const idOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : num(value))

const emptyRow = (day: string, packageId: number | null, themeId: number | null): RollupRow => ({
  key: `${day}|${packageId ?? '-'}|${themeId ?? '-'}`,
  day,
  package: packageId,
  theme: themeId,
  generations: 0,
  succeeded: 0,
  partiallySucceeded: 0,
  failed: 0,
  blocked: 0,
  imagesRequested: 0,
  imagesGenerated: 0,
  processingTimeMsTotal: 0,
  processingTimeCount: 0,
  ratingTotal: 0,
  ratingCount: 0,
  shootsUsed: 0,
  estimatedCostCents: 0,
  firstGenerationAt: null,
  purchases: 0,
  shootsSold: 0,
  grossRevenueCents: 0,
  refundedCents: 0,
  revenueCents: 0,
})

const inRange = (column: SQL | unknown, range: Range): SQL =>
  range ? sql`${column} >= ${startOfDay(range[0])} and ${column} < ${startOfDay(addDays(range[1], 1))}` : sql`1 = 1`

/** The day × package × theme sums of the raw rows in a range of days (all days when null). */
const aggregate = async (payload: Payload, range: Range): Promise<{ rows: RollupRow[]; userDays: UserDayRow[] }> => {
  const { package_analytics: pa, purchases: pu, purchases_lines: purchaseLines } = adapterOf(payload).tables
  const day = dayOfColumn(payload, sql`${pa.createdAt}`)
  const paidDay = dayOfColumn(payload, sql`${pu.paidAt}`)
  const paidWhere = sql`${pu.paidAt} is not null and ${inRange(pu.paidAt, range)}
    and ${pu.status} in (${sql.join(PAID_STATUSES.map((status) => sql`${status}`), sql`, `)})`
  const [generations, users, tierSales, bundleSales] = await Promise.all([
    queryRows(
      payload,
      sql`select ${day} as day, ${pa.package} as package_id, ${pa.theme} as theme_id,
        count(*) as generations,
        sum(case when ${pa.status} = 'succeeded' then 1 else 0 end) as succeeded,
        sum(case when ${pa.status} = 'partially_succeeded' then 1 else 0 end) as partially_succeeded,
        sum(case when ${pa.status} = 'failed' then 1 else 0 end) as failed,
        sum(case when ${pa.status} = 'blocked' then 1 else 0 end) as blocked,
        sum(coalesce(${pa.imagesRequested}, 0)) as images_requested,
        sum(coalesce(${pa.imagesGenerated}, 0)) as images_generated,
        sum(coalesce(${pa.processingTimeMs}, 0)) as processing_total,
        count(${pa.processingTimeMs}) as processing_count,
        sum(coalesce(${pa.rating}, 0)) as rating_total,
        count(${pa.rating}) as rating_count,
        sum(coalesce(${pa.shootsCharged}, 0)) as shoots_used,
        sum(coalesce(${pa.estimatedCostCents}, 0)) as cost_cents,
        min(${pa.createdAt}) as first_at
      from ${pa} where ${inRange(pa.createdAt, range)}
      group by ${day}, ${pa.package}, ${pa.theme}`,
    ),
    queryRows(
      payload,
      sql`select ${day} as day, ${pa.user} as user_id, ${pa.package} as package_id, count(*) as generations
      from ${pa} where ${inRange(pa.createdAt, range)} and ${pa.user} is not null
      group by ${day}, ${pa.user}, ${pa.package}`,
    ),
    queryRows(
      payload,
      sql`select ${paidDay} as day, ${pu.package} as package_id, count(*) as purchases,
        sum(${pu.shoots} - coalesce(${pu.shootsReclaimed}, 0)) as shoots_sold,
        sum(${pu.amountCents}) as gross_cents,
        sum(coalesce(${pu.refundedAmountCents}, 0)) as refunded_cents
      from ${pu} where ${paidWhere}
        and not exists (select 1 from ${purchaseLines} where ${purchaseLines._parentID} = ${pu.id})
      group by ${paidDay}, ${pu.package}`,
    ),
    bundleSalesByPackage(payload, paidWhere),
  ])
  const rows = new Map<string, RollupRow>()
  const rowFor = (dayValue: string, packageId: number | null, themeId: number | null): RollupRow => {
    const row = emptyRow(dayValue, packageId, themeId)
    const existing = rows.get(row.key)
    if (existing) return existing
    rows.set(row.key, row)
    return row
  }
  for (const g of generations) {
    const row = rowFor(String(g.day), idOrNull(g.package_id), idOrNull(g.theme_id))
    row.generations += num(g.generations)
    row.succeeded += num(g.succeeded)
    row.partiallySucceeded += num(g.partially_succeeded)
    row.failed += num(g.failed)
    row.blocked += num(g.blocked)
    row.imagesRequested += num(g.images_requested)
    row.imagesGenerated += num(g.images_generated)
    row.processingTimeMsTotal += num(g.processing_total)
    row.processingTimeCount += num(g.processing_count)
    row.ratingTotal += num(g.rating_total)
    row.ratingCount += num(g.rating_count)
    row.shootsUsed += num(g.shoots_used)
    row.estimatedCostCents += num(g.cost_cents)
    const first = isoOrNull(g.first_at)
    if (first && (!row.firstGenerationAt || first < row.firstGenerationAt)) row.firstGenerationAt = first
  }
  for (const s of [...tierSales, ...bundleSales]) {
    const row = rowFor(String(s.day), idOrNull(s.package_id), null)
    row.purchases += num(s.purchases)
    row.shootsSold += num(s.shoots_sold)
    row.grossRevenueCents += num(s.gross_cents)
    row.refundedCents += num(s.refunded_cents)
    row.revenueCents += num(s.gross_cents) - num(s.refunded_cents)
  }
  const userDays = users.map((u) => {
    const packageId = idOrNull(u.package_id)
    return {
      key: `${u.day}|${num(u.user_id)}|${packageId ?? '-'}`,
      day: String(u.day),
      dayNumber: dayNumberOf(String(u.day)),
      user: num(u.user_id),
      package: packageId,
      generations: num(u.generations),
    }
  })
  return { rows: [...rows.values()], userDays }
}

/** The UTC days whose analytics rows or purchases changed since the watermark. */
const touchedDays = async (payload: Payload, since: string): Promise<string[]> => {
  const { package_analytics: pa, purchases: pu } = adapterOf(payload).tables
  const [generations, sales] = await Promise.all([
    queryRows(payload, sql`select distinct ${dayOfColumn(payload, sql`${pa.createdAt}`)} as day from ${pa} where ${pa.updatedAt} > ${since}`),
    queryRows(
      payload,
      sql`select distinct ${dayOfColumn(payload, sql`${pu.paidAt}`)} as day from ${pu} where ${pu.updatedAt} > ${since} and ${pu.paidAt} is not null`,
    ),
  ])
  return [...new Set([...generations, ...sales].map((row) => String(row.day)))].sort()
}

const insertChunked = async (db: any, table: unknown, values: object[], size: number): Promise<void> => {
  for (let index = 0; index < values.length; index += size) {
    await db.insert(table).values(values.slice(index, index + size))
  }
}

/**
 * popularityScore of every theme from the last 30 days of rollups: uses × (average rating,
 * 3 when unrated) ÷ 5. Only changed scores are written (straight to the column: the score is
 * derived data and must not run the theme's editing hooks).
 */
const rescoreThemes = async (payload: Payload, now: Date): Promise<number> => {
  const { analytics_rollups: ar, package_themes: themesTable } = adapterOf(payload).tables
  const from = addDays(dayOf(now), -(POPULARITY_WINDOW_DAYS - 1))
  const usage = await queryRows(
    payload,
    sql`select ${ar.theme} as theme_id, sum(${ar.generations}) as generations, sum(${ar.ratingTotal}) as rating_total, sum(${ar.ratingCount}) as rating_count
    from ${ar} where ${ar.theme} is not null and ${ar.day} >= ${from} and ${ar.day} <= ${dayOf(now)} group by ${ar.theme}`,
  )
  const byTheme = new Map(usage.map((row) => [num(row.theme_id), row]))
  const themes = await queryRows(payload, sql`select ${themesTable.id} as id, ${themesTable.popularityScore} as score from ${themesTable}`)
  let changed = 0
  for (const theme of themes) {
    const row = byTheme.get(num(theme.id))
    const score = row ? popularityScore(num(row.generations), num(row.rating_total), num(row.rating_count)) : 0
    if (num(theme.score) === score && theme.score !== null) continue
    await adapterOf(payload).drizzle.update(themesTable).set({ popularityScore: score }).where(eq(themesTable.id, num(theme.id)))
    changed++
  }
  return changed
}

/**
 * Recomputes the analytics rollups. Idempotent: every touched day is recomputed whole from
 * the raw rows (delete, then insert, in one transaction), so running it twice changes nothing.
 * Incremental runs touch the days of analytics rows and purchases changed since the last
 * successful run started (a rating, a refund); the first run, and mode "full", do every day.
 */
export const refreshAnalyticsRollups = async (payload: Payload, options: RollupOptions = {}): Promise<RollupResult> => {
  const now = options.now ?? new Date()
  const startedAt = new Date()
  const clock = performance.now()
  const running = await payload.find({
    collection: 'analytics-rollup-runs',
    where: { status: { equals: 'running' }, startedAt: { greater_than: new Date(startedAt.getTime() - STALE_RUN_MS).toISOString() } },
    limit: 1,
    depth: 0,
  })
  if (running.totalDocs > 0) throw conflict('The analytics figures are being refreshed right now. Try again in a minute.')
  const [lastSuccess] = (
    await payload.find({
      collection: 'analytics-rollup-runs',
      where: { status: { equals: 'succeeded' } },
      sort: '-startedAt',
      limit: 1,
      depth: 0,
    })
  ).docs
  const mode: RollupMode = options.mode === 'full' || !lastSuccess ? 'full' : 'incremental'
  const run = await payload.create({
    collection: 'analytics-rollup-runs',
    data: { startedAt: startedAt.toISOString(), trigger: options.trigger ?? 'manual', mode, status: 'running', ranBy: options.ranBy ?? null },
    depth: 0,
  })
  try {
    const days = mode === 'full' ? null : await touchedDays(payload, new Date(Date.parse(lastSuccess.startedAt) - WATERMARK_OVERLAP_MS).toISOString())
    const ranges: Range[] = days === null ? [null] : consecutiveRuns(days)
    const rows: RollupRow[] = []
    const userDays: UserDayRow[] = []
    for (const range of ranges) {
      const result = await aggregate(payload, range)
      rows.push(...result.rows)
      userDays.push(...result.userDays)
    }
    const computedAt = new Date().toISOString()
    const { analytics_rollups: rollupTable, analytics_user_days: userDayTable } = adapterOf(payload).tables
    const req = await createLocalReq({}, payload)
    await inTransaction(req, async (req) => {
      const db = await transactionDb(req)
      if (days === null) {
        await db.delete(rollupTable)
        await db.delete(userDayTable)
      } else if (days.length > 0) {
        await db.delete(rollupTable).where(inArray(rollupTable.day, days))
        await db.delete(userDayTable).where(inArray(userDayTable.day, days))
      }
      const stamp = { computedAt, createdAt: computedAt, updatedAt: computedAt }
      await insertChunked(db, rollupTable, rows.map((row) => ({ ...row, ...stamp })), 400)
      await insertChunked(db, userDayTable, userDays.map((row) => ({ ...row, createdAt: computedAt, updatedAt: computedAt })), 1000)
    })
    // A rebuild replaces every row: fresh planner statistics keep the dashboard's plans right.
    if (days === null && isPostgresPayload(payload)) await adapterOf(payload).drizzle.execute(sql`analyze ${rollupTable}, ${userDayTable}`)
    const themesRescored = await rescoreThemes(payload, now)
    const recomputed = days ?? [...new Set(rows.map((row) => row.day))].sort()
    const durationMs = Math.round(performance.now() - clock)
    await payload.update({
      collection: 'analytics-rollup-runs',
      id: run.id,
      data: {
        status: 'succeeded',
        finishedAt: new Date().toISOString(),
        daysRecomputed: recomputed.length,
        days: recomputed.length > 40 ? `${recomputed.slice(0, 40).join(', ')} … (${recomputed.length} days)` : recomputed.join(', '),
        rowsWritten: rows.length + userDays.length,
        themesRescored,
        durationMs,
      },
      depth: 0,
    })
    return { runId: run.id, mode, days: recomputed, rowsWritten: rows.length + userDays.length, themesRescored, durationMs }
  } catch (error) {
    await payload.update({
      collection: 'analytics-rollup-runs',
      id: run.id,
      data: { status: 'failed', finishedAt: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) },
      depth: 0,
    })
    throw error
  }
}
