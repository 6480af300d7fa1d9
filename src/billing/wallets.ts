import type { Payload, PayloadRequest } from 'payload'

import { and, eq, isNull, sql } from '@payloadcms/db-postgres/drizzle'

import { sqlAdapter, transactionDb } from '@/lib/drizzle'

import type { WalletBalance, WalletId } from './walletWords'

export type { WalletBalance, WalletId } from './walletWords'

type Db = { select: (...args: any[]) => any }

const ledgerTable = (payload: Payload) => sqlAdapter({ payload } as PayloadRequest).tables.credit_ledger

const walletCondition = (table: any, userId: number, wallet: WalletId) =>
  and(eq(table.user, userId), wallet === null ? isNull(table.wallet) : eq(table.wallet, wallet))

/** A wallet's shoots: the sum of its ledger rows, read inside the request's transaction. */
export const walletBalanceOf = async (
  req: PayloadRequest,
  userId: number,
  wallet: WalletId,
): Promise<number> => {
  const db: Db = await transactionDb(req)
  const table = ledgerTable(req.payload)
  const [row] = await db
    .select({ shoots: sql`coalesce(sum(${table.amount}), 0)` })
    .from(table)
    .where(walletCondition(table, userId, wallet))
  return Number(row?.shoots ?? 0)
}

/**
 * Every wallet of a customer with shoots in it, package wallets first (by name), then "any
 * package". Empty wallets are left out; a customer with nothing gets `[]`.
 */
export const loadWallets = async (
  payload: Payload,
  userId: number,
  req?: PayloadRequest,
): Promise<WalletBalance[]> => {
  const db: Db = req ? await transactionDb(req) : sqlAdapter({ payload } as PayloadRequest).drizzle
  const table = ledgerTable(payload)
  const rows: Array<{ wallet: number | null; shoots: unknown }> = await db
    .select({ wallet: table.wallet, shoots: sql`coalesce(sum(${table.amount}), 0)` })
    .from(table)
    .where(eq(table.user, userId))
    .groupBy(table.wallet)
  const held = rows.map((row) => ({
    wallet: row.wallet === null ? null : Number(row.wallet),
    shoots: Number(row.shoots),
  }))
  const packageIds = held.flatMap((row) => (row.wallet === null ? [] : [row.wallet]))
  const { docs } = packageIds.length
    ? await payload.find({
        collection: 'photo-packages',
        where: { id: { in: packageIds } },
        select: { name: true, slug: true },
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      })
    : { docs: [] }
  const named = new Map(docs.map((doc) => [doc.id, doc]))
  return held
    .filter((row) => row.shoots > 0)
    .map((row) => ({
      packageId: row.wallet,
      packageName: row.wallet === null ? null : (named.get(row.wallet)?.name ?? null),
      packageSlug: row.wallet === null ? null : ((named.get(row.wallet)?.slug as string | undefined) ?? null),
      shoots: row.shoots,
    }))
    .sort((a, b) =>
      a.packageId === null
        ? 1
        : b.packageId === null
          ? -1
          : (a.packageName ?? '').localeCompare(b.packageName ?? ''),
    )
}
