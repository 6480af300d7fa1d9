'use client'

import { formatDuration, formatMoney, formatNumber, formatPercent } from '@/analytics/format'
import type { AnalyticsReport, Kpi, Metrics } from '@/analytics/report'

type Definitions = AnalyticsReport['definitions']

/** The totals strip: one stat per entry, its hint the metric's definition (METRIC_DEFINITIONS). */
const STATS: Array<{
  metric: keyof Metrics & keyof Definitions
  label: string
  value: (totals: Metrics) => string
  testId?: string
}> = [
  { metric: 'generations', label: 'Generations', value: (t) => formatNumber(t.generations) },
  { metric: 'uniqueUsers', label: 'Unique users', value: (t) => formatNumber(t.uniqueUsers) },
  { metric: 'imagesGenerated', label: 'Images', value: (t) => formatNumber(t.imagesGenerated) },
  { metric: 'successRate', label: 'Success rate', value: (t) => formatPercent(t.successRate) },
  { metric: 'avgProcessingMs', label: 'Avg processing', value: (t) => formatDuration(t.avgProcessingMs) },
  {
    metric: 'avgRating',
    label: 'Avg rating',
    value: (t) => (t.avgRating === null ? '—' : `${t.avgRating.toFixed(2)} / 5`),
  },
  { metric: 'revenueCents', label: 'Revenue', value: (t) => formatMoney(t.revenueCents) },
  {
    metric: 'platformFeeCents',
    label: 'Platform fees',
    value: (t) => formatMoney(t.platformFeeCents),
    testId: 'stat-platform-fees',
  },
  { metric: 'shootsSold', label: 'Shoots sold', value: (t) => formatNumber(t.shootsSold) },
  { metric: 'shootsUsed', label: 'Shoots used', value: (t) => formatNumber(t.shootsUsed) },
  {
    metric: 'estimatedCostCents',
    label: 'Provider cost',
    value: (t) => formatMoney(t.estimatedCostCents),
    testId: 'stat-cost',
  },
  {
    metric: 'marginCents',
    label: 'Margin',
    value: (t) =>
      `${formatMoney(t.marginCents)}${t.marginRatio === null ? '' : ` (${formatPercent(t.marginRatio, 0)})`}`,
    testId: 'stat-margin',
  },
  {
    metric: 'marginPerShootCents',
    label: 'Margin per shoot',
    value: (t) => (t.marginPerShootCents === null ? '—' : formatMoney(t.marginPerShootCents)),
    testId: 'stat-margin-per-shoot',
  },
]

/** The period's totals, one stat block per entry of STATS. */
export function TotalsPanel({ totals, definitions }: { totals: Metrics; definitions: Definitions }) {
  return (
    <section className="pp-stats" aria-label="Totals">
      {STATS.map((stat) => (
        <div key={stat.metric} className="pp-stat" title={definitions[stat.metric]} data-testid={stat.testId}>
          <div className="pp-stat__label">{stat.label}</div>
          <div className="pp-stat__value">{stat.value(totals)}</div>
        </div>
      ))}
    </section>
  )
}

/** The KPI cards, each with its definition. */
export function KpiPanel({ kpis }: { kpis: AnalyticsReport['kpis'] }) {
  return (
    <section className="pp-kpis" aria-label="KPIs">
      {Object.values(kpis).map((kpi: Kpi) => (
        <div key={kpi.key} className="pp-card" data-testid={`kpi-${kpi.key}`}>
          <div className="pp-card__label">{kpi.label}</div>
          <div className="pp-card__value">{kpi.display}</div>
          <p className="pp-card__definition">{kpi.definition}</p>
        </div>
      ))}
    </section>
  )
}
