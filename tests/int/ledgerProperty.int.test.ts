import fc from 'fast-check'
import { createLocalReq, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  applyCreditChange,
  InsufficientCreditsError,
  returnShoots,
  spendShootsForPackage,
} from '@/billing/ledger'
import { inTransaction } from '@/lib/transactions'
import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import { ledgerSum } from '../support/generation'
import { testPayload } from '../support/payload'

/** Wallet 0 and 1 are two packages, 'any' the shoots for any package. */
type Wallet = 0 | 1 | 'any'
type Operation =
  | { kind: 'purchase_grant'; wallet: Wallet; shoots: number }
  | { kind: 'generation'; pkg: 0 | 1; shoots: number; fails: boolean }
  | { kind: 'stripe_refund'; wallet: Wallet; shoots: number }
  | { kind: 'admin_deduct'; wallet: Wallet; shoots: number }

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
)

/**
 * Any interleaving of purchases into package and "any" wallets, generations (hold, then charge
 * or refund back to the wallets the hold came from), Stripe refunds (clamped) and admin
 * deductions keeps, for EVERY wallet, balance = ledger sum >= 0, and the total on the user row
 * equal to the sum of all wallets.
 */
describe('the credit ledger under any interleaving, per wallet', () => {
  let payload: Payload
  let packages: [number, number]
  let counter = 0
  const packageOfGeneration = new Map<string, number>()

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
      if (op.kind === 'generation') {
        packageOfGeneration.set(key, packages[op.pkg])
        await inTransaction(req, async (req) => {
          const holds = await spendShootsForPackage(req, {
            userId,
            packageId: packages[op.pkg],
            packageName: 'Ledger',
            shoots: op.shoots,
            kind: 'hold',
            reason: 'prop hold',
            idempotencyKey: `hold:${key}`,
            reference: key,
          })
          if (!op.fails)
            return applyCreditChange(req, {
              userId,
              delta: 0,
              kind: 'charge',
              wallet: holds[0].wallet,
              idempotencyKey: `charge:${key}`,
              reference: key,
            })
          const rows = await payload.find({
            collection: 'credit-ledger',
            where: { reference: { equals: key } },
            sort: 'id',
            depth: 0,
            req,
            overrideAccess: true,
          })
          return returnShoots(req, rows.docs, {
            userId,
            kind: 'refund',
            idempotencyKey: `refund:${key}`,
            reference: key,
          })
        })
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
        },
      ),
      { numRuns: 20 },
    )
  }, 240_000)
})
