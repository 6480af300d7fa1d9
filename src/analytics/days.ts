/**
 * Analytics count in UTC calendar days written YYYY-MM-DD. A day number is the number of
 * days since 1970-01-01, so day arithmetic is plain subtraction in SQL on either database.
 */
export const DAY_MS = 86_400_000

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export const isDay = (value: unknown): value is string =>
  typeof value === 'string' &&
  DAY_PATTERN.test(value) &&
  new Date(`${value}T00:00:00.000Z`).toISOString().startsWith(value)

export const dayOf = (date: Date): string => date.toISOString().slice(0, 10)

export const dayNumberOf = (day: string): number => Math.round(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS)

export const dayFromNumber = (dayNumber: number): string =>
  new Date(dayNumber * DAY_MS).toISOString().slice(0, 10)

export const addDays = (day: string, days: number): string => dayFromNumber(dayNumberOf(day) + days)

/** Midnight UTC at the start of the day, as an ISO timestamp. */
export const startOfDay = (day: string): string => `${day}T00:00:00.000Z`

/** Every day from `from` to `to`, both included. */
export const daysBetween = (from: string, to: string): string[] => {
  const days: string[] = []
  for (let n = dayNumberOf(from); n <= dayNumberOf(to); n++) days.push(dayFromNumber(n))
  return days
}

/** Groups sorted days into runs of consecutive days: [['2026-01-01','2026-01-03'], ...]. */
export const consecutiveRuns = (days: string[]): Array<[string, string]> => {
  const sorted = [...new Set(days)].sort()
  const runs: Array<[string, string]> = []
  for (const day of sorted) {
    const last = runs[runs.length - 1]
    if (last && dayNumberOf(day) === dayNumberOf(last[1]) + 1) last[1] = day
    else runs.push([day, day])
  }
  return runs
}
