import { drizzle } from '@payloadcms/db-postgres/drizzle/node-postgres'
import pg from 'pg'

import { migrations } from '@/migrations'

import { createFreshDatabase, dropDatabase } from './database'

export type Migration = (typeof migrations)[number]
/** What a migration's up and down are given: `db` (drizzle on the client) and a logger-only `payload`. */
export type MigrationArgs = Parameters<Migration['up']>[0]

/** The position in the committed migrations of the one whose name ends with `suffix`; throws if none. */
export const migrationIndex = (suffix: string): number => {
  const index = migrations.findIndex((migration) => migration.name.endsWith(suffix))
  if (index <= 0) throw new Error(`No committed migration after the first ends with ${suffix}`)
  return index
}

export interface MigrationDatabase {
  args: MigrationArgs
  /** Runs SQL on the database; the rows. */
  query: <T = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>
  /** Ends the connection and drops the database. */
  close: () => Promise<void>
}

/**
 * A fresh database (named `prefix`_…) with the committed migrations before `index` run on it, as
 * the data migration under test finds a production database: the test then writes old-style rows
 * with plain SQL and runs `migrations[index].up(args)` itself. The migrations log through
 * `args.payload.logger.info`, whose messages go to `logged`.
 */
export const migratedUpTo = async (
  index: number,
  prefix: string,
  logged: string[] = [],
): Promise<MigrationDatabase> => {
  const database = await createFreshDatabase(prefix)
  const client = new pg.Client({ connectionString: database.uri })
  const close = async () => {
    await client.end().catch(() => undefined)
    await dropDatabase(database.name)
  }
  try {
    await client.connect()
    const logger = { info: (entry: { msg: string }) => logged.push(entry.msg) }
    const args = { db: drizzle(client), payload: { logger }, req: undefined } as unknown as MigrationArgs
    for (const migration of migrations.slice(0, index)) await migration.up(args)
    const query = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
      (await client.query(text, values)).rows as T[]
    return { args, query, close }
  } catch (error) {
    await close()
    throw error
  }
}
