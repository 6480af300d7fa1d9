import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import type { Period } from './period'
import type { StudioRow } from './reportTypes'
import { adapterOf, num, queryRows } from './sql'
import { andInStudios, type StudioIds, studioWhere } from './studioFilter'

const cents = (value: number): number => Math.round(value * 100) / 100

/**
 * The platform admin's comparison of studios over a period (issue 24), from the daily rollups
 * only: per studio its sales (purchases paid in the period by paid day: gross, refunded and net
 * revenue, the platform's application fees as asked at checkout), its shoots (finished
 * generations) with their portraits delivered and provider cost. Money in cents of the sales'
 * currency (a studio selling in another currency than USD is summed as its minor unit). Every
 * studio in scope is listed (suspended ones too, with zeros when idle), most gross revenue first;
 * rows whose studio is unknown (shoots of packages that had none) come last as `studioId: null`.
 */
export const loadStudioComparison = async (
  payload: Payload,
  period: Period,
  studioIds: StudioIds,
): Promise<StudioRow[]> => {
  const { analytics_rollups: ar } = adapterOf(payload).tables
  const [studios, rows] = await Promise.all([
    payload.find({
      collection: 'studios',
      pagination: false,
      depth: 0,
      overrideAccess: true,
      sort: 'name',
      select: { name: true, slug: true, status: true },
      where: studioWhere(studioIds, 'id'),
    }),
    queryRows(
      payload,
      sql`select ${ar.studio} as studio_id, sum(${ar.grossRevenueCents}) as gross, sum(${ar.refundedCents}) as refunded, sum(${ar.revenueCents}) as revenue,
          sum(${ar.platformFeeCents}) as fees, sum(${ar.generations}) as shoots, sum(${ar.imagesGenerated}) as images,
          sum(${ar.estimatedCostCents}) as cost
        from ${ar} where ${ar.day} >= ${period.from} and ${ar.day} <= ${period.to}${andInStudios(ar.studio, studioIds)}
        group by ${ar.studio}`,
    ),
  ])
  const byStudio = new Map(rows.map((row) => [row.studio_id === null ? null : num(row.studio_id), row]))
  const rowOf = (studioId: number | null, name: string, slug: string | null, status: string | null) => {
    const row = byStudio.get(studioId)
    const revenueCents = num(row?.revenue)
    const estimatedCostCents = cents(num(row?.cost))
    return {
      studioId,
      name,
      slug,
      status,
      grossRevenueCents: num(row?.gross),
      refundedCents: num(row?.refunded),
      revenueCents,
      platformFeeCents: num(row?.fees),
      shoots: num(row?.shoots),
      imagesGenerated: num(row?.images),
      estimatedCostCents,
      marginCents: cents(revenueCents - estimatedCostCents),
    }
  }
  const listed = studios.docs
    .map((studio) => rowOf(studio.id, studio.name, studio.slug ?? null, studio.status ?? null))
    .sort((a, b) => b.grossRevenueCents - a.grossRevenueCents || a.name.localeCompare(b.name))
  const orphan = byStudio.get(null)
  if (orphan && (num(orphan.shoots) > 0 || num(orphan.gross) !== 0))
    listed.push(rowOf(null, 'No studio recorded', null, null))
  return listed
}
