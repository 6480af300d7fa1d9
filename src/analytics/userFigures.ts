/**
 * The standard timeframes' customer figures, computed by the rollup at the end of each run and
 * stored on the run, so the dashboard's 7/30/90-day views count nobody when they load.
 */
import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { addDays, dayNumberOf } from './days'
import { RETURN_WINDOW_DAYS } from './kpis'
import { type Period, TIMEFRAMES, type Timeframe } from './period'
import type { UserFigures } from './reportAggregate'
import { adapterOf, num, queryRows } from './sql'

/** One package's customers in a timeframe. */
export interface StoredPackageUsers {
  users: number
  multiPackageUsers: number
  returningUsers: number
}

/** One timeframe's figures: every customer, and per package (packages with customers only). */
export interface StoredFrame {
  /** First day (UTC, YYYY-MM-DD); the last is StoredUserFigures.to. */
  from: string
  activeUsers: number
  nonWeddingUsers: number
  multiPackageUsers: number
  returningUsers: number
  /** By package id. */
  packages: Record<string, StoredPackageUsers>
}

/** What a run stores (analytics-rollup-runs.userFigures). */
export interface StoredUserFigures {
  /** The last day of every timeframe: the run's UTC day. */
  to: string
  frames: Record<Timeframe, StoredFrame>
  /**
   * The same for the timeframes ending the next day, from a run in the last hour of its UTC day:
   * the dashboard's first loads after midnight read these until the new day's first run.
   */
  next?: StoredUserFigures
}

const frameDays = (timeframe: Timeframe): number => Number.parseInt(timeframe, 10)

/**
 * Counts, from the activity rollup, the customers of the 7, 30 and 90 days ending on `today`
 * with the same definitions as the report's live counts (loadUserFigures), in one statement:
 * each customer's last active day and last return (a day within RETURN_WINDOW_DAYS of the one
 * before), overall and per package, over the 90 days and the return window before them. As
 * the timeframes end on the same day, "active in a timeframe" is "last active day on or after
 * its first day". Runs in the rollup's transaction (req), so it sees the rows the run wrote.
 */
export const computeStoredUserFigures = async (
  payload: Payload,
  req: PayloadRequest,
  today: string,
): Promise<StoredUserFigures> => {
  const { analytics_user_days: ud, photo_packages: pp } = adapterOf(payload).tables
  const to = dayNumberOf(today)
  const longest = TIMEFRAMES.reduce((most, frame) => (frameDays(frame) > most ? frameDays(frame) : most), 0)
  const windowStart = to - (longest - 1) - RETURN_WINDOW_DAYS
  const frames = sql.join(
    TIMEFRAMES.map(
      (timeframe) =>
        sql`select cast(${timeframe} as text) as timeframe, cast(${to - (frameDays(timeframe) - 1)} as integer) as from_day`,
    ),
    sql` union all `,
  )
  const inWindow = sql`${ud.dayNumber} >= ${windowStart} and ${ud.dayNumber} <= ${to} and ${ud.userId} is not null`
  // The stored ids and day numbers are numeric (Payload's number fields): as integers the window
  // functions' sorts of about a million rows compare machine words instead of numeric digits.
  const whole = (column: unknown) => sql`cast(${column} as bigint)`
  const returned = sql`case when day_number - previous_day <= ${RETURN_WINDOW_DAYS} then day_number end`
  const rows = await queryRows(
    payload,
    sql`with frames as (${frames}),
    package_days as (
      select user_id, package_id, day_number,
        lag(day_number) over (partition by user_id, package_id order by day_number) as previous_day
      from (select ${whole(ud.userId)} as user_id, ${whole(ud.packageId)} as package_id, ${whole(ud.dayNumber)} as day_number
        from ${ud} where ${inWindow}) package_rows),
    user_packages as (
      select user_id, package_id, max(day_number) as last_day, max(${returned}) as last_return
      from package_days group by user_id, package_id),
    active_days as (
      select user_id, day_number, lag(day_number) over (partition by user_id order by day_number) as previous_day
      from (select distinct ${whole(ud.userId)} as user_id, ${whole(ud.dayNumber)} as day_number from ${ud} where ${inWindow}) distinct_days),
    user_returns as (select user_id, max(${returned}) as last_return from active_days group by user_id),
    frame_users as (
      select f.timeframe, f.from_day, up.user_id, count(up.package_id) as packages,
        max(case when ${pp.category} <> ${'wedding'} then 1 else 0 end) as non_wedding
      from frames f join user_packages up on up.last_day >= f.from_day left join ${pp} on ${pp.id} = up.package_id
      group by f.timeframe, f.from_day, up.user_id),
    frame_totals as (
      select fu.timeframe, count(*) as active, sum(fu.non_wedding) as non_wedding,
        sum(case when fu.packages > 1 then 1 else 0 end) as multi,
        sum(case when ur.last_return >= fu.from_day then 1 else 0 end) as returned
      from frame_users fu join user_returns ur on ur.user_id = fu.user_id group by fu.timeframe)
    select f.timeframe, null as package_id, t.active, t.non_wedding, t.multi, t.returned
    from frames f left join frame_totals t on t.timeframe = f.timeframe
    union all
    select f.timeframe, up.package_id, count(*), 0, sum(case when fu.packages > 1 then 1 else 0 end),
      sum(case when up.last_return >= f.from_day then 1 else 0 end)
    from frames f join user_packages up on up.last_day >= f.from_day
      join frame_users fu on fu.timeframe = f.timeframe and fu.user_id = up.user_id
    where up.package_id is not null group by f.timeframe, up.package_id`,
    req,
  )
  const frameOf = (timeframe: Timeframe): StoredFrame => ({
    from: addDays(today, -(frameDays(timeframe) - 1)),
    activeUsers: 0,
    nonWeddingUsers: 0,
    multiPackageUsers: 0,
    returningUsers: 0,
    packages: {},
  })
  const stored: StoredUserFigures = {
    to: today,
    frames: { '7d': frameOf('7d'), '30d': frameOf('30d'), '90d': frameOf('90d') },
  }
  for (const row of rows) {
    const frame = stored.frames[String(row.timeframe) as Timeframe]
    if (!frame) continue
    if (row.package_id === null || row.package_id === undefined) {
      frame.activeUsers = num(row.active)
      frame.nonWeddingUsers = num(row.non_wedding)
      frame.multiPackageUsers = num(row.multi)
      frame.returningUsers = num(row.returned)
    } else {
      frame.packages[String(num(row.package_id))] = {
        users: num(row.active),
        multiPackageUsers: num(row.multi),
        returningUsers: num(row.returned),
      }
    }
  }
  return stored
}

/**
 * The report's customer figures for a period from a run's stored figures (or their `next`), or
 * null when the run stored none for exactly this period (a custom range, or a day after the run's
 * that its `next` does not cover).
 * With packageId: that package's customers, multi-package and returning customers, beside
 * every customer and the non-wedding ones (adoption's denominator and numerator).
 */
export const userFiguresFromStored = (
  stored: StoredUserFigures | null | undefined,
  period: Pick<Period, 'from' | 'to'>,
  packageId: number | null,
): UserFigures | null => {
  if (stored?.next && stored.next.to === period.to)
    return userFiguresFromStored(stored.next, period, packageId)
  if (!stored?.frames || stored.to !== period.to) return null
  const frame = Object.values(stored.frames).find((candidate) => candidate.from === period.from)
  if (!frame) return null
  const common = { activeUsers: frame.activeUsers, nonWeddingUsers: frame.nonWeddingUsers }
  if (packageId === null)
    return {
      ...common,
      usersByPackage: new Map(
        Object.entries(frame.packages).map(([id, figures]) => [Number(id), figures.users]),
      ),
      multiPackageUsers: frame.multiPackageUsers,
      returningUsers: frame.returningUsers,
    }
  const own = frame.packages[String(packageId)]
  return {
    ...common,
    usersByPackage: new Map(own ? [[packageId, own.users]] : []),
    multiPackageUsers: own?.multiPackageUsers ?? 0,
    returningUsers: own?.returningUsers ?? 0,
  }
}
