import { DomainError } from './errors'

/** SQLSTATE codes a client's input can cause, and what they mean to that client. */
const INPUT_ERRORS: Record<string, string> = {
  '22P02': 'A value has the wrong type for its field.',
  '22003': 'A number is out of range for its field.',
  '22021': 'A text value holds a character the database cannot store.',
  '22P05': 'A text value holds a character the database cannot store.',
  '22007': 'A date is not valid.',
  '22008': 'A date is out of range.',
  '22001': 'A text value is too long for its field.',
  '23502': 'A required field is missing.',
  '23503': 'A relationship names a document that does not exist.',
}
const BUSY_ERRORS = new Set(['40001', '40P01', '55P03', '57014', '53300'])

const camel = (column: string) =>
  column.replace(/_id$/, '').replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())

interface SqlState {
  code: string
  detail?: string
  column?: string
  table?: string
  /** The statement, when the driver's wrapper (drizzle's DrizzleQueryError) gives it. */
  query?: string
}

/**
 * SQLite's (libsql's) constraint and lock errors as the SQLSTATE Postgres gives the same fault:
 * `SQLITE_CONSTRAINT_FOREIGNKEY: FOREIGN KEY constraint failed`, `... NOT NULL constraint failed:
 * users_tenants.id`, `... UNIQUE constraint failed: users.email`, SQLITE_BUSY. Null for others.
 */
const sqliteState = (code: string, message: string): Omit<SqlState, 'query'> | null => {
  if (!code.startsWith('SQLITE_')) return null
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return { code: '55P03' }
  const named = /(NOT NULL|UNIQUE) constraint failed: ([a-z0-9_]+)\.([a-z0-9_]+)/i.exec(message)
  if (/FOREIGN KEY constraint failed/i.test(message)) return { code: '23503' }
  if (named?.[1].toUpperCase() === 'NOT NULL') return { code: '23502', table: named[2], column: named[3] }
  if (named) return { code: '23505', table: named[2], column: named[3] }
  return null
}

const sqlState = (error: unknown): SqlState | null => {
  let query: string | undefined
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as {
      code?: unknown
      detail?: string
      column?: string
      table?: string
      query?: unknown
      cause?: unknown
    }
    if (typeof candidate.query === 'string') query ??= candidate.query
    const sqlite =
      typeof candidate.code === 'string' && sqliteState(candidate.code, String((current as Error).message))
    if (sqlite) return { ...sqlite, query }
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        detail: candidate.detail,
        column: candidate.column,
        table: candidate.table,
        query,
      }
    }
    current = candidate.cause
  }
  return null
}

/**
 * A delete that other rows still point at: a foreign key that restricts (23503) or one that
 * would set a required column to null (23502). The caller must remove or reassign those first.
 */
const referencedOnDelete = (state: SqlState): DomainError | null => {
  if (!/^\s*delete\b/i.test(state.query ?? '') || (state.code !== '23502' && state.code !== '23503'))
    return null
  const table =
    state.code === '23502'
      ? state.table
      : /referenced from table "([a-z0-9_]+)"/.exec(state.detail ?? '')?.[1]
  const where = table
    ? `${table.replace(/_/g, '-')}${state.column ? ` (${camel(state.column)})` : ''}`
    : 'other documents'
  return new DomainError(
    409,
    `This document is still referred to by ${where}: remove or reassign those first.`,
  )
}

/**
 * The safety net behind the request guard: a Postgres (or SQLite, see sqliteState) error caused by input (a malformed
 * value, a missing relation, a duplicate) becomes a 4xx naming the field when the database
 * says which; deleting a row others still need a 409 naming them; contention (deadlock, lock
 * timeout) a 503. Anything else stays unhandled (null).
 */
export const databaseRefusal = (error: unknown): DomainError | null => {
  const state = sqlState(error)
  if (!state) return null
  if (BUSY_ERRORS.has(state.code)) return new DomainError(503, 'The database is busy. Please try again.')
  const referenced = referencedOnDelete(state)
  if (referenced) return referenced
  const column = state.column ?? /Key \(([a-z0-9_]+)\)/.exec(state.detail ?? '')?.[1]
  const field = column ? camel(column) : undefined
  if (state.code === '23505') {
    return new DomainError(409, `${field ?? 'A value'} is already taken.`, field ? { field } : {})
  }
  const message = INPUT_ERRORS[state.code]
  if (!message) return null
  return new DomainError(400, field ? `${field}: ${message}` : message, field ? { field } : {})
}
