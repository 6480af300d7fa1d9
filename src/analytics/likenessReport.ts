import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { addDays } from './days'
import type { Period } from './period'
import type { LikenessRow } from './reportTypes'
import { adapterOf, num, queryRows } from './sql'

/**
 * Likeness in the period per package × theme × image model (issue 23), worst average first, so an
 * editor sees which theme loses faces: portraits checked, their mean likeness (0-1, delivered
 * portraits), portraits refunded for likeness and free retries. Read from the generations' analytics
 * rows (written when each shoot closes), bounded by the period through their `created_at`; only the
 * selected package's when one is selected. Shoots that were not checked are left out.
 */
export const loadLikeness = async (
  payload: Payload,
  period: Period,
  packageId: number | null,
): Promise<LikenessRow[]> => {
  const {
    package_analytics: rows,
    photo_packages: packages,
    package_themes: themes,
  } = adapterOf(payload).tables
  const from = `${period.from}T00:00:00.000Z`
  const until = `${addDays(period.to, 1)}T00:00:00.000Z`
  const onlyPackage = packageId === null ? sql`` : sql` and ${rows.package} = ${packageId}`
  const delivered = sql`(${rows.likenessChecked} - coalesce(${rows.likenessFailed}, 0))`
  const found = await queryRows(
    payload,
    sql`select ${rows.package} as package_id, max(${packages.name}) as package_name,
        ${rows.theme} as theme_id, max(${themes.name}) as theme_name, ${rows.model} as model,
        sum(${rows.likenessChecked}) as checked,
        sum(${rows.likenessAverage} * ${delivered}) as score_total,
        sum(case when ${rows.likenessAverage} is null then 0 else ${delivered} end) as scored,
        sum(coalesce(${rows.likenessFailed}, 0)) as refunded,
        sum(coalesce(${rows.likenessRetries}, 0)) as retries
      from ${rows}
      left join ${packages} on ${packages.id} = ${rows.package}
      left join ${themes} on ${themes.id} = ${rows.theme}
      where ${rows.createdAt} >= ${from} and ${rows.createdAt} < ${until}
        and ${rows.likenessChecked} > 0${onlyPackage}
      group by ${rows.package}, ${rows.theme}, ${rows.model}`,
  )
  return found
    .map((row) => ({
      packageId: row.package_id === null ? null : num(row.package_id),
      packageName: row.package_name ? String(row.package_name) : 'Deleted package',
      themeId: row.theme_id === null ? null : num(row.theme_id),
      themeName: row.theme_name ? String(row.theme_name) : 'Deleted theme',
      model: row.model ? String(row.model) : 'unrecorded',
      portraitsChecked: num(row.checked),
      averageLikeness:
        num(row.scored) > 0 ? Math.round((num(row.score_total) / num(row.scored)) * 1000) / 1000 : null,
      refunded: num(row.refunded),
      retries: num(row.retries),
    }))
    .sort((a, b) => (a.averageLikeness ?? -1) - (b.averageLikeness ?? -1) || b.refunded - a.refunded)
}
