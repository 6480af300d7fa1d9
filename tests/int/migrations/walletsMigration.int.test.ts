import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrations } from '@/migrations'

import {
  type MigrationArgs,
  type MigrationDatabase,
  migratedUpTo,
  migrationIndex,
} from '../../support/setup/migrationDatabase'

/**
 * The wallets migration on a database that already has balances: every user's balance becomes
 * shoots for any package, nothing is lost or added, even where a balance on the user row had no
 * ledger rows behind it. Runs the committed migrations up to the one before, writes old-style
 * rows with plain SQL, then runs the wallets migration (and its down and up again).
 */
describe('the wallets migration', () => {
  let database: MigrationDatabase | undefined
  let args: MigrationArgs
  const walletsIndex = migrationIndex('_wallets')
  const query = <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    database!.query<T>(text, values)

  beforeAll(async () => {
    database = await migratedUpTo(walletsIndex, 'pp_wallets')
    ;({ args } = database)

    const [pkg] = await query<{ id: number }>(
      `insert into photo_packages (name, slug, category, images_per_generation, base_prompt_template, is_active)
       values ('Old Wedding', 'old-wedding', 'wedding', 3, 'A portrait of {subject}', true) returning id`,
    )
    const user = async (email: string, credits: number) =>
      (
        await query<{ id: number }>(
          `insert into users (email, role, shoot_credits) values ($1, 'customer', $2) returning id`,
          [email, credits],
        )
      )[0].id
    const buyer = await user('buyer@example.com', 30)
    const legacy = await user('legacy@example.com', 7)
    const drifted = await user('drifted@example.com', 4)
    await user('empty@example.com', 0)
    const row = (userId: number, kind: string, amount: number, after: number, key: string | null) =>
      query(
        `insert into credit_ledger (user_id, kind, amount, balance_after, reason, idempotency_key) values ($1, $2, $3, $4, 'old row', $5)`,
        [userId, kind, amount, after, key],
      )
    await row(buyer, 'trial_grant', 3, 3, `trial:${buyer}`)
    await row(buyer, 'purchase_grant', 25, 28, 'purchase:cs_old')
    await row(buyer, 'hold', -2, 26, 'hold:generation:1')
    await row(buyer, 'admin_grant', 4, 30, null)
    // Rows that add up to more than the balance on the user row (an old manual fix in the database).
    await row(drifted, 'purchase_grant', 6, 6, 'purchase:cs_drift')
    await query(
      `insert into credit_adjustments (user_id, amount, reason, balance_after) values ($1, 4, 'Goodwill', 30)`,
      [buyer],
    )
    await query(
      `insert into package_bundles (name, slug, price_cents, original_price_cents, badge, is_active) values ('Old bundle', 'old-bundle', 999, 1299, 'SAVE 23%', true)`,
    )
    expect(pkg.id).toBeGreaterThan(0)
  })

  afterAll(() => database?.close())

  const balances = () =>
    query<{ email: string; credits: number; any_wallet: number; package_wallets: number }>(
      `select u.email, u.shoot_credits::int as credits,
        coalesce((select sum(amount) from credit_ledger l where l.user_id = u.id and l.wallet_id is null), 0)::int as any_wallet,
        coalesce((select sum(amount) from credit_ledger l where l.user_id = u.id and l.wallet_id is not null), 0)::int as package_wallets
       from users u order by u.email`,
    )

  it('turns every balance into shoots for any package, nothing lost or added', async () => {
    await migrations[walletsIndex].up(args)
    expect(await balances()).toEqual([
      { email: 'buyer@example.com', credits: 30, any_wallet: 30, package_wallets: 0 },
      { email: 'drifted@example.com', credits: 4, any_wallet: 4, package_wallets: 0 },
      { email: 'empty@example.com', credits: 0, any_wallet: 0, package_wallets: 0 },
      { email: 'legacy@example.com', credits: 7, any_wallet: 7, package_wallets: 0 },
    ])
    // Old rows keep their amounts; each records its wallet's balance after.
    const rows = await query<{ amount: number; balance_after: number; wallet_balance_after: number }>(
      `select amount::int, balance_after::int, wallet_balance_after::int from credit_ledger where reason = 'old row' order by id`,
    )
    expect(rows.map((row) => row.amount)).toEqual([3, 25, -2, 4, 6])
    expect(rows.every((row) => row.wallet_balance_after === row.balance_after)).toBe(true)
    // The carried-over rows say what they are, once per user whose rows did not add up.
    const carried = await query<{ email: string; kind: string; amount: number }>(
      `select u.email, l.kind::text, l.amount::int from credit_ledger l join users u on u.id = l.user_id
       where l.idempotency_key like 'wallets-migration:%' order by u.email`,
    )
    expect(carried).toEqual([
      { email: 'drifted@example.com', kind: 'admin_deduct', amount: -2 },
      { email: 'legacy@example.com', kind: 'admin_grant', amount: 7 },
    ])
    const [adjustment] = await query<{ title: string }>(`select title from credit_adjustments`)
    expect(adjustment.title).toBe('+4 shoots for buyer@example.com (any package)')
    const [bundle] = await query<{ badge: string | null }>(`select badge from package_bundles`)
    expect(bundle.badge).toBeNull()
  })

  it('goes down and up again without touching a balance', async () => {
    const before = await balances()
    await migrations[walletsIndex].down(args)
    const [{ total }] = await query<{ total: number }>(`select sum(shoot_credits)::int as total from users`)
    expect(total).toBe(41)
    await migrations[walletsIndex].up(args)
    expect(await balances()).toEqual(before)
  })
})
