import type { Payload } from 'payload'

import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'

import { isPostgres, queryRows, sqlAdapter } from '@/lib/drizzle'

// The database seam is src/lib/drizzle; these names are kept for the analytics modules.
export { queryRows }
export const adapterOf = (payload: Payload) => sqlAdapter(payload)
export const isPostgresPayload = (payload: Payload): boolean => isPostgres(payload)

/** The UTC day (YYYY-MM-DD) of a timestamp column: Postgres stores timestamptz, SQLite ISO text. */
export const dayOfColumn = (payload: Payload, column: SQL): SQL =>
  isPostgresPayload(payload) ? sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')` : sql`substr(${column}, 1, 10)`

/** Numbers come back as strings from Postgres numeric columns and as numbers from SQLite. */
export const num = (value: unknown): number => {
  if (value === null || value === undefined || value === '') return 0
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : 0
}

export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : num(value))

export const isoOrNull = (value: unknown): string | null => {
  if (value === null || value === undefined) return null
  const date = value instanceof Date ? value : new Date(String(value).replace(' ', 'T').replace(/\+00$/, 'Z'))
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}
