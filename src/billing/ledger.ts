import type { PayloadRequest } from 'payload'

import { and, eq, sql } from '@payloadcms/db-postgres/drizzle'

import type { CreditLedger } from '@/payload-types'
import { lockUserRow, sqlAdapter, transactionDb } from '@/lib/drizzle'
import { badRequest, DomainError, notFound } from '@/lib/errors'
import { inTransaction } from '@/lib/transactions'

import { type WalletId, walletBalanceOf } from './wallets'

export type LedgerKind = CreditLedger['kind']
export type { WalletId } from './wallets'

/**
 * 402: the wallet (or, for a package, its wallet plus "any package" shoots) cannot cover a strict
 * change; `balance` and `required` travel as details.
 */
export class InsufficientCreditsError extends DomainError {
  constructor(
    /** Shoots usable for what was asked (the wallet, or a package's wallet plus "any"). */
    readonly balance: number,
    readonly required: number,
    message = `Not enough shoots: this needs ${required} and the balance is ${balance}.`,
  ) {
    super(402, message, { balance, required })
    this.name = 'InsufficientCreditsError'
  }
}

export interface CreditChange {
  userId: number | string
  /** Positive grants shoots, negative takes them. */
  delta: number
  kind: LedgerKind
  /**
   * The wallet the shoots go to or come from: a package id (spendable on that package only)
   * or null/absent for "any package" shoots.
   */
  wallet?: WalletId
  reason?: string
  /** One ledger row per key, ever: a repeated call returns the first row's result. */
  idempotencyKey?: string
  actorId?: number | string | null
  reference?: string
  /** strict: refuse to take the wallet below zero; clamp: take what it has (Stripe refunds). */
  mode?: 'clamp' | 'strict'
}

export interface CreditChangeResult {
  applied: number
  /** The customer's total over all wallets after the change. */
  balanceAfter: number
  /** This wallet's shoots after the change. */
  walletBalanceAfter: number
  wallet: WalletId
  duplicate: boolean
  entryId: number | string | null
  /** With mode clamp: the part of a negative delta that could not be taken back. */
  shortfall: number
}

/**
 * Locks the user's balance row for the rest of the transaction and returns the total balance.
 * Every wallet of the user changes under this one lock. Take it FIRST in any transaction
 * that also inserts rows pointing at the user: those inserts take a key-share lock on the same
 * row, and two transactions that each hold one and then ask for this lock deadlock.
 */
export const lockBalance = async (req: PayloadRequest, userId: number | string): Promise<number> =>
  (await lockAccount(req, userId)).shootCredits

/** lockBalance's lock, with the customer's studio (read with it, for their ledger rows). */
const lockAccount = async (req: PayloadRequest, userId: number | string) => {
  // Postgres serialises concurrent changes of one balance on this row lock.
  const row = await lockUserRow(req, userId)
  if (!row) throw notFound(`No user ${userId}.`)
  return row
}

/**
 * The only way a balance changes. In one transaction it locks the user's row, checks the
 * idempotency key, moves the wallet (never below zero) and the user's total, and appends the
 * ledger row holding both balances after, so every wallet equals the sum of its ledger rows.
 */
export const applyCreditChange = (req: PayloadRequest, change: CreditChange): Promise<CreditChangeResult> =>
  inTransaction(req, async (req) => {
    if (!Number.isInteger(change.delta))
      throw badRequest('Credit changes are whole shoots.', { field: 'amount' })
    const db = await transactionDb(req)
    const users = sqlAdapter(req).tables.users
    const userId = Number(change.userId)
    const wallet = change.wallet ?? null
    const { shootCredits: balance, studio } = await lockAccount(req, userId)

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
        const firstWallet = (typeof first.wallet === 'object' ? first.wallet?.id : first.wallet) ?? null
        return {
          applied: 0,
          balanceAfter: balance,
          walletBalanceAfter: await walletBalanceOf(req, userId, firstWallet),
          wallet: firstWallet,
          duplicate: true,
          entryId: first.id,
          shortfall: 0,
        }
      }
    }

    const walletBalance = await walletBalanceOf(req, userId, wallet)
    let applied = change.delta
    let shortfall = 0
    if (walletBalance + change.delta < 0) {
      if (change.mode !== 'clamp') throw new InsufficientCreditsError(walletBalance, -change.delta)
      applied = -walletBalance
      shortfall = -(change.delta - applied)
    }
    const balanceAfter = balance + applied
    const walletBalanceAfter = walletBalance + applied

    // updatedAt moves with the balance: an admin's form of the account loaded before this change
    // is then stale, and its old balance is dropped rather than refused (refuseForbiddenFields).
    await db
      .update(users)
      .set({ shootCredits: sql`${users.shootCredits} + ${applied}`, updatedAt: new Date().toISOString() })
      .where(and(eq(users.id, userId), sql`${users.shootCredits} + ${applied} >= 0`))

    const entry = await req.payload.create({
      collection: 'credit-ledger',
      data: {
        user: userId,
        // The customer's studio; one with none: the wallet's (studioBeforeChange).
        studio,
        kind: change.kind,
        wallet,
        amount: applied,
        balanceAfter,
        walletBalanceAfter,
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
    return {
      applied,
      balanceAfter,
      walletBalanceAfter,
      wallet,
      duplicate: false,
      entryId: entry.id,
      shortfall,
    }
  })

/** The 402 for a package: what it needs against its own shoots plus "any package" shoots. */
export const notEnoughForPackage = (
  packageName: string,
  usable: number,
  required: number,
): InsufficientCreditsError =>
  new InsufficientCreditsError(
    usable,
    required,
    `Not enough shoots: this needs ${required} and you have ${usable} for ${packageName} (its own shoots and shoots for any package).`,
  )

export interface SpendRequest {
  userId: number | string
  packageId: number
  /** Named in the refusal: "you have 2 for Wedding Portraits". */
  packageName: string
  shoots: number
  kind: LedgerKind
  reason: string
  /** Key of the first row; a second row (the rest, from "any package" shoots) gets `<key>:any`. */
  idempotencyKey: string
  reference?: string
}

/**
 * Takes `shoots` for a package: its own wallet first, then "any package" shoots, as one or two
 * ledger rows in the caller's transaction. Refuses (InsufficientCreditsError with what is
 * usable on the package) without writing anything when the two together are short.
 */
export const spendShootsForPackage = (
  req: PayloadRequest,
  spend: SpendRequest,
): Promise<CreditChangeResult[]> =>
  inTransaction(req, async (req) => {
    const userId = Number(spend.userId)
    await lockBalance(req, userId)
    const own = await walletBalanceOf(req, userId, spend.packageId)
    const any = await walletBalanceOf(req, userId, null)
    if (own + any < spend.shoots) throw notEnoughForPackage(spend.packageName, own + any, spend.shoots)
    const fromOwn = Math.min(own, spend.shoots)
    const parts: Array<{ wallet: WalletId; shoots: number; key: string }> = []
    if (fromOwn > 0) parts.push({ wallet: spend.packageId, shoots: fromOwn, key: spend.idempotencyKey })
    if (spend.shoots - fromOwn > 0) {
      parts.push({
        wallet: null,
        shoots: spend.shoots - fromOwn,
        key: fromOwn > 0 ? `${spend.idempotencyKey}:any` : spend.idempotencyKey,
      })
    }
    const results: CreditChangeResult[] = []
    for (const part of parts) {
      results.push(
        await applyCreditChange(req, {
          userId,
          delta: -part.shoots,
          kind: spend.kind,
          wallet: part.wallet,
          reason: spend.reason,
          idempotencyKey: part.key,
          reference: spend.reference,
        }),
      )
    }
    return results
  })

/**
 * Gives back what earlier rows took (a generation's hold), each to the wallet it came from:
 * one row per taken row, keyed `<key>` for the first and `<key>:<n>` after.
 */
export const returnShoots = async (
  req: PayloadRequest,
  taken: Array<Pick<CreditLedger, 'amount' | 'wallet'>>,
  change: Omit<CreditChange, 'delta' | 'wallet' | 'idempotencyKey'> & { idempotencyKey: string },
): Promise<CreditChangeResult[]> => {
  const results: CreditChangeResult[] = []
  for (const [index, row] of taken.entries()) {
    if (row.amount >= 0) continue
    results.push(
      await applyCreditChange(req, {
        ...change,
        delta: -row.amount,
        wallet: (typeof row.wallet === 'object' ? row.wallet?.id : row.wallet) ?? null,
        idempotencyKey: index === 0 ? change.idempotencyKey : `${change.idempotencyKey}:${index + 1}`,
      }),
    )
  }
  return results
}
