import fc from 'fast-check'
import { createLocalReq, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { holdGenerationShoots, settleGenerationShoots } from '@/billing/generationShoots'
import { applyCreditChange, InsufficientCreditsError, lockBalance } from '@/billing/ledger'
import { inTransaction } from '@/lib/transactions'
import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import { ledgerSum } from '../../support/fixtures/generation'
import { testPayload } from '../../support/app/payload'

/** Wallet 0 and 1 are two packages, 'any' the shoots for any package. */
type Wallet = 0 | 1 | 'any'
type Operation =
  | { kind: 'purchase_grant'; wallet: Wallet; shoots: number }
  | { kind: 'generation'; pkg: 0 | 1; shoots: number; fails: boolean }
  | { kind: 'stripe_refund'; wallet: Wallet; shoots: number }
  | { kind: 'admin_deduct'; wallet: Wallet; shoots: number }
  // The customer deletes their newest shoot (after the batch, on its own); see `deleteNewest`.
  | { kind: 'delete_generation' }

const wallet = fc.constantFrom<Wallet>(0, 1, 'any')
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('purchase_grant' as const),
    wallet,
    shoots: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    kind: fc.constant('generation' as const),
    pkg: fc.constantFrom<0 | 1>(0, 1),
    shoots: fc.integer({ min: 1, max: 5 }),
    fails: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('stripe_refund' as const), wallet, shoots: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('admin_deduct' as const), wallet, shoots: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('delete_generation' as const) }),
)

/**
 * Any interleaving of purchases into package and "any" wallets, generations (real generation
 * documents: hold, then charge or refund back to the wallets the hold came from, through the same
 * functions the app uses), deletes of generations, Stripe refunds (clamped) and admin deductions
 * keeps, for EVERY wallet, balance = ledger sum >= 0, and the total on the user row equal to the
 * sum of all wallets; and every generation made is held and charged (or refunded) exactly once,
 * even when a deleted generation's id is given to the next one (the sequence is restarted at it,
 * as SQLite without AUTOINCREMENT did: issue 27).
 */
describe('the credit ledger under any interleaving, per wallet', () => {
  let payload: Payload
  let packages: [number, number]
  let counter = 0
  /** Ledger reference → the package the generation was for. */
  const packageOfGeneration = new Map<string, number>()
  /** Every generation made (held), by user: its reference, shoots and whether it failed. */
  const made = new Map<number, Array<{ reference: string; shoots: number; fails: boolean }>>()
  /** Ids the sequence was restarted at, and how many generations got such an id again. */
  const restartedAt = new Set<number>()
  let reused = 0

  beforeAll(async () => {
    payload = await testPayload()
    const make = async (name: string) =>
      (
        await payload.create({
          collection: 'photo-packages',
          data: {
            name: `${name} ${Date.now()}`,
            category: 'artistic',
            imagesPerGeneration: 1,
            basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
          },
        })
      ).id
    packages = [await make('Ledger A'), await make('Ledger B')]
  })

  const walletId = (w: Wallet) => (w === 'any' ? null : packages[w])

  const apply = async (userId: number, op: Operation) => {
    const req = await createLocalReq({}, payload)
    const key = `prop:${userId}:${++counter}`
    try {
      if (op.kind === 'delete_generation') return
      if (op.kind === 'generation') {
        const generation = await inTransaction(req, async (req) => {
          // The balance lock first, as requestGeneration takes it: the insert below locks the user row too.
          await lockBalance(req, userId)
          const generation = await payload.create({
            collection: 'generations',
            data: {
              owner: userId,
              package: packages[op.pkg],
              portraitType: 'single',
              generationSettings: { aspectRatio: '1:1', quality: 'standard' },
              status: 'running',
              imageCount: 1,
              shootCost: op.shoots,
            },
            req,
            overrideAccess: true,
            depth: 0,
          })
          await holdGenerationShoots(req, generation, { id: packages[op.pkg], name: 'Ledger' }, 'Theme')
          await settleGenerationShoots(req, generation, { delivered: op.fails ? 0 : 1, requested: 1 })
          return payload.update({
            collection: 'generations',
            id: generation.id,
            data: { status: op.fails ? 'failed' : 'succeeded', finishedAt: new Date().toISOString() },
            req,
            overrideAccess: true,
            depth: 0,
          })
        })
        if (restartedAt.delete(generation.id)) reused++
        const reference = `generation:${generation.uuid}`
        packageOfGeneration.set(reference, packages[op.pkg])
        made.set(userId, [...(made.get(userId) ?? []), { reference, shoots: op.shoots, fails: op.fails }])
      } else if (op.kind === 'purchase_grant') {
        await applyCreditChange(req, {
          userId,
          delta: op.shoots,
          kind: 'purchase_grant',
          wallet: walletId(op.wallet),
          idempotencyKey: key,
        })
      } else {
        await applyCreditChange(req, {
          userId,
          delta: -op.shoots,
          kind: op.kind,
          wallet: walletId(op.wallet),
          mode: op.kind === 'stripe_refund' ? 'clamp' : 'strict',
        })
      }
    } catch (error) {
      // A hold or deduction the wallets cannot cover is refused, and must leave nothing behind.
      if (!(error instanceof InsufficientCreditsError)) throw error
    }
  }

  /**
   * Deletes the user's newest generation as the customer does (their own access); when it had the
   * highest id, the sequence restarts there so the next generation gets the same id.
   */
  const deleteNewest = async (userId: number) => {
    const user = await payload.findByID({ collection: 'users', id: userId, depth: 0 })
    const { docs } = await payload.find({
      collection: 'generations',
      where: { owner: { equals: userId } },
      sort: '-id',
      limit: 1,
      depth: 0,
    })
    if (!docs[0]) return
    await payload.delete({ collection: 'generations', id: docs[0].id, user, overrideAccess: false })
    const highest = await payload.find({ collection: 'generations', sort: '-id', limit: 1, depth: 0 })
    if ((highest.docs[0]?.id ?? 0) < docs[0].id) {
      const pool = (payload.db as unknown as { pool: { query: (sql: string) => Promise<unknown> } }).pool
      await pool.query(`ALTER SEQUENCE generations_id_seq RESTART WITH ${Number(docs[0].id)}`)
      restartedAt.add(docs[0].id)
    }
  }

  it('holds for sequences applied in parallel batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(operation, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        async (batches) => {
          const user = await payload.create({
            collection: 'users',
            data: {
              email: `ledger-${Date.now()}-${++counter}@example.com`,
              password: 'ledger-pass-1',
              role: 'customer',
            },
          })
          for (const batch of batches) {
            await Promise.all(batch.map((op) => apply(user.id, op)))
            for (const op of batch) if (op.kind === 'delete_generation') await deleteNewest(user.id)
            const balance = (await payload.findByID({ collection: 'users', id: user.id })).shootCredits ?? 0
            expect(balance).toBeGreaterThanOrEqual(0)
            expect(await ledgerSum(payload, user.id)).toBe(balance)
          }
          const rows = await payload.find({
            collection: 'credit-ledger',
            where: { user: { equals: user.id } },
            sort: 'id',
            pagination: false,
            depth: 0,
          })
          // Replayed in order, each wallet's running sum is what its rows recorded, and never negative.
          const running = new Map<number | null, number>()
          for (const row of rows.docs) {
            const id = (typeof row.wallet === 'object' ? row.wallet?.id : row.wallet) ?? null
            const next = (running.get(id) ?? 0) + row.amount
            running.set(id, next)
            expect(next).toBeGreaterThanOrEqual(0)
            expect(row.walletBalanceAfter).toBe(next)
          }
          const total = [...running.values()].reduce((sum, shoots) => sum + shoots, 0)
          expect((await payload.findByID({ collection: 'users', id: user.id })).shootCredits).toBe(total)
          // A generation never spends another package's shoots: every hold is from its package or "any".
          for (const row of rows.docs.filter((r) => r.kind === 'hold')) {
            const id = (typeof row.wallet === 'object' ? row.wallet?.id : row.wallet) ?? null
            expect([null, packageOfGeneration.get(row.reference as string)]).toContain(id)
          }
          // Every generation made, deleted or not, id given again or not: held in full, then one
          // charge, or every held shoot returned.
          for (const generation of made.get(user.id) ?? []) {
            const own = rows.docs.filter((row) => row.reference === generation.reference)
            const sum = (kind: string) =>
              own.filter((row) => row.kind === kind).reduce((total, row) => total + row.amount, 0)
            expect(sum('hold')).toBe(-generation.shoots)
            expect(own.filter((row) => row.kind === 'charge')).toHaveLength(generation.fails ? 0 : 1)
            expect(sum('refund')).toBe(generation.fails ? generation.shoots : 0)
          }
        },
      ),
      {
        numRuns: 20,
        // One story always gives a deleted id again: random stories do only by chance (CI's stop-32
        // run drew 20 that never did), and issue 27 is the case this test exists for.
        examples: [
          [
            [
              [{ kind: 'purchase_grant', wallet: 'any', shoots: 10 }],
              [{ kind: 'generation', pkg: 0, shoots: 2, fails: false }],
              [{ kind: 'delete_generation' }],
              [{ kind: 'generation', pkg: 1, shoots: 3, fails: true }],
            ],
          ],
        ],
      },
    )
    // The stories did give deleted ids again (else this test would not cover issue 27).
    expect(reused).toBeGreaterThan(0)
  }, 240_000)
})
