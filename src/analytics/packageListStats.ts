import type { FieldHook, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { hasRole, isStaffUser } from '@/access'

import { addDays, dayOf } from './days'
import { adapterOf, num, queryRows } from './sql'

export interface PackageListStats {
  themes: { total: number; active: number }
  tiers: { total: number; active: number }
  generations30d: number
  revenue30dCents: number
}

const CONTEXT_KEY = 'photoPackages.packageListStats'
const EMPTY: PackageListStats = { themes: { total: 0, active: 0 }, tiers: { total: 0, active: 0 }, generations30d: 0, revenue30dCents: 0 }

/**
 * The list view's extra columns for every package at once: three grouped queries (themes,
 * tiers, the last 30 days of rollups), run once per request and shared by all its rows.
 */
const loadStats = async (req: PayloadRequest): Promise<Map<number, PackageListStats>> => {
  const { payload } = req
  const { package_themes: themes, package_pricing_tiers: tiers, analytics_rollups: rollups } = adapterOf(payload).tables
  const today = dayOf(new Date())
  const [themeRows, tierRows, usageRows] = await Promise.all([
    queryRows(payload, sql`select ${themes.package} as package_id, count(*) as total, sum(case when ${themes.isActive} then 1 else 0 end) as active from ${themes} group by ${themes.package}`),
    queryRows(payload, sql`select ${tiers.package} as package_id, count(*) as total, sum(case when ${tiers.isActive} then 1 else 0 end) as active from ${tiers} group by ${tiers.package}`),
    queryRows(
      payload,
      sql`select ${rollups.package} as package_id, sum(${rollups.generations}) as generations, sum(${rollups.revenueCents}) as revenue
      from ${rollups} where ${rollups.day} >= ${addDays(today, -29)} and ${rollups.day} <= ${today} and ${rollups.package} is not null group by ${rollups.package}`,
    ),
  ])
  const stats = new Map<number, PackageListStats>()
  const entry = (id: unknown) => {
    const key = num(id)
    if (!stats.has(key)) stats.set(key, structuredClone(EMPTY))
    return stats.get(key) as PackageListStats
  }
  for (const row of themeRows) entry(row.package_id).themes = { total: num(row.total), active: num(row.active) }
  for (const row of tierRows) entry(row.package_id).tiers = { total: num(row.total), active: num(row.active) }
  for (const row of usageRows) Object.assign(entry(row.package_id), { generations30d: num(row.generations), revenue30dCents: num(row.revenue) })
  return stats
}

export const packageListStats = async (req: PayloadRequest, packageId: number): Promise<PackageListStats> => {
  const context = req.context as Record<string, unknown>
  context[CONTEXT_KEY] ??= loadStats(req)
  const stats = await (context[CONTEXT_KEY] as Promise<Map<number, PackageListStats>>)
  return stats.get(packageId) ?? EMPTY
}

/** afterRead of a virtual field: fills it for staff from the shared stats; others get nothing. */
export const fillFromPackageStats =
  (pick: (stats: PackageListStats) => number | string, who: 'admin' | 'staff' = 'staff'): FieldHook =>
  async ({ data, originalDoc, req }) => {
    const allowed = who === 'admin' ? hasRole(req.user, 'admin') : isStaffUser(req.user)
    const id = (data?.id ?? originalDoc?.id) as number | undefined
    if (!allowed || typeof id !== 'number') return undefined
    return pick(await packageListStats(req, id))
  }
