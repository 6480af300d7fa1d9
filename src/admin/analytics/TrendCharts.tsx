'use client'

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import { formatMoney } from '@/analytics/format'
import type { AnalyticsReport } from '@/analytics/report'

const shortDay = (day: string) => day.slice(5)

/** The daily trends (generations and failures; revenue and provider cost) and the usage across themes. */
export function TrendCharts({ report }: { report: AnalyticsReport }) {
  const chartDaily = report.daily.map((point) => ({
    ...point,
    day: shortDay(point.day),
    revenue: point.revenueCents / 100,
    cost: point.estimatedCostCents / 100,
  }))
  const distribution = (
    report.kpis.themeDiversity.details.distribution as Array<{ name: string; generations: number }>
  ).slice(0, 12)

  return (
    <section className="pp-charts">
      <div className="pp-panel" data-testid="chart-generations">
        <h3>Generations per day</h3>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={chartDaily} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--theme-elevation-150)" />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
            <Tooltip />
            <Legend />
            <Line
              type="monotone"
              dataKey="generations"
              name="Generations"
              stroke="#2f6fde"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="failedGenerations"
              name="Failed"
              stroke="#d64545"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className="pp-panel" data-testid="chart-revenue">
        <h3>Revenue and provider cost per day (USD)</h3>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={chartDaily} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--theme-elevation-150)" />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis tick={{ fontSize: 11 }} width={48} />
            <Tooltip formatter={(value) => formatMoney(Number(value) * 100)} />
            <Legend />
            <Bar dataKey="revenue" name="Revenue" fill="#1f9d74" isAnimationActive={false} />
            <Bar dataKey="cost" name="Provider cost" fill="#d9822b" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="pp-panel" data-testid="chart-themes">
        <h3>Usage across themes</h3>
        {distribution.length === 0 ? (
          <p className="pp-muted">No generations in this period.</p>
        ) : (
          <ResponsiveContainer width="100%" height={Math.max(160, distribution.length * 26 + 40)}>
            <BarChart
              data={distribution}
              layout="vertical"
              margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="var(--theme-elevation-150)" />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
              <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Bar dataKey="generations" name="Generations" fill="#7a5af5" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
    </section>
  )
}
