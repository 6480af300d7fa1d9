/**
 * Seasons are yearly month-day windows ('MM-DD'), inclusive at both ends, so a window
 * such as 12-01..01-06 wraps the new year and holds every year.
 */
export const MONTH_DAY_PATTERN = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export const monthDayProblem = (value: unknown): string | null => {
  if (typeof value !== 'string' || !MONTH_DAY_PATTERN.test(value)) {
    return 'must be a month and day written MM-DD, for example 12-01'
  }
  const [month, day] = value.split('-').map(Number)
  if (day > DAYS_IN_MONTH[month - 1]) return `day ${day} does not exist in month ${month}`
  return null
}

const toOrdinal = (monthDay: string): number => {
  const [month, day] = monthDay.split('-').map(Number)
  return month * 100 + day
}

export const monthDayOf = (date: Date): string =>
  `${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`

export interface SeasonalFields {
  isSeasonal?: boolean | null
  seasonStart?: string | null
  seasonEnd?: string | null
}

export const isInSeason = (theme: SeasonalFields, at: Date = new Date()): boolean => {
  if (!theme.isSeasonal) return true
  if (!theme.seasonStart || !theme.seasonEnd) return false
  const today = toOrdinal(monthDayOf(at))
  const start = toOrdinal(theme.seasonStart)
  const end = toOrdinal(theme.seasonEnd)
  return start <= end ? today >= start && today <= end : today >= start || today <= end
}

/** The next date (UTC, today included) on which the season opens; null when not seasonal. */
export const nextSeasonStart = (theme: SeasonalFields, from: Date = new Date()): Date | null => {
  if (!theme.isSeasonal || !theme.seasonStart) return null
  const [month, day] = theme.seasonStart.split('-').map(Number)
  const year = from.getUTCFullYear()
  const candidate = new Date(Date.UTC(year, month - 1, day))
  const today = new Date(Date.UTC(year, from.getUTCMonth(), from.getUTCDate()))
  return candidate >= today ? candidate : new Date(Date.UTC(year + 1, month - 1, day))
}
