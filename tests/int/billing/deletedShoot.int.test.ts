import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { deletedShootStory, type DeletedShootFacts } from '../../support/fixtures/deletedShootStory'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

const root = path.resolve(import.meta.dirname, '../../..')

/** The checks both databases must pass: the second shoot is held and charged, and named right. */
const expectSecondShootCharged = (facts: DeletedShootFacts, options: { idReused: boolean }) => {
  const { first, second } = facts
  expect(second.status).toBe('succeeded')
  expect(second.uuid).not.toBe(first.uuid)
  if (options.idReused) expect(second.id).toBe(first.id)
  else expect(second.id).not.toBe(first.id)
  // Held when it was made, then the hold was spent: the balance went down by its cost.
  expect(facts.secondRows.map((row) => row.kind)).toEqual(['hold', 'charge'])
  expect(facts.secondRows[0].amount).toBe(-second.shootCost)
  expect(facts.balanceAfterSecond).toBe(facts.balanceBeforeSecond - second.shootCost)
  expect(facts.ledgerSum).toBe(facts.balanceAfterSecond)
  // The history names each shoot by its own package, under its own reference.
  const lines = (uuid: string) =>
    facts.history.filter((row) => row.reference === `generation:${uuid}`).map((row) => row.reason)
  expect(lines(second.uuid)).toEqual([
    expect.stringMatching(new RegExp(`^Set aside for generation ${second.id} \\(Professional Headshots · `)),
    expect.stringMatching(new RegExp(`^Spent the 1 shoot held for generation ${second.id}: `)),
  ])
  expect(lines(first.uuid)).toEqual([
    expect.stringMatching(new RegExp(`^Set aside for generation ${first.id} \\(Wedding Portraits · `)),
    expect.stringMatching(new RegExp(`^Spent the 1 shoot held for generation ${first.id}: `)),
  ])
  // The admin's grant is its own line, named by the adjustment.
  expect(facts.history.filter((row) => row.kind === 'admin_grant')).toEqual([
    {
      kind: 'admin_grant',
      amount: 10,
      reason: 'Ten shoots on the house',
      reference: expect.stringMatching(/^adjustment:[0-9a-f-]{36}$/),
    },
  ])
  if (!options.idReused) {
    // Every line that names a generation by number names the one it was written for.
    for (const row of facts.history.filter((r) => /generation \d+/.test(r.reason))) {
      const id = Number(/generation (\d+)/.exec(row.reason)![1])
      expect(row.reference).toBe(`generation:${id === first.id ? first.uuid : second.uuid}`)
    }
  }
}

/**
 * Issue 27: a deleted shoot's id given to the next shoot made that shoot free (its hold's key
 * `hold:generation:<id>` met the deleted one's, so it was skipped as a duplicate) and pointed the
 * old history lines at it. Now no database gives an id again, and the ledger names shoots by uuid.
 */
describe('a shoot made after deleting one is held and charged', { timeout: 300_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
  })
  afterAll(() => server?.close())

  it('on Postgres', async () => {
    expectSecondShootCharged(await deletedShootStory(payload, server.url), { idReused: false })
  })

  it('on Postgres, even when the database gives the deleted id again (a restarted sequence)', async () => {
    const pool = (payload.db as unknown as { pool: { query: (sql: string) => Promise<unknown> } }).pool
    const facts = await deletedShootStory(payload, server.url, async (deletedId) => {
      await pool.query(`ALTER SEQUENCE generations_id_seq RESTART WITH ${Number(deletedId)}`)
    })
    expectSecondShootCharged(facts, { idReused: true })
  })

  it("on the embedded SQLite database (the README's run): the id is not given again", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pp-sqlite-ids-'))
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        SQLITE_URL: `file:${path.join(dir, 'ids.db')}`,
        JOBS_AUTORUN: '0',
        MEDIA_DIR: path.join(dir, 'media'),
        PRIVATE_MEDIA_DIR: path.join(dir, 'private'),
      }
      delete env.DATABASE_URI
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'tests/support/sqlite/sqliteDeletedShoot.ts'],
        {
          cwd: root,
          env,
          encoding: 'utf8',
          timeout: 240_000,
          killSignal: 'SIGKILL',
        },
      )
      expect(run.status, run.stderr.slice(-4000)).toBe(0)
      const line = run.stdout
        .trim()
        .split('\n')
        .find((l) => l.startsWith('{"adapter"'))
      const { adapter, facts } = JSON.parse(line as string) as { adapter: string; facts: DeletedShootFacts }
      expect(adapter).toBe('sqlite')
      expectSecondShootCharged(facts, { idReused: false })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
