/**
 * The catalog's words, once: imported by the collections, the endpoints and client components.
 * Dependency-free (no Payload, no Next) so a browser bundle can take it.
 */
export const PACKAGE_CATEGORIES = ['wedding', 'professional', 'celebration', 'artistic'] as const
export type PackageCategory = (typeof PACKAGE_CATEGORIES)[number]

export const CATEGORY_LABELS: Record<PackageCategory, string> = {
  wedding: 'Wedding',
  professional: 'Professional',
  celebration: 'Celebration',
  artistic: 'Artistic',
}

/** The label for a category value, or the value itself for one this build does not know. */
export const categoryLabel = (value: string): string => CATEGORY_LABELS[value as PackageCategory] ?? value

/**
 * The packages list's computed columns, in list order: virtual fields filled per request
 * (src/collections/PhotoPackages/fields/listColumns.ts), never stored, so a copy skips them.
 */
export const PACKAGE_LIST_COLUMNS = [
  'themeCount',
  'tierCount',
  'catalogStatus',
  'generations30d',
  'revenue30dCents',
] as const
export type PackageListColumn = (typeof PACKAGE_LIST_COLUMNS)[number]
