import type { Payload } from 'payload'

import { notFound } from '@/lib/errors'

import { loadLikeness } from './likenessReport'
import type { Period } from './period'
import { aggregateReport } from './reportAggregate'
import { loadImageModels, loadRefreshStatus, loadReportInputs } from './reportLoad'
import { presentReport } from './reportPresent'
import type { AnalyticsReport } from './reportTypes'
import { loadStudioComparison } from './studioComparison'
import type { StudioIds } from './studioFilter'

export type * from './reportTypes'
export type { StudioIds } from './studioFilter'

/**
 * The dashboard's figures for a period, from the rollups only (never the raw analytics rows,
 * shoots or portraits): load (the period's daily rollup rows, the customer figures the last
 * run stored for the 7/30/90-day timeframes or, for another range or a studio, counted from the
 * activity rollup and reused until the next run, the likeness and image model days, names, the
 * rollup runs), aggregate (pure sums and ratios), present (KPI cards, display strings).
 * `studioIds` (issue 24): null counts every studio's rows, a list only those studios' (their
 * packages, shoots and sales, deleted packages' too); `compareStudios` adds each studio's
 * revenue, fees, shoots and cost side by side (`studios`, for platform admins).
 * With packageId, everything is about that one package; an id unknown or of another studio is a 404.
 */
export const loadAnalyticsReport = async (
  payload: Payload,
  {
    period,
    packageId = null,
    studioIds = null,
    compareStudios = false,
    now = new Date(),
  }: {
    period: Period
    packageId?: number | null
    studioIds?: StudioIds
    compareStudios?: boolean
    now?: Date
  },
): Promise<AnalyticsReport> => {
  const { version, userFigures, ...refresh } = await loadRefreshStatus(payload)
  const [inputs, imageModels, likeness, studios] = await Promise.all([
    loadReportInputs(payload, { period, packageId, studioIds, version, userFigures }),
    loadImageModels(payload, period, packageId, studioIds),
    loadLikeness(payload, period, packageId, studioIds),
    compareStudios ? loadStudioComparison(payload, period, studioIds) : Promise.resolve(null),
  ])
  if (packageId !== null && !inputs.packages.some((pkg) => pkg.id === packageId))
    throw notFound(`No package with id ${packageId}.`)
  const report = presentReport(aggregateReport(inputs, { period, packageId }), {
    period,
    now,
    refresh,
    imageModels,
    likeness,
  })
  return { ...report, studioIds: studioIds === null ? null : [...studioIds], studios }
}
