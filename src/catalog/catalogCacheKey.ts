import { monthDayOf } from './season'

export type CatalogView = 'bundles' | 'packages' | 'package' | 'themes' | 'pricing'

/**
 * One key per public catalog response. It carries today's date, so seasonal themes roll
 * over at midnight without waiting for the TTL.
 */
export const catalogCacheKey = (view: CatalogView, scope: string | undefined, now = new Date()): string =>
  `${view}:${scope ?? '*'}@${monthDayOf(now)}`
