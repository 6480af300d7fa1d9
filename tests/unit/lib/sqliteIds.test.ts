import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { createClient, type Client } from '@libsql/client'
import { afterEach, beforeEach, expect, it } from 'vitest'

import { fillMissingUuids, moveToAutoIncrement } from '@/lib/sqliteIds'

const NAMED = [{ table: 'generations', subject: 'generation' }]

let dir: string
let client: Client

/** A file as the app made it before AUTOINCREMENT: rowids reused, the ledger naming rows by id. */
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pp-sqlite-ids-'))
  client = createClient({ url: `file:${path.join(dir, 'old.db')}` })
  await client.executeMultiple(`
    PRAGMA foreign_keys = ON;
    CREATE TABLE \`generations\` (
      \`id\` integer PRIMARY KEY NOT NULL,
      \`owner_id\` integer NOT NULL,
      \`uuid\` text
    );
    CREATE INDEX \`generations_owner_idx\` ON \`generations\` (\`owner_id\`);
    CREATE UNIQUE INDEX \`generations_uuid_idx\` ON \`generations\` (\`uuid\`);
    CREATE TABLE \`generation_results\` (
      \`id\` integer PRIMARY KEY NOT NULL,
      \`generation_id\` integer REFERENCES \`generations\`(\`id\`) ON DELETE cascade
    );
    CREATE TABLE \`credit_ledger\` (
      \`id\` integer PRIMARY KEY NOT NULL,
      \`reference\` text,
      \`idempotency_key\` text
    );
    CREATE TABLE \`users\` (\`id\` integer PRIMARY KEY NOT NULL);
    INSERT INTO users (id) VALUES (1), (2);
    INSERT INTO credit_ledger (id, idempotency_key) VALUES (6, 'trial:1'), (7, 'trial:4');
    INSERT INTO generations (id, owner_id) VALUES (1, 10), (2, 10), (3, 11);
    INSERT INTO generation_results (id, generation_id) VALUES (1, 2);
    INSERT INTO credit_ledger (id, reference) VALUES
      (1, 'generation:1'), (2, 'generation:2'), (3, 'generation:5'), (4, 'purchase:9'), (5, 'trial');
    DELETE FROM generations WHERE id = 3;
  `)
})
afterEach(() => {
  client.close()
  rmSync(dir, { recursive: true, force: true })
})

const tableSql = async (name: string) =>
  String(
    (await client.execute({ sql: 'SELECT sql FROM sqlite_master WHERE name = ?', args: [name] })).rows[0]
      ?.sql,
  )

it('moves an old file over: AUTOINCREMENT, every row and index kept, ids above any the ledger names', async () => {
  // Without AUTOINCREMENT the next row would get 3, the deleted one's id.
  expect(await moveToAutoIncrement(client, ['generations', 'credit_ledger'], NAMED)).toEqual([
    'generations',
    'credit_ledger',
  ])
  expect(await tableSql('generations')).toMatch(/`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL/)
  expect(await tableSql('generation_results')).not.toMatch(/AUTOINCREMENT/)
  const rows = await client.execute('SELECT id, owner_id FROM generations ORDER BY id')
  expect(rows.rows.map((row) => [row.id, row.owner_id])).toEqual([
    [1, 10],
    [2, 10],
  ])
  const indexes = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'generations'",
  )
  expect(indexes.rows.map((row) => row.name).sort()).toEqual([
    'generations_owner_idx',
    'generations_uuid_idx',
  ])
  // The ledger still names a generation 5 (deleted before): the next one is 6, never 3 or 5.
  const created = await client.execute('INSERT INTO generations (owner_id) VALUES (12) RETURNING id')
  expect(created.rows[0].id).toBe(6)
  await client.execute('DELETE FROM generations WHERE id = 6')
  expect(
    (await client.execute('INSERT INTO generations (owner_id) VALUES (12) RETURNING id')).rows[0].id,
  ).toBe(7)
  // Foreign keys still hold: the result row of generation 2 goes with it.
  await client.execute('PRAGMA foreign_keys = ON')
  await client.execute('DELETE FROM generations WHERE id = 2')
  expect((await client.execute('SELECT count(*) AS n FROM generation_results')).rows[0].n).toBe(0)
  // A second start finds nothing to do.
  expect(await moveToAutoIncrement(client, ['generations', 'credit_ledger'], NAMED)).toEqual([])
})

it('starts users above an erased user whose trial grant the ledger keeps (`trial:4`)', async () => {
  expect(await moveToAutoIncrement(client, ['users'], NAMED)).toEqual(['users'])
  expect((await client.execute('INSERT INTO users DEFAULT VALUES RETURNING id')).rows[0].id).toBe(5)
})

it('gives earlier rows a uuid and renames the ledger rows that named them by id', async () => {
  expect(await fillMissingUuids(client, NAMED)).toBe(2)
  const { rows } = await client.execute('SELECT id, uuid FROM generations ORDER BY id')
  for (const row of rows)
    expect(row.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  const ledger = await client.execute('SELECT reference FROM credit_ledger ORDER BY id')
  expect(ledger.rows.map((row) => row.reference)).toEqual([
    `generation:${rows[0].uuid}`,
    `generation:${rows[1].uuid}`,
    // A generation deleted before keeps its old name; no row can take id 5 any more.
    'generation:5',
    'purchase:9',
    'trial',
    null,
    null,
  ])
  expect(await fillMissingUuids(client, NAMED)).toBe(0)
})
