import type { Where } from 'payload'

import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'

/**
 * Whose rows a report counts (issue 24): null is every studio's (a platform admin with no studio
 * picked); a list is only those studios' rows (an empty list counts nothing).
 */
export type StudioIds = readonly number[] | null

/** ` and <column> in (…)` for a scoped report, nothing for every studio: appended to a WHERE. */
export const andInStudios = (column: unknown, studioIds: StudioIds): SQL => {
  if (studioIds === null) return sql``
  if (studioIds.length === 0) return sql` and 1 = 0`
  return sql` and ${column} in (${sql.join(
    studioIds.map((id) => sql`${id}`),
    sql`, `,
  )})`
}

/** The local API's `where` for a scoped find (`field` names the studio); undefined for every studio. */
export const studioWhere = (studioIds: StudioIds, field = 'studio'): Where | undefined => {
  if (studioIds === null) return undefined
  return studioIds.length > 0 ? { [field]: { in: [...studioIds] } } : { id: { exists: false } }
}

/** A cache key part for a scope. */
export const studioKey = (studioIds: StudioIds): string =>
  studioIds === null ? '*' : [...studioIds].sort((a, b) => a - b).join(',') || 'none'
