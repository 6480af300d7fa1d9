import type { CollectionBeforeChangeHook } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { isPostgres, transactionDb } from '@/lib/drizzle'
import type { User } from '@/payload-types'

/** Any fixed number: the advisory lock that serialises "is this the first account?". */
const FIRST_ADMIN_LOCK = 7_370_201

/**
 * The admin panel's "create first user" screen runs as nobody, so the role would default
 * to customer and lock the studio out of its own admin. The very first account is an admin,
 * and only one: count-then-write races (8 parallel sign-ups on an empty database all became
 * admins), so while the table is empty each sign-up takes a transaction-scoped advisory lock
 * and counts again under it; the lock is released when the winner's insert commits.
 */
export const firstUserIsAdmin: CollectionBeforeChangeHook<User> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const count = async () =>
    (await req.payload.count({ collection: 'users', req, overrideAccess: true })).totalDocs
  if ((await count()) > 0) return data
  // SQLite serialises writers already; Postgres needs the lock (inside the create's transaction).
  if (isPostgres(req))
    await (await transactionDb(req)).execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`)
  return (await count()) === 0 ? { ...data, role: 'admin' } : data
}
