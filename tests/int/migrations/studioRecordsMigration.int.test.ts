import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrations } from '@/migrations'

import {
  type MigrationArgs,
  type MigrationDatabase,
  migratedUpTo,
  migrationIndex,
} from '../../support/setup/migrationDatabase'

const TABLES = [
  'photo_uploads',
  'generations',
  'generation_results',
  'credit_ledger',
  'credit_adjustments',
  'test_renders',
  'purchases',
]

/**
 * The studio_records migration (issue 24) on a database as the analytics_studios migration left
 * it: every existing row of the studio's books takes its package's, customer's, shoot's or
 * theme's studio (see the migration for each table's order), else the default studio; down,
 * up, down and up again give the same, and row counts never change.
 */
describe('the studio records migration', () => {
  let database: MigrationDatabase | undefined
  let args: MigrationArgs
  const index = migrationIndex('_studio_records')
  const query = <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    database!.query<T>(text, values)
  const id = async (text: string, values: unknown[] = []) =>
    Number((await query<{ id: number }>(`${text} returning id`, values))[0].id)
  const ids = { defaultStudio: 0, harbor: 0, harborPackage: 0, harborTheme: 0, harborCustomer: 0, loner: 0 }

  const counts = async () => {
    const result: Record<string, number> = {}
    for (const table of TABLES)
      result[table] = (await query<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n
    return result
  }
  /** Each table's rows as (marker, studio), by the marker the test gave them. */
  const studios = async () => ({
    photo_uploads: await query(`select filename as m, studio_id as s from photo_uploads order by 1`),
    generations: await query(`select custom_prompt as m, studio_id as s from generations order by 1`),
    generation_results: await query(
      `select filename as m, studio_id as s from generation_results order by 1`,
    ),
    credit_ledger: await query(`select reason as m, studio_id as s from credit_ledger order by 1`),
    credit_adjustments: await query(`select reason as m, studio_id as s from credit_adjustments order by 1`),
    test_renders: await query(`select prompt as m, studio_id as s from test_renders order by 1`),
    purchases: await query(`select stripe_session_id as m, studio_id as s from purchases order by 1`),
  })

  beforeAll(async () => {
    database = await migratedUpTo(index, 'pp_studio_records')
    ;({ args } = database)
    ids.defaultStudio = Number((await query<{ id: number }>('select min(id) as id from studios'))[0].id)
    ids.harbor = await id(`insert into studios (name, slug) values ('Harbor', 'harbor-records')`)
    ids.harborPackage = await id(
      `insert into photo_packages (name, slug, category, images_per_generation, base_prompt_template, is_active, studio_id)
       values ('Harbor', 'harbor-records', 'artistic', 3, 'A portrait of {subject}', true, $1)`,
      [ids.harbor],
    )
    ids.harborTheme = await id(
      `insert into package_themes (package_id, name, setting_prompt, studio_id) values ($1, 'Dock', 'a dock', $2)`,
      [ids.harborPackage, ids.harbor],
    )
    ids.harborCustomer = await id(
      `insert into users (email, role, studio_id) values ('harbor@example.com', 'customer', $1)`,
      [ids.harbor],
    )
    ids.loner = await id(`insert into users (email, role) values ('loner@example.com', 'customer')`)
    const { harborCustomer, loner, harborPackage, harborTheme } = ids
    await query(
      `insert into photo_uploads (owner_id, filename) values ($1, 'by-customer'), ($2, 'by-default')`,
      [harborCustomer, loner],
    )
    const shoot = (marker: string, owner: number, pkg: number | null) =>
      id(
        `insert into generations (owner_id, package_id, custom_prompt, portrait_type, image_count, shoot_cost)
         values ($1, $2, $3, 'single', 1, 1)`,
        [owner, pkg, marker],
      )
    const byPackage = await shoot('by-package', loner, harborPackage)
    const byDefault = await shoot('by-default', loner, null)
    await query(
      `insert into generation_results (owner_id, generation_id, index, filename)
       values ($1, $2, 0, 'by-shoot'), ($1, $3, 0, 'by-default')`,
      [loner, byPackage, byDefault],
    )
    await query(
      `insert into credit_ledger (user_id, wallet_id, kind, amount, balance_after, reason)
       values ($1, null, 'trial_grant', 1, 1, 'by-customer'), ($2, $3, 'admin_grant', 1, 1, 'by-wallet'),
              ($2, null, 'admin_grant', 1, 2, 'by-default')`,
      [harborCustomer, loner, harborPackage],
    )
    await query(
      `insert into credit_adjustments (user_id, wallet_id, amount, reason)
       values ($1, null, 1, 'by-customer'), ($2, $3, 1, 'by-wallet'), ($2, null, 1, 'by-default')`,
      [harborCustomer, loner, harborPackage],
    )
    await query(
      `insert into test_renders (theme_id, portrait_type, prompt) values ($1, 'single', 'by-theme'), (null, 'single', 'by-default')`,
      [harborTheme],
    )
    await query(
      `insert into purchases (stripe_session_id, package_id, owner_id, studio_id, amount_cents, shoots, currency, status)
       values ('by-package', $1, $2, null, 100, 1, 'usd', 'paid'), ('by-customer', null, $3, null, 100, 1, 'usd', 'paid'),
              ('kept', $1, $2, $4, 100, 1, 'usd', 'paid'), ('by-default', null, $2, null, 100, 1, 'usd', 'paid')`,
      [harborPackage, loner, harborCustomer, ids.defaultStudio],
    )
    await migrations[index].up(args)
  }, 600_000)

  afterAll(() => database?.close())

  const expected = () => {
    const [d, h] = [ids.defaultStudio, ids.harbor]
    return {
      photo_uploads: [
        { m: 'by-customer', s: h },
        { m: 'by-default', s: d },
      ],
      generations: [
        { m: 'by-default', s: d },
        { m: 'by-package', s: h },
      ],
      generation_results: [
        { m: 'by-default', s: d },
        { m: 'by-shoot', s: h },
      ],
      credit_ledger: [
        { m: 'by-customer', s: h },
        { m: 'by-default', s: d },
        { m: 'by-wallet', s: h },
      ],
      credit_adjustments: [
        { m: 'by-customer', s: h },
        { m: 'by-default', s: d },
        { m: 'by-wallet', s: h },
      ],
      test_renders: [
        { m: 'by-default', s: d },
        { m: 'by-theme', s: h },
      ],
      // A sale that recorded its studio keeps it (the default studio, though its package is Harbor's).
      purchases: [
        { m: 'by-customer', s: h },
        { m: 'by-default', s: d },
        { m: 'by-package', s: h },
        { m: 'kept', s: d },
      ],
    }
  }

  it('gives every existing row its package’s, customer’s, shoot’s or theme’s studio, else the default', async () => {
    expect(await studios()).toEqual(expected())
  })

  it('goes down (no studio column left but the sales’) and up again, twice, with the same rows', async () => {
    const before = await counts()
    for (const round of [1, 2]) {
      await migrations[index].down(args)
      const left = await query<{ table_name: string }>(
        `select table_name from information_schema.columns where column_name = 'studio_id' and table_name = any($1)`,
        [TABLES],
      )
      expect(
        left.map((row) => row.table_name),
        `round ${round}`,
      ).toEqual(['purchases'])
      expect(await counts(), `round ${round}`).toEqual(before)
      await migrations[index].up(args)
      expect(await counts(), `round ${round}`).toEqual(before)
      expect(await studios(), `round ${round}`).toEqual(expected())
    }
  })
})
