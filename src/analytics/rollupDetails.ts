import type { Payload, PayloadRequest } from 'payload'

import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'

import { adapterOf, columnList, type DayRange, dayOfColumn, executeStatement, inRange } from './sql'

/**
 * Writes the likeness days (day × package × theme × image model, from the shoots' analytics
 * rows that had their likeness checked) and the image model days (day × package × model ×
 * output size × preview × price source, from the portraits; the package is the portrait's
 * shoot's) of a range of days, each one INSERT ... SELECT ... GROUP BY. The range's old rows
 * must be deleted first (deleteSummaries). `stamp` is the run's time as a SQL value. Returns
 * the rows written.
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
    analytics_likeness_days: ld,
    analytics_model_days: md,
  } = adapterOf(payload).tables
  const day = dayOfColumn(payload, sql`${pa.createdAt}`)
  const delivered = sql`(${pa.likenessChecked} - coalesce(${pa.likenessFailed}, 0))`
  const likenessRows = await executeStatement(
    payload,
    sql`insert into ${ld} (${columnList([
      ld.day,
      ld.package,
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
    select ${day}, ${pa.package}, ${pa.theme}, ${pa.model}, sum(${pa.likenessChecked}),
      coalesce(sum(${pa.likenessAverage} * ${delivered}), 0),
      sum(case when ${pa.likenessAverage} is null then 0 else ${delivered} end),
      sum(coalesce(${pa.likenessFailed}, 0)), sum(coalesce(${pa.likenessRetries}, 0)), ${stamp}, ${stamp}
    from ${pa} where ${inRange(pa.createdAt, range)} and ${pa.likenessChecked} > 0
    group by ${day}, ${pa.package}, ${pa.theme}, ${pa.model}`,
    req,
  )
  const portraitDay = dayOfColumn(payload, sql`${results.createdAt}`)
  const modelRows = await executeStatement(
    payload,
    sql`insert into ${md} (${columnList([
      md.day,
      md.package,
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
    select ${portraitDay}, ${generations.package}, ${results.model}, cast(${results.imageSize} as text), ${results.isPreview},
      ${results.priceSource}, count(*), count(${results.costUsd}), sum(coalesce(${results.costUsd}, 0)), ${stamp}, ${stamp}
    from ${results} left join ${generations} on ${generations.id} = ${results.generation}
    where ${inRange(results.createdAt, range)}
    group by ${portraitDay}, ${generations.package}, ${results.model}, ${results.imageSize}, ${results.isPreview}, ${results.priceSource}`,
    req,
  )
  return likenessRows + modelRows
}
