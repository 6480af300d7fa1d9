import { randomUUID } from 'node:crypto'

import type { DatabaseAdapterObj } from 'payload'

/**
 * The embedded SQLite file never hands out a deleted row's id again, like Postgres' sequences.
 *
 * SQLite gives a new row the highest rowid + 1 unless the table is declared AUTOINCREMENT: delete
 * the newest shoot and the next one gets its id. The adapter's `autoIncrement: true` declares every
 * document table so on a new file; this wrapper moves a file made before that over, once, before
 * Payload pushes the schema (drizzle's push cannot: it fails recreating the tables). Each table is
 * rebuilt the way SQLite's documentation says to change a table (create the new one, copy every
 * row with its id, drop the old, rename, recreate its indexes), all tables in one transaction with
 * foreign key checks off. Its sequence starts above its highest id and above any id the credit
 * ledger still names (`generation:7` for a deleted generation 7), so history keeps naming one row.
 *
 * After the push, rows from before `uuid` fields existed get one, and the ledger rows naming such a
 * row by id are renamed to its uuid (see src/billing/ledgerNames.ts).
 */

interface SqlResult {
  rows: Array<Record<string, unknown>>
}
type SqlStatement = string | { sql: string; args: Array<string | number> }
/** The part of @libsql/client's Client this uses (the adapter's own connection). */
interface SqlClient {
  execute: (statement: SqlStatement) => Promise<SqlResult>
  batch: (statements: SqlStatement[], mode: 'write') => Promise<unknown>
}
interface SqliteDb {
  client: SqlClient
  push?: boolean
  rawTables: Record<string, { name: string; columns: Record<string, { autoIncrement?: boolean }> }>
  connect: (options?: { hotReload?: boolean }) => Promise<void>
}

/** A table whose rows the ledger names: `<subject>:<id>` in credit_ledger.reference before uuids. */
export interface LedgerNamedTable {
  table: string
  subject: string
}

const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``

/**
 * Ledger columns that named a row by id before uuids: `reference` `generation:12` and
 * `purchase:3`, and the trial grant's key `trial:<user id>` (erasing a user keeps the row).
 */
const NAMED_BY_ID: Record<string, { column: string; prefix: string }> = {
  users: { column: 'idempotency_key', prefix: 'trial:' },
}

/** The highest id the ledger's `column` names after `prefix` (`generation:12` → 12), or 0. */
const highestNamedId = async (client: SqlClient, column: string, prefix: string): Promise<number> => {
  const start = prefix.length + 1
  const result = await client.execute({
    sql: `SELECT max(CAST(substr(${quote(column)}, ?) AS INTEGER)) AS id FROM credit_ledger
          WHERE ${quote(column)} LIKE ? AND substr(${quote(column)}, ?) <> ''
            AND substr(${quote(column)}, ?) NOT GLOB '*[^0-9]*'`,
    args: [start, `${prefix}%`, start, start],
  })
  return Number(result.rows[0]?.id ?? 0)
}

/** Rebuilds every document table still without AUTOINCREMENT; returns the tables it moved over. */
export const moveToAutoIncrement = async (
  client: SqlClient,
  tables: string[],
  named: LedgerNamedTable[],
): Promise<string[]> => {
  const { rows } = await client.execute(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL",
  )
  const existing = new Map(rows.map((row) => [String(row.name), String(row.sql)]))
  const ledger = existing.has('credit_ledger')
  const statements: string[] = []
  const moved: string[] = []
  for (const table of tables) {
    const sql = existing.get(table)
    if (!sql || /AUTOINCREMENT/i.test(sql)) continue
    const idColumn = /(`id`|"id"|\bid)\s+integer\s+PRIMARY\s+KEY/i
    if (!idColumn.test(sql)) continue
    const temporary = `${table}__autoincrement`
    const created = sql
      .replace(/^CREATE TABLE\s+(`[^`]+`|"[^"]+"|\S+)/i, `CREATE TABLE ${quote(temporary)}`)
      .replace(idColumn, (match) => `${match} AUTOINCREMENT`)
    const indexes = await client.execute({
      sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
      args: [table],
    })
    const subject = named.find((entry) => entry.table === table)?.subject
    const byId = NAMED_BY_ID[table] ?? (subject ? { column: 'reference', prefix: `${subject}:` } : undefined)
    const floor = ledger && byId ? await highestNamedId(client, byId.column, byId.prefix) : 0
    statements.push(
      created,
      `INSERT INTO ${quote(temporary)} SELECT * FROM ${quote(table)}`,
      `DROP TABLE ${quote(table)}`,
      `ALTER TABLE ${quote(temporary)} RENAME TO ${quote(table)}`,
      ...indexes.rows.map((row) => String(row.sql)),
      // The copy set the sequence to the highest id; an empty table has no row in it yet.
      `INSERT INTO sqlite_sequence (name, seq) SELECT '${table}', 0
         WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '${table}')`,
      `UPDATE sqlite_sequence SET seq = max(seq, ${Math.trunc(floor)}) WHERE name = '${table}'`,
    )
    moved.push(table)
  }
  if (statements.length === 0) return moved
  const foreignKeys = Number((await client.execute('PRAGMA foreign_keys')).rows[0]?.foreign_keys ?? 0)
  // Must be set outside the transaction; dropping a table others point at is allowed only so.
  if (foreignKeys) await client.execute('PRAGMA foreign_keys = OFF')
  try {
    await client.batch(statements, 'write')
  } finally {
    if (foreignKeys) await client.execute('PRAGMA foreign_keys = ON')
  }
  return moved
}

/**
 * Gives each row of `named` tables without a uuid a new one, and renames the credit ledger's rows
 * that named it by id (`generation:7`) to its uuid (`generation:<uuid>`), in one transaction.
 */
export const fillMissingUuids = async (client: SqlClient, named: LedgerNamedTable[]): Promise<number> => {
  const statements: SqlStatement[] = []
  for (const { table, subject } of named) {
    const columns = await client.execute(`PRAGMA table_info(${quote(table)})`)
    // A file whose schema was never pushed (production start) has nothing to fill.
    if (!columns.rows.some((column) => column.name === 'uuid')) continue
    const { rows } = await client.execute(`SELECT id FROM ${quote(table)} WHERE uuid IS NULL`)
    for (const row of rows) {
      const uuid = randomUUID()
      statements.push(
        { sql: `UPDATE ${quote(table)} SET uuid = ? WHERE id = ?`, args: [uuid, Number(row.id)] },
        {
          sql: 'UPDATE credit_ledger SET reference = ? WHERE reference = ?',
          args: [`${subject}:${uuid}`, `${subject}:${row.id}`],
        },
      )
    }
  }
  if (statements.length) await client.batch(statements, 'write')
  return statements.length / 2
}

/**
 * Wraps the SQLite adapter: on connect, tables made before `autoIncrement: true` are moved over
 * before the schema push, and rows without a uuid get one after it (both once; later starts find
 * nothing to do).
 */
export const idsNeverReused = (
  adapter: DatabaseAdapterObj,
  named: LedgerNamedTable[],
  log: (message: string) => void,
): DatabaseAdapterObj => ({
  ...adapter,
  init: (args) => {
    const db = adapter.init(args) as unknown as SqliteDb
    const connect = db.connect
    db.connect = async function (this: SqliteDb, options) {
      const push = this.push
      // First only open the file (no push), to move the tables over on it.
      this.push = false
      try {
        await connect.call(this, options)
      } finally {
        this.push = push
      }
      const tables = Object.values(this.rawTables)
        .filter((table) => table.columns.id?.autoIncrement)
        .map((table) => table.name)
      const moved = await moveToAutoIncrement(this.client, tables, named)
      if (moved.length)
        log(`SQLite: ${moved.length} tables now never reuse a deleted row's id (AUTOINCREMENT).`)
      // Again, on the open file: now the push (and nothing else) runs.
      await connect.call(this, { ...options, hotReload: true })
      if (push !== false) {
        const filled = await fillMissingUuids(this.client, named)
        if (filled) log(`SQLite: ${filled} earlier records got their uuid.`)
      }
    }
    return db as unknown as ReturnType<DatabaseAdapterObj['init']>
  },
})
