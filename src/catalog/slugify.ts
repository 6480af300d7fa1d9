/**
 * The seed's slug rule: lower-case, drop anything but [a-z0-9], whitespace and '-',
 * whitespace to '-', collapse repeated '-'. Leading/trailing '-' are trimmed so a
 * name like "  Wedding!  " still yields a clean slug.
 */
export const slugify = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
