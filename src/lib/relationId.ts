type Relation<T extends number | string> = T | { id: T }

/** The id behind a relationship value, whether it is populated (a document) or not (the id). */
export function relationId<T extends number | string>(value: Relation<T>): T
export function relationId<T extends number | string>(value: Relation<T> | null | undefined): T | undefined
export function relationId<T extends number | string>(value: Relation<T> | null | undefined): T | undefined {
  if (value === null || value === undefined) return undefined
  return typeof value === 'object' ? value.id : value
}
