import type { Payload, PayloadRequest } from 'payload'

import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'

import {
  adapterOf,
  columnList,
  type DayRange,
  dayKeyOfColumn,
  dayTextOfKey,
  executeStatement,
  inRange,
} from './sql'

/**
 * Writes the likeness days (day × package × studio × theme × image model, from the shoots'
 * analytics rows that had their likeness checked) and the image model days (day × package ×
 * studio × model × output size × preview × price source, from the portraits; the package is the
 * portrait's shoot's, the studio its shoot's analytics row's or else its package's) of a range
 * of days, each one INSERT ... SELECT ... GROUP BY. The range's old rows must be deleted first
 * (deleteSummaries). `stamp` is the run's time as a SQL value. Returns the rows written. Both group by the day key (a date on Postgres, see dayKeyOfColumn) in a
 * subquery, not by to_char's text: the planner has no statistics for the text and, expecting a
 * group per row, sorted the 1M analytics rows (spilling 62 MB) instead of hashing 4,400 groups.
 */
export const writeDetailDays = async (
  payload: Payload,
  req: PayloadRequest,
  range: DayRange,
  stamp: SQL,
): Promise<number> => {
  const {
    package_analytics: pa,
    generation_results: results,
    generations,
    photo_packages: packages,
    analytics_likeness_days: ld,
    analytics_model_days: md,
  } = adapterOf(payload).tables
  const day = dayKeyOfColumn(payload, sql`${pa.createdAt}`)
  const delivered = sql`(${pa.likenessChecked} - coalesce(${pa.likenessFailed}, 0))`
  const likenessRows = await executeStatement(
    payload,
    sql`insert into ${ld} (${columnList([
      ld.day,
      ld.package,
      ld.studio,
      ld.theme,
      ld.model,
      ld.portraitsChecked,
      ld.likenessTotal,
      ld.likenessScored,
      ld.refunded,
      ld.retries,
      ld.createdAt,
      ld.updatedAt,
    ])})
    select ${dayTextOfKey(payload, sql`s.day`)}, s.package_id, s.studio_id, s.theme_id, s.model, s.checked, s.total, s.scored, s.refunded, s.retries, ${stamp}, ${stamp}
    from (
      select ${day} as day, ${pa.package} as package_id, ${pa.studio} as studio_id, ${pa.theme} as theme_id, ${pa.model} as model,
        sum(${pa.likenessChecked}) as checked, coalesce(sum(${pa.likenessAverage} * ${delivered}), 0) as total,
        sum(case when ${pa.likenessAverage} is null then 0 else ${delivered} end) as scored,
        sum(coalesce(${pa.likenessFailed}, 0)) as refunded, sum(coalesce(${pa.likenessRetries}, 0)) as retries
      from ${pa} where ${inRange(pa.createdAt, range)} and ${pa.likenessChecked} > 0
      group by ${day}, ${pa.package}, ${pa.studio}, ${pa.theme}, ${pa.model}
    ) s`,
    req,
  )
  const portraitDay = dayKeyOfColumn(payload, sql`${results.createdAt}`)
  // A portrait's studio: its shoot's analytics row's (kept when the package goes), else its package's.
  const studio = sql`coalesce(${pa.studio}, ${packages.studio})`
  const modelRows = await executeStatement(
    payload,
    sql`insert into ${md} (${columnList([
      md.day,
      md.package,
      md.studio,
      md.model,
      md.imageSize,
      md.isPreview,
      md.priceSource,
      md.portraits,
      md.priced,
      md.costUsd,
      md.createdAt,
      md.updatedAt,
    ])})
    select ${dayTextOfKey(payload, sql`s.day`)}, s.package_id, s.studio_id, s.model, s.image_size, s.is_preview, s.price_source, s.portraits, s.priced, s.cost_usd, ${stamp}, ${stamp}
    from (
      select ${portraitDay} as day, ${generations.package} as package_id, ${studio} as studio_id, ${results.model} as model,
        cast(${results.imageSize} as text) as image_size, ${results.isPreview} as is_preview, ${results.priceSource} as price_source,
        count(*) as portraits, count(${results.costUsd}) as priced, sum(coalesce(${results.costUsd}, 0)) as cost_usd
      from ${results} left join ${generations} on ${generations.id} = ${results.generation}
        left join ${pa} on ${pa.generation} = ${results.generation}
        left join ${packages} on ${packages.id} = ${generations.package}
      where ${inRange(results.createdAt, range)}
      group by ${portraitDay}, ${generations.package}, ${studio}, ${results.model}, ${results.imageSize}, ${results.isPreview}, ${results.priceSource}
    ) s`,
    req,
  )
  return likenessRows + modelRows
}
