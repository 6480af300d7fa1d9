import type { PayloadRequest } from 'payload'

import { and, eq, sql } from '@payloadcms/db-postgres/drizzle'

import type { CreditLedger } from '@/payload-types'
import { lockUserRow, sqlAdapter, transactionDb } from '@/lib/drizzle'
import { inTransaction } from '@/lib/transactions'

export type LedgerKind = CreditLedger['kind']

export class InsufficientCreditsError extends Error {
  constructor(
    readonly balance: number,
    readonly required: number,
  ) {
    super(`Not enough shoots: this needs ${required} and your balance is ${balance}.`)
    this.name = 'InsufficientCreditsError'
  }
}

export interface CreditChange {
  userId: number | string
  /** Positive grants shoots, negative takes them. */
  delta: number
  kind: LedgerKind
  reason?: string
  /** One ledger row per key, ever: a repeated call returns the first row's result. */
  idempotencyKey?: string
  actorId?: number | string | null
  reference?: string
  /** strict: refuse to go below zero; clamp: take what there is (Stripe refunds). */
  mode?: 'clamp' | 'strict'
}

export interface CreditChangeResult {
  applied: number
  balanceAfter: number
  duplicate: boolean
  entryId: number | string | null
  /** With mode clamp: the part of a negative delta that could not be taken back. */
  shortfall: number
}

/**
 * Locks the user's balance row for the rest of the transaction and returns the balance.
 * Take it FIRST in any transaction that also inserts rows pointing at the user: those
 * inserts take a key-share lock on the same row, and two transactions that each hold one
 * and then ask for this lock deadlock.
 */
export const lockBalance = async (req: PayloadRequest, userId: number | string): Promise<number> => {
  // Postgres serialises concurrent changes of one balance on this row lock.
  const row = await lockUserRow(req, userId)
  if (!row) throw new Error(`No user ${userId}.`)
  return row.shootCredits
}

/**
 * The only way a balance changes. In one transaction it locks the user's row, checks the
 * idempotency key, moves the balance and appends the ledger row holding the balance after,
 * so the balance always equals the ledger sum and never goes below zero.
 */
export const applyCreditChange = (req: PayloadRequest, change: CreditChange): Promise<CreditChangeResult> =>
  inTransaction(req, async (req) => {
    if (!Number.isInteger(change.delta)) throw new Error('Credit changes are whole shoots.')
    const db = await transactionDb(req)
    const users = sqlAdapter(req).tables.users
    const userId = Number(change.userId)
    const balance = await lockBalance(req, userId)

    if (change.idempotencyKey) {
      const existing = await req.payload.find({
        collection: 'credit-ledger',
        where: { idempotencyKey: { equals: change.idempotencyKey } },
        limit: 1,
        req,
        overrideAccess: true,
        depth: 0,
      })
      const first = existing.docs[0]
      if (first) {
        return { applied: 0, balanceAfter: balance, duplicate: true, entryId: first.id, shortfall: 0 }
      }
    }

    let applied = change.delta
    let shortfall = 0
    if (balance + change.delta < 0) {
      if (change.mode !== 'clamp') throw new InsufficientCreditsError(balance, -change.delta)
      applied = -balance
      shortfall = -(change.delta - applied)
    }
    const balanceAfter = balance + applied

    await db
      .update(users)
      .set({ shootCredits: sql`${users.shootCredits} + ${applied}` })
      .where(and(eq(users.id, userId), sql`${users.shootCredits} + ${applied} >= 0`))

    const entry = await req.payload.create({
      collection: 'credit-ledger',
      data: {
        user: userId,
        kind: change.kind,
        amount: applied,
        balanceAfter,
        reason: change.reason,
        idempotencyKey: change.idempotencyKey,
        actor: change.actorId ? Number(change.actorId) : undefined,
        reference: change.reference,
        shortfall: shortfall || undefined,
      },
      req,
      overrideAccess: true,
      depth: 0,
    })
    return { applied, balanceAfter, duplicate: false, entryId: entry.id, shortfall }
  })
