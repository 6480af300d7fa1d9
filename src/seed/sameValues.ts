/**
 * Key-order-insensitive deep equality: Postgres jsonb does not keep key order. Inside objects a
 * null or an empty list counts as absent: a group reads back every field (null, or [] for a
 * hasMany field, when empty), and the seed names only the ones it fills.
 */
const stable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stable)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, stable(v)]),
    )
  }
  return value ?? null
}

/** The keys of `wanted` whose values differ from `current`. */
export const changedKeys = (wanted: Record<string, unknown>, current: Record<string, unknown>): string[] =>
  Object.keys(wanted).filter(
    (key) => JSON.stringify(stable(wanted[key])) !== JSON.stringify(stable(current[key])),
  )
