import type { Payload, PayloadRequest } from 'payload'

import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'

import { isPostgres, queryRows, sqlAdapter, transactionDb } from '@/lib/drizzle'

import { addDays, startOfDay } from './days'

// The database seam is src/lib/drizzle; these names are kept for the analytics modules.
export { queryRows }
export const adapterOf = (payload: Payload) => sqlAdapter(payload)
export const isPostgresPayload = (payload: Payload): boolean => isPostgres(payload)

/** Runs a write statement on either database (in the request's transaction) and returns the rows it affected. */
export const executeStatement = async (
  payload: Payload,
  statement: SQL,
  req?: PayloadRequest,
): Promise<number> => {
  const db = req ? await transactionDb(req) : adapterOf(payload).drizzle
  const result = isPostgresPayload(payload) ? await db.execute(statement) : await db.run(statement)
  return num(result?.rowCount ?? result?.rowsAffected ?? result?.changes)
}

/** The UTC day (YYYY-MM-DD) of a timestamp column: Postgres stores timestamptz, SQLite ISO text. */
export const dayOfColumn = (payload: Payload, column: SQL): SQL =>
  isPostgresPayload(payload)
    ? sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`
    : sql`substr(${column}, 1, 10)`

/**
 * A timestamp column's UTC day as a grouping key: a date on Postgres (a cast, much cheaper per
 * row to compute and to sort than to_char's text), the ISO text's first ten characters on SQLite.
 * dayTextOfKey and dayNumberOfKey turn the grouped key into the stored forms.
 */
export const dayKeyOfColumn = (payload: Payload, column: SQL): SQL =>
  isPostgresPayload(payload) ? sql`cast(${column} at time zone 'UTC' as date)` : sql`substr(${column}, 1, 10)`

/** A day key (dayKeyOfColumn) as YYYY-MM-DD text. */
export const dayTextOfKey = (payload: Payload, key: SQL): SQL =>
  isPostgresPayload(payload) ? sql`to_char(${key}, 'YYYY-MM-DD')` : key

/** A day key's (dayKeyOfColumn) days since 1970-01-01. */
export const dayNumberOfKey = (payload: Payload, key: SQL): SQL =>
  isPostgresPayload(payload) ? sql`(${key} - date '1970-01-01')` : dayNumberOfText(payload, key)

/** Days since 1970-01-01 of a YYYY-MM-DD text expression (see days.ts), on either database. */
export const dayNumberOfText = (payload: Payload, day: SQL): SQL =>
  isPostgresPayload(payload)
    ? sql`(cast(${day} as date) - date '1970-01-01')`
    : sql`cast(julianday(${day}) - 2440587.5 as integer)`

/** An ISO timestamp as a value for a timestamp column in INSERT ... SELECT (Postgres needs the type). */
export const timestampValue = (payload: Payload, iso: string): SQL =>
  isPostgresPayload(payload) ? sql`cast(${iso} as timestamptz)` : sql`${iso}`

/** Column names for an INSERT's column list (unqualified, as both databases want them there). */
export const columnList = (columns: Array<{ name: string }>): SQL =>
  sql.join(
    columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  )

/** Numbers come back as strings from Postgres numeric columns and as numbers from SQLite. */
export const num = (value: unknown): number => {
  if (value === null || value === undefined || value === '') return 0
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : 0
}

export const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : num(value)

export const isoOrNull = (value: unknown): string | null => {
  if (value === null || value === undefined) return null
  const date = value instanceof Date ? value : new Date(String(value).replace(' ', 'T').replace(/\+00$/, 'Z'))
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** A run of whole UTC days, both ends included; null is every day. */
export type DayRange = [string, string] | null

export const inRange = (column: unknown, range: DayRange): SQL =>
  range
    ? sql`${column} >= ${startOfDay(range[0])} and ${column} < ${startOfDay(addDays(range[1], 1))}`
    : sql`1 = 1`

export const dayInRange = (column: unknown, range: DayRange): SQL =>
  range ? sql`${column} >= ${range[0]} and ${column} <= ${range[1]}` : sql`1 = 1`
