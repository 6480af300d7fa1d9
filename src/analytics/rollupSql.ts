import type { Payload, PayloadRequest } from 'payload'

import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'

import { type SqlAdapter, transactionDb } from '@/lib/drizzle'

import { bundleSalesByPackage } from './bundleSales'
import { dayNumberOf } from './days'
import { writeDetailDays } from './rollupDetails'
import {
  adapterOf,
  columnList,
  type DayRange,
  dayInRange,
  dayKeyOfColumn,
  dayNumberOfKey,
  dayTextOfKey,
  executeStatement,
  inRange,
  timestampValue,
} from './sql'

export type { DayRange }

/** Purchases whose money came in: revenue is their amount less what was refunded or lost in a dispute. */
export const PAID_STATUSES = ['paid', 'refunded', 'partially_refunded', 'disputed']

/** "day|package|theme|studio" with '-' for an empty id: the rollup row's unique key, built in SQL. */
const keyOf = (...parts: SQL[]): SQL => sql.join(parts, sql` || '|' || `)
const idText = (expression: SQL): SQL => sql`coalesce(cast(${expression} as text), '-')`

/** Deletes the summary rows of the days in the range (all when null). */
export const deleteSummaries = async (
  payload: Payload,
  req: PayloadRequest,
  range: DayRange,
): Promise<void> => {
  const {
    analytics_rollups: ar,
    analytics_user_days: ud,
    analytics_likeness_days: ld,
    analytics_model_days: md,
  } = adapterOf(payload).tables
  const db = await transactionDb(req)
  await db.delete(ar).where(dayInRange(ar.day, range))
  // By day number: the (day number, customer) index is the user days' only one.
  await db
    .delete(ud)
    .where(
      range
        ? sql`${ud.dayNumber} >= ${dayNumberOf(range[0])} and ${ud.dayNumber} <= ${dayNumberOf(range[1])}`
        : sql`1 = 1`,
    )
  await db.delete(ld).where(dayInRange(ld.day, range))
  await db.delete(md).where(dayInRange(md.day, range))
}

/**
 * The platform's application fee a purchase still keeps, as SQL (Postgres and SQLite): its
 * `applicationFeeCents` less the share refunded with `refund_application_fee`, which Stripe returns
 * in proportion to the amount refunded (docs.stripe.com/api/refunds/create#create_refund-refund_application_fee);
 * rounded as retainedApplicationFeeCents rounds. Lost disputes do not return the fee on a direct charge.
 */
const retainedFeeSql = (pu: SqlAdapter['tables'][string]): SQL => {
  const fee = sql`coalesce(${pu.applicationFeeCents}, 0)`
  const refunded = sql`coalesce(${pu.refundedAmountCents}, 0)`
  return sql`case when ${pu.amountCents} > 0 and ${refunded} > 0
    then ${fee} - round(${fee} * (case when ${refunded} > ${pu.amountCents} then ${pu.amountCents} else ${refunded} end) * 1.0 / ${pu.amountCents})
    else ${fee} end`
}

/**
 * Writes the day × package × theme × studio rollup rows (the shoots' studio from their analytics
 * rows, the sales' from the purchases; the platform's fees each purchase keeps after refunds,
 * retainedFeeSql), the day × customer × package × studio activity rows
 * and the likeness and image model days (rollupDetails) of a range of days, computed in the database (INSERT ... SELECT ... GROUP BY: nothing
 * proportional to the raw rows passes through Node), then adds bundle sales, split per
 * package in Node a page of purchases at a time (upsert on the row's key). The range's old
 * rows must be deleted first. Returns the rows written.
 */
export const writeSummaries = async (
  payload: Payload,
  req: PayloadRequest,
  range: DayRange,
  computedAt: string,
): Promise<number> => {
  const {
    package_analytics: pa,
    purchases: pu,
    purchases_lines: purchaseLines,
    analytics_rollups: ar,
    analytics_user_days: ud,
  } = adapterOf(payload).tables
  const stamp = timestampValue(payload, computedAt)
  // Grouped by day keys (dates on Postgres), written as YYYY-MM-DD text.
  const day = dayKeyOfColumn(payload, sql`${pa.createdAt}`)
  const paidDay = dayKeyOfColumn(payload, sql`${pu.paidAt}`)
  const dayText = dayTextOfKey(payload, sql`s.day`)
  const paidWhere = sql`${pu.paidAt} is not null and ${inRange(pu.paidAt, range)}
    and ${pu.status} in (${sql.join(
      PAID_STATUSES.map((status) => sql`${status}`),
      sql`, `,
    )})`
  const status = (value: string) => sql`sum(case when ${pa.status} = ${value} then 1 else 0 end)`

  const rollupRows = await executeStatement(
    payload,
    sql`insert into ${ar} (${columnList([
      ar.key,
      ar.day,
      ar.package,
      ar.theme,
      ar.studio,
      ar.generations,
      ar.succeeded,
      ar.partiallySucceeded,
      ar.failed,
      ar.blocked,
      ar.imagesRequested,
      ar.imagesGenerated,
      ar.processingTimeMsTotal,
      ar.processingTimeCount,
      ar.ratingTotal,
      ar.ratingCount,
      ar.shootsUsed,
      ar.estimatedCostCents,
      ar.firstGenerationAt,
      ar.purchases,
      ar.shootsSold,
      ar.grossRevenueCents,
      ar.refundedCents,
      ar.revenueCents,
      ar.platformFeeCents,
      ar.computedAt,
      ar.createdAt,
      ar.updatedAt,
    ])})
    select ${keyOf(dayText, idText(sql`s.package_id`), idText(sql`s.theme_id`), idText(sql`s.studio_id`))}, ${dayText}, s.package_id, s.theme_id, s.studio_id,
      sum(s.generations), sum(s.succeeded), sum(s.partially_succeeded), sum(s.failed), sum(s.blocked),
      sum(s.images_requested), sum(s.images_generated), sum(s.processing_total), sum(s.processing_count),
      sum(s.rating_total), sum(s.rating_count), sum(s.shoots_used), sum(s.cost_cents), min(s.first_at),
      sum(s.purchases), sum(s.shoots_sold), sum(s.gross_cents), sum(s.refunded_cents), sum(s.gross_cents) - sum(s.refunded_cents),
      sum(s.fee_cents), ${stamp}, ${stamp}, ${stamp}
    from (
      select ${day} as day, ${pa.package} as package_id, ${pa.theme} as theme_id, ${pa.studio} as studio_id,
        count(*) as generations, ${status('succeeded')} as succeeded, ${status('partially_succeeded')} as partially_succeeded,
        ${status('failed')} as failed, ${status('blocked')} as blocked,
        sum(coalesce(${pa.imagesRequested}, 0)) as images_requested, sum(coalesce(${pa.imagesGenerated}, 0)) as images_generated,
        sum(coalesce(${pa.processingTimeMs}, 0)) as processing_total, count(${pa.processingTimeMs}) as processing_count,
        sum(coalesce(${pa.rating}, 0)) as rating_total, count(${pa.rating}) as rating_count,
        sum(coalesce(${pa.shootsCharged}, 0)) as shoots_used, sum(coalesce(${pa.estimatedCostCents}, 0)) as cost_cents,
        min(${pa.createdAt}) as first_at,
        0 as purchases, 0 as shoots_sold, 0 as gross_cents, 0 as refunded_cents, 0 as fee_cents
      from ${pa} where ${inRange(pa.createdAt, range)}
      group by ${day}, ${pa.package}, ${pa.theme}, ${pa.studio}
      union all
      select ${paidDay}, ${pu.package}, null, ${pu.studio}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null,
        count(*), sum(${pu.shoots} - coalesce(${pu.shootsReclaimed}, 0)), sum(${pu.amountCents}), sum(coalesce(${pu.reversedAmountCents}, 0)),
        sum(${retainedFeeSql(pu)})
      from ${pu} where ${paidWhere}
        and not exists (select 1 from ${purchaseLines} where ${purchaseLines._parentID} = ${pu.id})
      group by ${paidDay}, ${pu.package}, ${pu.studio}
    ) s
    group by s.day, s.package_id, s.theme_id, s.studio_id`,
    req,
  )

  // Sorted by day and customer: the rows go into the (day number, customer) index in its order.
  const userDayRows = await executeStatement(
    payload,
    sql`insert into ${ud} (${columnList([ud.day, ud.dayNumber, ud.userId, ud.packageId, ud.studioId, ud.generations])})
    select ${dayText}, ${dayNumberOfKey(payload, sql`s.day`)}, s.user_id, s.package_id, s.studio_id, count(*)
    from (
      select ${day} as day, ${pa.user} as user_id, ${pa.package} as package_id, ${pa.studio} as studio_id
      from ${pa} where ${inRange(pa.createdAt, range)} and ${pa.user} is not null
    ) s
    group by s.day, s.user_id, s.package_id, s.studio_id
    order by s.day, s.user_id, s.package_id`,
    req,
  )
  const detailRows = await writeDetailDays(payload, req, range, stamp)

  const bundleRows = await bundleSalesByPackage(payload, paidWhere, req)
  const db = await transactionDb(req)
  const add = (column: { name: string }) => sql`${column} + excluded.${sql.identifier(column.name)}`
  for (let index = 0; index < bundleRows.length; index += 200) {
    const values = bundleRows.slice(index, index + 200).map((row) => ({
      key: `${row.day}|${row.package_id ?? '-'}|-|${row.studio_id ?? '-'}`,
      day: row.day,
      package: row.package_id,
      theme: null,
      studio: row.studio_id,
      purchases: row.purchases,
      shootsSold: row.shoots_sold,
      grossRevenueCents: row.gross_cents,
      refundedCents: row.refunded_cents,
      revenueCents: row.gross_cents - row.refunded_cents,
      platformFeeCents: row.fee_cents,
      computedAt,
      createdAt: computedAt,
      updatedAt: computedAt,
    }))
    await db
      .insert(ar)
      .values(values)
      .onConflictDoUpdate({
        target: ar.key,
        set: {
          purchases: add(ar.purchases),
          shootsSold: add(ar.shootsSold),
          grossRevenueCents: add(ar.grossRevenueCents),
          refundedCents: add(ar.refundedCents),
          revenueCents: add(ar.revenueCents),
          platformFeeCents: add(ar.platformFeeCents),
        },
      })
  }
  return rollupRows + userDayRows + detailRows + bundleRows.length
}
