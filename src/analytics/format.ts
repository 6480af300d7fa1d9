/** Display formats shared by the API (CSV, `display` strings) and the admin dashboard. */
export { formatMoney } from '@/lib/format'

export const formatPercent = (value: number | null, digits = 1): string =>
  value === null ? '—' : `${(value * 100).toFixed(digits)}%`

export const formatNumber = (value: number | null, digits = 0): string =>
  value === null
    ? '—'
    : new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
        value,
      )

export const formatDuration = (ms: number | null): string => {
  if (ms === null) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`
  return `${(ms / 60_000).toFixed(1)} min`
}

export const formatHours = (hours: number | null): string => {
  if (hours === null) return '—'
  if (hours < 48) return `${hours.toFixed(1)} h`
  return `${(hours / 24).toFixed(1)} days`
}
