import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrations } from '@/migrations'

import {
  type MigrationArgs,
  type MigrationDatabase,
  migratedUpTo,
  migrationIndex,
} from '../../support/setup/migrationDatabase'

/**
 * The analytics_studios migration (issue 24) on a database as the studios and Connect migrations
 * left it: every existing shoot's analytics row takes its package's studio, else its customer's,
 * else the default studio's; a Connect purchase takes the fee its studio's percent gives and a
 * platform sale 0; rollup rows take their package's studio; and no run keeps stored figures, so
 * the next run rebuilds every day with the studios.
 */
describe('the analytics per studio migration', () => {
  let database: MigrationDatabase | undefined
  let args: MigrationArgs
  const index = migrationIndex('_analytics_studios')
  const query = <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    database!.query<T>(text, values)
  const id = async (text: string, values: unknown[] = []) =>
    Number((await query<{ id: number }>(`${text} returning id`, values))[0].id)
  const ids = { defaultStudio: 0, harbor: 0, p0: 0, p1: 0, customer: 0 }

  beforeAll(async () => {
    database = await migratedUpTo(index, 'pp_analytics_studios')
    ;({ args } = database)
    ids.defaultStudio = Number((await query<{ id: number }>('select min(id) as id from studios'))[0].id)
    ids.harbor = await id(
      `insert into studios (name, slug, platform_fee_percent) values ('Harbor', 'harbor', 12.5)`,
    )
    const pkg = (slug: string, studio: number) =>
      id(
        `insert into photo_packages (name, slug, category, images_per_generation, base_prompt_template, is_active, studio_id)
         values ($1, $1, 'artistic', 3, 'A portrait of {subject}', true, $2)`,
        [slug, studio],
      )
    ids.p0 = await pkg('old-default', ids.defaultStudio)
    ids.p1 = await pkg('old-harbor', ids.harbor)
    ids.customer = await id(
      `insert into users (email, role, studio_id) values ('harbor-buyer@example.com', 'customer', $1)`,
      [ids.harbor],
    )
    const row = (status: string, packageId: number | null, userId: number | null) =>
      query(`insert into package_analytics (package_id, user_id, status) values ($1, $2, $3)`, [
        packageId,
        userId,
        status,
      ])
    await row('by-package', ids.p1, null)
    await row('by-customer', null, ids.customer)
    await row('by-default', null, null)
    await row('default-package', ids.p0, ids.customer)
    const sale = (session: string, account: string | null, studio: number, amount: number) =>
      query(
        `insert into purchases (stripe_session_id, stripe_account_id, studio_id, amount_cents, shoots, currency, status)
         values ($1, $2, $3, $4, 4, 'usd', 'paid')`,
        [session, account, studio, amount],
      )
    await sale('cs_connect', 'acct_harbor', ids.harbor, 1999)
    await sale('cs_platform', null, ids.defaultStudio, 2999)
    await query(`insert into analytics_rollups (key, day, package_id) values ($1, '2026-12-01', $2)`, [
      `2026-12-01|${ids.p1}|-`,
      ids.p1,
    ])
    await query(
      `insert into analytics_rollup_runs (started_at, trigger, mode, status, user_figures)
       values (now(), 'schedule', 'full', 'succeeded', '{"to": "2026-12-01", "frames": {}}')`,
    )
    await migrations[index].up(args)
  }, 600_000)

  afterAll(() => database?.close())

  it("gives each shoot's analytics row its package's studio, else its customer's, else the default studio's", async () => {
    expect(await query(`select status, studio_id as studio from package_analytics order by status`)).toEqual([
      { status: 'by-customer', studio: ids.harbor },
      { status: 'by-default', studio: ids.defaultStudio },
      { status: 'by-package', studio: ids.harbor },
      { status: 'default-package', studio: ids.defaultStudio },
    ])
  })

  it("records a Connect sale's fee at its studio's percent, a platform sale's as 0", async () => {
    expect(
      await query(
        `select stripe_session_id as session, application_fee_cents::int as fee from purchases order by stripe_session_id`,
      ),
    ).toEqual([
      // round(1999 × 12.5 / 100) = round(249.875)
      { session: 'cs_connect', fee: 250 },
      { session: 'cs_platform', fee: 0 },
    ])
  })

  it('gives rollup rows their package’s studio, and leaves no run whose figures would skip the rebuild', async () => {
    expect(await query(`select studio_id as studio from analytics_rollups`)).toEqual([{ studio: ids.harbor }])
    expect(
      await query(`select count(*)::int as runs from analytics_rollup_runs where user_figures is not null`),
    ).toEqual([{ runs: 0 }])
  })

  it('goes down and up again', async () => {
    await migrations[index].down(args)
    await migrations[index].up(args)
    expect(
      await query(`select count(*)::int as rows from package_analytics where studio_id is null`),
    ).toEqual([{ rows: 0 }])
  })
})
