/**
 * The report's customer figures of any period and scope, counted from the activity rollup (the
 * standard timeframes' every-studio figures are stored on the run instead, userFigures.ts).
 */
import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { dayNumberOf } from './days'
import { RETURN_WINDOW_DAYS } from './kpis'
import type { Period } from './period'
import type { UserFigures } from './reportAggregate'
import { adapterOf, num, queryRows } from './sql'
import { andInStudios, type StudioIds, studioKey } from './studioFilter'

/**
 * Unique-user figures of any period from the per-day activity rollup: four aggregate queries
 * over the period's rows; only the studios' activity days when `studioIds` is a list (a customer
 * of two studios counts in each, and is multi-package only within one).
 */
export const loadUserFigures = async (
  payload: Payload,
  period: Period,
  packageId: number | null,
  studioIds: StudioIds = null,
): Promise<UserFigures> => {
  const { analytics_user_days: ud, photo_packages: pp } = adapterOf(payload).tables
  const user = ud.userId
  const pkg = ud.packageId
  const from = dayNumberOf(period.from)
  const to = dayNumberOf(period.to)
  const inStudios = andInStudios(ud.studioId, studioIds)
  const inPeriod = sql`${ud.dayNumber} >= ${from} and ${ud.dayNumber} <= ${to}${inStudios}`
  const onlyPackage = packageId === null ? sql`` : sql` and ${pkg} = ${packageId}`
  const [totals, perPackage, multi, returning] = await Promise.all([
    queryRows(
      payload,
      sql`select count(distinct ${user}) as active,
        count(distinct case when ${pp.category} <> ${'wedding'} then ${user} end) as non_wedding
      from ${ud} left join ${pp} on ${pp.id} = ${pkg} where ${inPeriod}`,
    ),
    queryRows(
      payload,
      sql`select ${pkg} as package_id, count(distinct ${user}) as users from ${ud} where ${inPeriod}${onlyPackage} group by ${pkg}`,
    ),
    queryRows(
      payload,
      sql`select count(*) as users from (select ${user} as user_id from ${ud} where ${inPeriod} group by ${user}
        having count(distinct ${pkg}) > 1${packageId === null ? sql`` : sql` and sum(case when ${pkg} = ${packageId} then 1 else 0 end) > 0`}) multi`,
    ),
    queryRows(
      payload,
      sql`select count(distinct user_id) as users from (
        select user_id, day_number, lag(day_number) over (partition by user_id order by day_number) as previous_day
        from (select distinct ${user} as user_id, ${ud.dayNumber} as day_number from ${ud}
          where ${ud.dayNumber} >= ${from - RETURN_WINDOW_DAYS} and ${ud.dayNumber} <= ${to}${onlyPackage}${inStudios}) active_days
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

/**
 * A custom range's (or a studio's) unique-user figures only change when a rollup run rewrites
 * the activity rows, so they are kept per process for each (last successful run, period,
 * package, studios): the first load counts the activity rows, later loads reuse the counts. A
 * few dozen small entries, oldest dropped first.
 */
const USER_FIGURES_CACHE_SIZE = 64
const userFiguresCache = new Map<string, Promise<UserFigures>>()

export const cachedUserFigures = (
  payload: Payload,
  version: string | null,
  period: Period,
  packageId: number | null,
  studioIds: StudioIds = null,
): Promise<UserFigures> => {
  if (version === null) return loadUserFigures(payload, period, packageId, studioIds)
  const key = `${version}|${period.from}|${period.to}|${packageId ?? '*'}|${studioKey(studioIds)}`
  const cached = userFiguresCache.get(key)
  if (cached) return cached
  const loading = loadUserFigures(payload, period, packageId, studioIds)
  userFiguresCache.set(key, loading)
  loading.catch(() => userFiguresCache.delete(key))
  while (userFiguresCache.size > USER_FIGURES_CACHE_SIZE)
    userFiguresCache.delete(userFiguresCache.keys().next().value as string)
  return loading
}
