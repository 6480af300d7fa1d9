import { isInSeason, nextSeasonStart, type SeasonalFields } from './season'

const formatDay = (date: Date): string =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date)

/** What the staff list says about a theme's season on a day: the catalog's own rule. */
export const seasonLabel = (
  theme: SeasonalFields,
  now: Date = new Date(),
): { inSeason: boolean; label: string } => {
  if (!theme.isSeasonal) return { inSeason: true, label: 'All year' }
  if (isInSeason(theme, now)) return { inSeason: true, label: `In season (until ${theme.seasonEnd})` }
  const next = nextSeasonStart(theme, now)
  return { inSeason: false, label: next ? `Next season starts ${formatDay(next)}` : 'Out of season' }
}
