import type { Payload, PayloadRequest } from 'payload'

import { eq, sql, type SQL } from '@payloadcms/db-postgres/drizzle'

/**
 * The one seam to the SQL underneath Payload: the adapter cast, which database it is, raw
 * queries, and the user row lock. Payload's SQL adapters keep one drizzle handle per open
 * transaction; raw statements that must join the request's transaction go through
 * `transactionDb`. Everything here works on Postgres and on the embedded SQLite file.
 */
export type SqlAdapter = {
  name: string
  drizzle: any
  sessions?: Record<string, { db: any }>
  tables: Record<string, any>
}

type Source = Payload | PayloadRequest

const payloadOf = (source: Source): Payload => (source as PayloadRequest).payload ?? (source as Payload)

export const sqlAdapter = (source: Source): SqlAdapter => payloadOf(source).db as unknown as SqlAdapter

export const isPostgres = (source: Source): boolean => sqlAdapter(source).name === 'postgres'

/** The drizzle handle of `req`'s open transaction, or the adapter's own outside one. */
export const transactionDb = async (req: PayloadRequest): Promise<any> => {
  const adapter = sqlAdapter(req)
  const id = req.transactionID ? await req.transactionID : undefined
  return (id !== undefined && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
}

/** Runs a read query on either database (inside `req`'s transaction when given) and returns plain rows. */
export const queryRows = async <T = Record<string, unknown>>(
  payload: Payload,
  query: SQL,
  req?: PayloadRequest,
): Promise<T[]> => {
  const db = req ? await transactionDb(req) : sqlAdapter(payload).drizzle
  if (isPostgres(payload)) return ((await db.execute(query)) as { rows: T[] }).rows
  return (await db.all(query)) as T[]
}

/**
 * Locks one user's row for the rest of `req`'s transaction (SELECT ... FOR UPDATE on Postgres;
 * SQLite already serialises writers) and returns its shoot balance, or null if there is no such
 * user. Whatever must not race per user (the credit ledger, the prompt lab's daily quota) takes
 * this lock first. Take it before inserting rows that point at the user: those inserts take a
 * key-share lock on the same row, and two transactions that each hold one and then ask for this
 * lock deadlock.
 */
export const lockUserRow = async (
  req: PayloadRequest,
  userId: number | string,
): Promise<{ shootCredits: number; studio: number | undefined } | null> => {
  const db = await transactionDb(req)
  const users = sqlAdapter(req).tables.users
  let select = db
    .select({ shootCredits: users.shootCredits, studio: users.studio })
    .from(users)
    .where(eq(users.id, Number(userId)))
  if (isPostgres(req)) select = select.for('update')
  const [row] = await select
  return row
    ? {
        shootCredits: Number(row.shootCredits ?? 0),
        studio: row.studio == null ? undefined : Number(row.studio),
      }
    : null
}

/** The advisory-lock namespace of `lockKey` (a first key of its own, apart from single-key locks). */
const KEY_LOCK_SPACE = 7_301

/**
 * Serialises the transactions that name the same `key` (e.g. `stripe-intent:pi_123`) until
 * `req`'s transaction ends: a Postgres transaction-scoped advisory lock on the key's hash.
 * SQLite already serialises writers. Call it inside a transaction.
 */
export const lockKey = async (req: PayloadRequest, key: string): Promise<void> => {
  if (!isPostgres(req)) return
  await (
    await transactionDb(req)
  ).execute(sql`select pg_advisory_xact_lock(${KEY_LOCK_SPACE}, hashtext(${key}))`)
}
