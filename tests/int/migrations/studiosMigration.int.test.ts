import { drizzle } from '@payloadcms/db-postgres/drizzle/node-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrations } from '@/migrations'

import { runBootstrap } from '../../support/setup/bootstrap'
import { createFreshDatabase, dropDatabase, ensureTemplateDatabase } from '../../support/setup/database'
import { type MigrationArgs, migratedUpTo, migrationIndex } from '../../support/setup/migrationDatabase'

/**
 * A copy of the migrated and seeded template. Another checkout's run on this server may have
 * replaced (and dropped) it since this run started: it is then built again, as globalSetup does.
 */
const seededCopy = async () => {
  const template = () =>
    ensureTemplateDatabase(async (uri) => {
      const saved = process.env.DATABASE_URI
      process.env.DATABASE_URI = uri
      try {
        await runBootstrap()
      } finally {
        process.env.DATABASE_URI = saved
      }
    })
  return createFreshDatabase('pp_studios', await template()).catch(async () =>
    createFreshDatabase('pp_studios', await template()),
  )
}

const CATALOG_TABLES = [
  'media',
  'photo_packages',
  'package_themes',
  'package_pricing_tiers',
  'package_bundles',
]

/**
 * The studios migration (issue 24) on a copy of the migrated and seeded database the int runs
 * start from (the template; with TEST_DATABASE_TEMPLATE=0, the committed migrations on an empty
 * database): down, then up, down and up again. After each up one default studio owns every
 * catalog row and every editor works in it; row counts never change; down leaves no trace.
 */
describe('the studios migration', () => {
  const index = migrationIndex('_studios')
  let args: MigrationArgs
  let run: (text: string, values?: unknown[]) => Promise<unknown[]>
  let close: () => Promise<void>
  const logged: string[] = []
  const query = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    (await run(text, values)) as T[]
  const seeded = process.env.TEST_DATABASE_TEMPLATE !== '0'

  beforeAll(async () => {
    if (!seeded) {
      const database = await migratedUpTo(migrations.length, 'pp_studios', logged)
      ;({ args, close } = database)
      run = database.query
      return
    }
    const database = await seededCopy()
    const client = new pg.Client({ connectionString: database.uri })
    run = async (text, values = []) => (await client.query(text, values)).rows
    close = async () => {
      await client.end().catch(() => undefined)
      await dropDatabase(database.name)
    }
    await client.connect()
    const logger = { info: (entry: { msg: string }) => logged.push(entry.msg) }
    args = { db: drizzle(client), payload: { logger }, req: undefined } as unknown as MigrationArgs
  }, 600_000)

  afterAll(() => close?.())

  const counts = async () => {
    const result: Record<string, number> = {}
    for (const table of [...CATALOG_TABLES, 'users'])
      result[table] = (await query<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n
    result.editors = (
      await query<{ n: number }>(`select count(*)::int as n from users where role = 'editor'`)
    )[0].n
    return result
  }

  const columns = async (table: string) =>
    (
      await query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_name = $1`,
        [table],
      )
    ).map((row) => row.column_name)

  const down = async () => {
    // Later migrations first, as `payload migrate:down` would take them.
    for (const migration of migrations.slice(index).reverse()) await migration.down(args)
  }
  const up = async () => {
    for (const migration of migrations.slice(index)) await migration.up(args)
  }

  const expectOneStudioOwnsEverything = async () => {
    const studios = await query<{ id: number; name: string; slug: string; branding_email_from: string }>(
      'select id, name, slug, branding_email_from from studios',
    )
    expect(studios).toHaveLength(1)
    expect(studios[0].name).toBe(process.env.STUDIO_NAME?.trim() || 'Photo Packages')
    expect(studios[0].branding_email_from).toMatch(/@/)
    for (const table of CATALOG_TABLES) {
      const owners = await query<{ studio_id: number | null; n: number }>(
        `select studio_id, count(*)::int as n from ${table} group by studio_id`,
      )
      for (const row of owners) expect(row.studio_id, table).toBe(studios[0].id)
    }
    const editors = await query<{ id: number; tenants: number[] }>(
      `select u.id, coalesce(array_agg(t.tenant_id) filter (where t.tenant_id is not null), '{}') as tenants
       from users u left join users_tenants t on t._parent_id = u.id where u.role = 'editor' group by u.id`,
    )
    expect(editors.length).toBeGreaterThan(0)
    for (const editor of editors) expect(editor.tenants).toEqual([studios[0].id])
    const others = await query<{ n: number }>(
      `select count(*)::int as n from users_tenants t join users u on u.id = t._parent_id where u.role <> 'editor'`,
    )
    expect(others[0].n).toBe(0)
  }

  it('down takes studios away, and up gives every old row and editor the default studio; counts unchanged', async () => {
    const before = await counts()
    if (seeded) expect(before.photo_packages).toBeGreaterThan(0)
    await down()
    expect(await columns('studios')).toEqual([])
    expect(await columns('users_tenants')).toEqual([])
    for (const table of CATALOG_TABLES) expect(await columns(table), table).not.toContain('studio_id')
    expect(await counts()).toEqual(before)
    // An editor and a package from before studios, written as the old schema had them.
    await query(`insert into users (email, role) values ('old-editor@example.com', 'editor')`)
    await query(
      `insert into photo_packages (name, slug, category, images_per_generation, base_prompt_template, is_active)
       values ('Old package', 'old-package', 'wedding', 3, 'A portrait of {subject}', false)`,
    )
    const old = await counts()
    await up()
    expect(await counts()).toEqual(old)
    await expectOneStudioOwnsEverything()
    expect(logged.some((line) => /default studio/.test(line))).toBe(true)
  })

  it('down and up again give the same', async () => {
    const before = await counts()
    await down()
    expect(await counts()).toEqual(before)
    await up()
    expect(await counts()).toEqual(before)
    await expectOneStudioOwnsEverything()
  })
})
