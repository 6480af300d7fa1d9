import fc from 'fast-check'
import { createLocalReq, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { applyCreditChange, InsufficientCreditsError } from '@/billing/ledger'

import { ledgerSum } from '../support/generation'
import { testPayload } from '../support/payload'

type Operation =
  | { kind: 'purchase_grant'; shoots: number }
  | { kind: 'hold'; shoots: number }
  | { kind: 'charge' }
  | { kind: 'refund'; shoots: number }
  | { kind: 'stripe_refund'; shoots: number }

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('purchase_grant' as const), shoots: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('hold' as const), shoots: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('charge' as const) }),
  fc.record({ kind: fc.constant('refund' as const), shoots: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('stripe_refund' as const), shoots: fc.integer({ min: 1, max: 40 }) }),
)

/** Any interleaving of purchases, holds, charges and refunds keeps balance = ledger sum >= 0. */
describe('the credit ledger under any interleaving', () => {
  let payload: Payload
  let counter = 0

  beforeAll(async () => {
    payload = await testPayload()
  })

  const apply = async (userId: number, op: Operation) => {
    const req = await createLocalReq({}, payload)
    const delta = op.kind === 'purchase_grant' || op.kind === 'refund' ? op.shoots : op.kind === 'charge' ? 0 : -op.shoots
    try {
      await applyCreditChange(req, { userId, delta, kind: op.kind, mode: op.kind === 'stripe_refund' ? 'clamp' : 'strict' })
    } catch (error) {
      // A hold the balance cannot cover is refused, and must leave nothing behind.
      if (!(error instanceof InsufficientCreditsError)) throw error
    }
  }

  it('holds for sequences applied in parallel batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(operation, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (batches) => {
        const user = await payload.create({
          collection: 'users',
          data: { email: `ledger-${Date.now()}-${++counter}@example.com`, password: 'ledger-pass-1', role: 'customer' },
        })
        for (const batch of batches) {
          await Promise.all(batch.map((op) => apply(user.id, op)))
          const balance = (await payload.findByID({ collection: 'users', id: user.id })).shootCredits ?? 0
          expect(balance).toBeGreaterThanOrEqual(0)
          expect(await ledgerSum(payload, user.id)).toBe(balance)
        }
        const rows = await payload.find({ collection: 'credit-ledger', where: { user: { equals: user.id } }, sort: 'createdAt', pagination: false })
        expect(rows.docs.every((row) => row.balanceAfter >= 0)).toBe(true)
      }),
      { numRuns: 20 },
    )
  }, 120_000)
})
