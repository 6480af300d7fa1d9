import type { Payload } from 'payload'

import { notFound } from '@/lib/errors'

import { loadLikeness } from './likenessReport'
import type { Period } from './period'
import { aggregateReport } from './reportAggregate'
import { loadImageModels, loadRefreshStatus, loadReportInputs } from './reportLoad'
import { presentReport } from './reportPresent'
import type { AnalyticsReport } from './reportTypes'

export type * from './reportTypes'

/**
 * The dashboard's figures for a period, from the rollups only (never the raw analytics rows,
 * shoots or portraits): load (the period's daily rollup rows, the customer figures the last
 * run stored for the 7/30/90-day timeframes or, for another range, counted from the activity
 * rollup and reused until the next run, the likeness and image model days, names, the rollup
 * runs), aggregate (pure sums and ratios), present (KPI cards, display strings).
 * With packageId, everything is about that one package; an unknown id is a 404.
 */
export const loadAnalyticsReport = async (
  payload: Payload,
  { period, packageId = null, now = new Date() }: { period: Period; packageId?: number | null; now?: Date },
): Promise<AnalyticsReport> => {
  const { version, userFigures, ...refresh } = await loadRefreshStatus(payload)
  const [inputs, imageModels, likeness] = await Promise.all([
    loadReportInputs(payload, { period, packageId, version, userFigures }),
    loadImageModels(payload, period, packageId),
    loadLikeness(payload, period, packageId),
  ])
  if (packageId !== null && !inputs.packages.some((pkg) => pkg.id === packageId))
    throw notFound(`No package with id ${packageId}.`)
  return presentReport(aggregateReport(inputs, { period, packageId }), {
    period,
    now,
    refresh,
    imageModels,
    likeness,
  })
}
