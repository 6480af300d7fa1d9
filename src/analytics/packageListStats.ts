import type { FieldHook, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { hasRole, isStaffUser } from '@/access'
import { isInSeason } from '@/catalog/season'

import { addDays, dayOf } from './days'
import { adapterOf, num, queryRows } from './sql'

export interface PackageListStats {
  /** inSeason: active themes in season today (what the public catalog shows). */
  themes: { total: number; active: number; inSeason: number }
  tiers: { total: number; active: number }
  generations30d: number
  revenue30dCents: number
}

const CONTEXT_KEY = 'photoPackages.packageListStats'
const EMPTY: PackageListStats = {
  themes: { total: 0, active: 0, inSeason: 0 },
  tiers: { total: 0, active: 0 },
  generations30d: 0,
  revenue30dCents: 0,
}

/**
 * The list view's extra columns for every package at once: three grouped queries (themes,
 * tiers, the last 30 days of rollups), run once per request and shared by all its rows.
 */
const loadStats = async (req: PayloadRequest): Promise<Map<number, PackageListStats>> => {
  const { payload } = req
  const {
    package_themes: themes,
    package_pricing_tiers: tiers,
    analytics_rollups: rollups,
  } = adapterOf(payload).tables
  const today = dayOf(new Date())
  const [themeRows, tierRows, usageRows] = await Promise.all([
    // One row per theme (few per package): the season rule lives in code, not SQL.
    queryRows(
      payload,
      sql`select ${themes.package} as package_id, ${themes.isActive} as is_active, ${themes.isSeasonal} as is_seasonal,
      ${themes.seasonStart} as season_start, ${themes.seasonEnd} as season_end from ${themes}`,
      req,
    ),
    queryRows(
      payload,
      sql`select ${tiers.package} as package_id, count(*) as total, sum(case when ${tiers.isActive} then 1 else 0 end) as active from ${tiers} group by ${tiers.package}`,
      req,
    ),
    queryRows(
      payload,
      sql`select ${rollups.package} as package_id, sum(${rollups.generations}) as generations, sum(${rollups.revenueCents}) as revenue
      from ${rollups} where ${rollups.day} >= ${addDays(today, -29)} and ${rollups.day} <= ${today} and ${rollups.package} is not null group by ${rollups.package}`,
      req,
    ),
  ])
  const stats = new Map<number, PackageListStats>()
  const entry = (id: unknown) => {
    const key = num(id)
    if (!stats.has(key)) stats.set(key, structuredClone(EMPTY))
    return stats.get(key) as PackageListStats
  }
  const now = new Date()
  for (const row of themeRows) {
    const counts = entry(row.package_id).themes
    const active = Boolean(row.is_active)
    const season = {
      isSeasonal: Boolean(row.is_seasonal),
      seasonStart: row.season_start as string | null,
      seasonEnd: row.season_end as string | null,
    }
    counts.total++
    if (active) counts.active++
    if (active && isInSeason(season, now)) counts.inSeason++
  }
  for (const row of tierRows) entry(row.package_id).tiers = { total: num(row.total), active: num(row.active) }
  for (const row of usageRows)
    Object.assign(entry(row.package_id), {
      generations30d: num(row.generations),
      revenue30dCents: num(row.revenue),
    })
  return stats
}

export const packageListStats = async (req: PayloadRequest, packageId: number): Promise<PackageListStats> => {
  const context = req.context as Record<string, unknown>
  context[CONTEXT_KEY] ??= loadStats(req)
  const stats = await (context[CONTEXT_KEY] as Promise<Map<number, PackageListStats>>)
  return stats.get(packageId) ?? EMPTY
}

/**
 * Whether customers see the package, and if not, every reason why: "Live", or "Hidden: switched
 * off; no theme in season; no tier on sale". The same rules as the public catalog.
 */
export const catalogStatus = (doc: { isActive?: boolean | null }, stats: PackageListStats): string => {
  const reasons = [
    ...(doc.isActive ? [] : ['switched off']),
    ...(stats.themes.inSeason > 0
      ? []
      : [stats.themes.active > 0 ? 'no active theme in season' : 'no active theme']),
    ...(stats.tiers.active > 0 ? [] : ['no active tier']),
  ]
  return reasons.length ? `Hidden: ${reasons.join('; ')}` : 'Live'
}

/** afterRead of a virtual field: fills it for staff from the shared stats; others get nothing. */
export const fillFromPackageStats =
  (
    pick: (stats: PackageListStats, doc: { isActive?: boolean | null }) => number | string,
    who: 'admin' | 'staff' = 'staff',
  ): FieldHook =>
  async ({ data, originalDoc, req }) => {
    const allowed = who === 'admin' ? hasRole(req.user, 'admin') : isStaffUser(req.user)
    const id = (data?.id ?? originalDoc?.id) as number | undefined
    if (!allowed || typeof id !== 'number') return undefined
    return pick(await packageListStats(req, id), {
      isActive: (data?.isActive ?? originalDoc?.isActive) as boolean | null,
    })
  }
