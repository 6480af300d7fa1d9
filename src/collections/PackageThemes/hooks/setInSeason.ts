import type { CollectionBeforeChangeHook } from 'payload'

import { isInSeason, type SeasonalFields } from '@/catalog/season'
import type { PackageTheme } from '@/payload-types'

/** Keeps a theme's inSeason flag right the moment it is saved (the job keeps it right over time). */
export const setInSeason: CollectionBeforeChangeHook<PackageTheme> = ({ data, originalDoc }) => {
  const merged = { ...originalDoc, ...data } as SeasonalFields
  return { ...data, inSeason: isInSeason(merged) }
}
