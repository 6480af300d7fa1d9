import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import type { Period } from './period'
import type { LikenessRow } from './reportTypes'
import { adapterOf, num, queryRows } from './sql'
import { andInStudios, type StudioIds } from './studioFilter'

/**
 * Likeness in the period per package × theme × image model (issue 23), worst average first, so an
 * editor sees which theme loses faces: portraits checked, their mean likeness (0-1, delivered
 * portraits), portraits refunded for likeness and free retries. Read from the likeness days the
 * rollup sums from the shoots' analytics rows; only the selected package's when one is selected,
 * only the studios' when studioIds is a list.
 * Shoots that were not checked are left out.
 */
export const loadLikeness = async (
  payload: Payload,
  period: Period,
  packageId: number | null,
  studioIds: StudioIds = null,
): Promise<LikenessRow[]> => {
  const {
    analytics_likeness_days: rows,
    photo_packages: packages,
    package_themes: themes,
  } = adapterOf(payload).tables
  const onlyPackage = sql`${packageId === null ? sql`` : sql` and ${rows.package} = ${packageId}`}${andInStudios(rows.studio, studioIds)}`
  const found = await queryRows(
    payload,
    sql`select ${rows.package} as package_id, max(${packages.name}) as package_name,
        ${rows.theme} as theme_id, max(${themes.name}) as theme_name, ${rows.model} as model,
        sum(${rows.portraitsChecked}) as checked, sum(${rows.likenessTotal}) as score_total,
        sum(${rows.likenessScored}) as scored, sum(${rows.refunded}) as refunded, sum(${rows.retries}) as retries
      from ${rows}
      left join ${packages} on ${packages.id} = ${rows.package}
      left join ${themes} on ${themes.id} = ${rows.theme}
      where ${rows.day} >= ${period.from} and ${rows.day} <= ${period.to}${onlyPackage}
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
