import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { eq, sql } from '@payloadcms/db-postgres/drizzle'

import { conflict } from '@/lib/errors'
import { transactionDb } from '@/lib/drizzle'
import { inTransaction } from '@/lib/transactions'

import { addDays, consecutiveRuns, dayOf } from './days'
import { popularityScore } from './kpis'
import { type DayRange, deleteSummaries, writeSummaries } from './rollupSql'
import { adapterOf, dayOfColumn, isPostgresPayload, num, queryRows } from './sql'
import { computeStoredUserFigures } from './userFigures'

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

/** A run still "running" after this long is taken for dead and no longer blocks a new one. */
export const STALE_RUN_MS = 10 * 60 * 1000
/**
 * The watermark reaches back this far before the last run started: a generation whose
 * transaction was still open then (its updatedAt earlier, its commit later) is not missed.
 */
const WATERMARK_OVERLAP_MS = 5 * 60 * 1000
const POPULARITY_WINDOW_DAYS = 30

/** The UTC days whose analytics rows, purchases or portraits changed since the watermark. */
const touchedDays = async (payload: Payload, since: string): Promise<string[]> => {
  const { package_analytics: pa, purchases: pu, generation_results: results } = adapterOf(payload).tables
  const [generations, sales, portraits] = await Promise.all([
    queryRows(
      payload,
      sql`select distinct ${dayOfColumn(payload, sql`${pa.createdAt}`)} as day from ${pa} where ${pa.updatedAt} > ${since}`,
    ),
    queryRows(
      payload,
      sql`select distinct ${dayOfColumn(payload, sql`${pu.paidAt}`)} as day
        from ${pu} where ${pu.updatedAt} > ${since} and ${pu.paidAt} is not null`,
    ),
    queryRows(
      payload,
      sql`select distinct ${dayOfColumn(payload, sql`${results.createdAt}`)} as day from ${results} where ${results.updatedAt} > ${since}`,
    ),
  ])
  const days = new Set<string>()
  for (const row of generations) days.add(String(row.day))
  for (const row of sales) days.add(String(row.day))
  for (const row of portraits) days.add(String(row.day))
  return [...days].sort()
}

/**
 * The reason a run failed, for the run record and the dashboard: the database's own message
 * (drizzle wraps it in "Failed query: <the whole SQL>", which says nothing), then its detail.
 */
export const describeFailure = (error: unknown): string => {
  const parts: string[] = []
  for (
    let current: unknown = error, depth = 0;
    current && depth < 5;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const message = current instanceof Error ? current.message : String(current)
    if (!message.startsWith('Failed query:')) parts.push(message)
    const detail = (current as { detail?: unknown }).detail
    if (typeof detail === 'string' && detail) parts.push(detail)
  }
  const text = parts.length ? parts.join(' — ') : String(error)
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text
}

/**
 * popularityScore of every theme from the last 30 days of rollups: uses × (average rating,
 * 3 when unrated) ÷ 5. Only changed scores are written (straight to the column: the score is
 * derived data and must not run the theme's editing hooks).
 */
const rescoreThemes = async (payload: Payload, req: PayloadRequest, now: Date): Promise<number> => {
  const { analytics_rollups: ar, package_themes: themesTable } = adapterOf(payload).tables
  const from = addDays(dayOf(now), -(POPULARITY_WINDOW_DAYS - 1))
  const usage = await queryRows(
    payload,
    sql`select ${ar.theme} as theme_id, sum(${ar.generations}) as generations, sum(${ar.ratingTotal}) as rating_total, sum(${ar.ratingCount}) as rating_count
    from ${ar} where ${ar.theme} is not null and ${ar.day} >= ${from} and ${ar.day} <= ${dayOf(now)} group by ${ar.theme}`,
    req,
  )
  const byTheme = new Map(usage.map((row) => [num(row.theme_id), row]))
  const themes = await queryRows(
    payload,
    sql`select ${themesTable.id} as id, ${themesTable.popularityScore} as score from ${themesTable}`,
    req,
  )
  const db = await transactionDb(req)
  let changed = 0
  for (const theme of themes) {
    const row = byTheme.get(num(theme.id))
    const score = row
      ? popularityScore(num(row.generations), num(row.rating_total), num(row.rating_count))
      : 0
    if (num(theme.score) === score && theme.score !== null) continue
    await db
      .update(themesTable)
      .set({ popularityScore: score })
      .where(eq(themesTable.id, num(theme.id)))
    changed++
  }
  return changed
}

/**
 * Recomputes the analytics rollups. Idempotent: every touched day is recomputed whole from
 * the raw rows (delete, then INSERT ... SELECT ... GROUP BY), so running it twice changes
 * nothing. Incremental runs touch the days of analytics rows, purchases and portraits changed
 * since the last successful run started (a rating, a refund); the first run, and mode "full",
 * do every day. Then the theme scores and the standard timeframes' customer figures (ending on
 * `now`'s day, stored on the run) are recomputed, and the run is marked succeeded: all in one
 * transaction, so the dashboard reads the previous run's rows until this one commits.
 */
export const refreshAnalyticsRollups = async (
  payload: Payload,
  options: RollupOptions = {},
): Promise<RollupResult> => {
  const now = options.now ?? new Date()
  const startedAt = new Date()
  const clock = performance.now()
  const running = await payload.find({
    collection: 'analytics-rollup-runs',
    where: {
      status: { equals: 'running' },
      startedAt: { greater_than: new Date(startedAt.getTime() - STALE_RUN_MS).toISOString() },
    },
    limit: 1,
    depth: 0,
  })
  if (running.totalDocs > 0)
    throw conflict('The analytics figures are being refreshed right now. Try again in a minute.')
  const [lastSuccess] = (
    await payload.find({
      collection: 'analytics-rollup-runs',
      where: { status: { equals: 'succeeded' } },
      sort: '-startedAt',
      limit: 1,
      depth: 0,
    })
  ).docs
  // A run from before the stored timeframe figures and detail days is no watermark: rebuild once.
  const mode: RollupMode =
    options.mode === 'full' || !lastSuccess || !lastSuccess.userFigures ? 'full' : 'incremental'
  const run = await payload.create({
    collection: 'analytics-rollup-runs',
    data: {
      startedAt: startedAt.toISOString(),
      trigger: options.trigger ?? 'manual',
      mode,
      status: 'running',
      ranBy: options.ranBy ?? null,
    },
    depth: 0,
  })
  try {
    const days =
      mode === 'full'
        ? null
        : await touchedDays(
            payload,
            new Date(Date.parse(lastSuccess.startedAt) - WATERMARK_OVERLAP_MS).toISOString(),
          )
    const ranges: DayRange[] = days === null ? [null] : consecutiveRuns(days)
    const computedAt = new Date().toISOString()
    const req = await createLocalReq({}, payload)
    // One transaction: the days' rows, the theme scores, the timeframe figures and the run's
    // success commit together. Readers (MVCC) see the previous complete run until then, never half.
    const result = await inTransaction(req, async (req) => {
      const db = await transactionDb(req)
      const postgres = isPostgresPayload(payload)
      // The sorts and hashes of 1M rows stay in memory: the activity days' sort (87 MB in memory,
      // 33 MB on disk), the figures' window sorts (about 100 MB each). 64 MB still spilled them.
      // Local to this transaction: the pool's other connections keep the server's setting.
      if (postgres) await db.execute(sql`set local work_mem = '256MB'`)
      let rowsWritten = 0
      for (const range of ranges) {
        await deleteSummaries(payload, req, range)
        rowsWritten += await writeSummaries(payload, req, range, computedAt)
      }
      const tables = adapterOf(payload).tables
      // A rebuild replaces every row: fresh planner statistics for the figures below and the dashboard.
      if (days === null && postgres)
        await db.execute(
          sql`analyze ${tables.analytics_rollups}, ${tables.analytics_user_days}, ${tables.analytics_likeness_days}, ${tables.analytics_model_days}`,
        )
      const userFigures = await computeStoredUserFigures(payload, req, dayOf(now))
      // The day's last hourly run also covers the next day's timeframes, until that day's first run.
      if (now.getUTCHours() === 23)
        userFigures.next = await computeStoredUserFigures(payload, req, addDays(dayOf(now), 1))
      // Last before the commit: a changed score locks its theme row only until then.
      const themesRescored = await rescoreThemes(payload, req, now)
      const recomputed =
        days ??
        (
          await queryRows(
            payload,
            sql`select distinct ${tables.analytics_rollups.day} as day from ${tables.analytics_rollups} order by 1`,
            req,
          )
        ).map((row) => String(row.day))
      const durationMs = Math.round(performance.now() - clock)
      await payload.update({
        collection: 'analytics-rollup-runs',
        id: run.id,
        data: {
          status: 'succeeded',
          finishedAt: new Date().toISOString(),
          daysRecomputed: recomputed.length,
          days:
            recomputed.length > 40
              ? `${recomputed.slice(0, 40).join(', ')} … (${recomputed.length} days)`
              : recomputed.join(', '),
          rowsWritten,
          themesRescored,
          durationMs,
          userFigures: userFigures as unknown as Record<string, unknown>,
        },
        depth: 0,
        req,
      })
      // Older runs' figures are never read again once this run commits: only this run keeps its own.
      const runs = tables.analytics_rollup_runs
      await db
        .update(runs)
        .set({ userFigures: null })
        .where(sql`${runs.id} <> ${run.id} and ${runs.userFigures} is not null`)
      return { runId: run.id, mode, days: recomputed, rowsWritten, themesRescored, durationMs }
    })
    return result
  } catch (error) {
    const message = describeFailure(error)
    // The cause goes to the log (with the stack) and onto the run, which the dashboard shows.
    payload.logger.error(
      { err: error, runId: run.id, mode, trigger: options.trigger ?? 'manual' },
      `Analytics rollup run ${run.id} (${mode}) failed: ${message}`,
    )
    await payload
      .update({
        collection: 'analytics-rollup-runs',
        id: run.id,
        data: {
          status: 'failed',
          finishedAt: new Date().toISOString(),
          durationMs: Math.round(performance.now() - clock),
          error: message,
        },
        depth: 0,
      })
      .catch((updateError: unknown) =>
        payload.logger.error(
          { err: updateError, runId: run.id },
          'Could not record the failed analytics rollup run',
        ),
      )
    throw error
  }
}
