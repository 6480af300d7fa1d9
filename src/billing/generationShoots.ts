import type { PayloadRequest } from 'payload'

import { plural } from '@/lib/format'
import { relationId } from '@/lib/relationId'
import type { CreditLedger, Generation } from '@/payload-types'

import { applyCreditChange, type CreditChangeResult, returnShoots, spendShootsForPackage } from './ledger'
import { ledgerName } from './ledgerNames'

type LedgerGeneration = Pick<Generation, 'id' | 'uuid' | 'owner' | 'shootCost'>

/** Ledger rows to give back `shoots` of a hold: the shoots taken last go back first, each to its wallet. */
const lastTakenFirst = (holds: Pick<CreditLedger, 'amount' | 'wallet'>[], shoots: number) => {
  const rows: Pick<CreditLedger, 'amount' | 'wallet'>[] = []
  let left = shoots
  for (const hold of [...holds].reverse()) {
    const take = Math.min(left, Math.max(0, -hold.amount))
    if (take > 0) rows.push({ amount: -take, wallet: hold.wallet })
    left -= take
  }
  return rows
}

/**
 * Sets aside a new generation's `shootCost` shoots (the package's wallet first, then "any
 * package"), as `hold` rows keyed `hold:generation:<uuid>`, in the caller's transaction. The
 * customer's history reads "Set aside for generation <id> (<package> · <theme>)".
 * Throws InsufficientCreditsError (402) without writing anything when the wallets are short.
 */
export const holdGenerationShoots = (
  req: PayloadRequest,
  generation: LedgerGeneration,
  pkg: { id: number; name: string },
  themeName: string,
): Promise<CreditChangeResult[]> => {
  const reference = ledgerName('generation', generation)
  return spendShootsForPackage(req, {
    userId: relationId(generation.owner) as number,
    packageId: pkg.id,
    packageName: pkg.name,
    shoots: generation.shootCost,
    kind: 'hold',
    reason: `Set aside for generation ${generation.id} (${pkg.name} · ${themeName})`,
    idempotencyKey: `hold:${reference}`,
    reference,
  })
}

/**
 * Closes a generation's hold, once (keys `charge:`, `likeness-refund:` and `refund:generation:<uuid>`):
 * with at least one image delivered, a zero `charge` row records that the held shoots were spent,
 * and `likenessRefund.shoots` (portraits that failed the likeness check) go back, the shoots taken
 * last first; with none delivered, each hold row's shoots go back to the wallet they came from
 * (`refund`). In the caller's transaction.
 */
export const settleGenerationShoots = async (
  req: PayloadRequest,
  generation: LedgerGeneration,
  images: { delivered: number; requested: number; likenessRefund?: { portraits: number; shoots: number } },
): Promise<CreditChangeResult[]> => {
  const reference = ledgerName('generation', generation)
  const userId = relationId(generation.owner) as number
  // The hold rows say which wallets the shoots came from (the package's, then "any package").
  const { docs: holds } = await req.payload.find({
    collection: 'credit-ledger',
    where: { and: [{ reference: { equals: reference } }, { kind: { equals: 'hold' } }] },
    sort: 'id',
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const shoots = plural(generation.shootCost, 'shoot')
  if (images.delivered > 0) {
    // A zero row that closes the hold, in the wallet the hold took from first.
    const charge = await applyCreditChange(req, {
      userId,
      delta: 0,
      kind: 'charge',
      wallet: holds[0] ? (relationId(holds[0].wallet) ?? null) : null,
      // The hold already took the shoots; this row records that they were spent, not returned.
      reason: `Spent the ${shoots} held for generation ${generation.id}: ${images.delivered} of ${plural(images.requested, 'image')} delivered`,
      idempotencyKey: `charge:${reference}`,
      reference,
    })
    const refund = images.likenessRefund
    if (!refund || refund.shoots <= 0) return [charge]
    const returned = await returnShoots(req, lastTakenFirst(holds, refund.shoots), {
      userId,
      kind: 'refund',
      reason: `Returned ${plural(refund.shoots, 'shoot')} of generation ${generation.id}: ${refund.portraits} of ${plural(images.requested, 'portrait')} failed the likeness check`,
      idempotencyKey: `likeness-refund:${reference}`,
      reference,
    })
    return [charge, ...returned]
  }
  // Each held shoot goes back to the wallet it came from.
  return returnShoots(req, holds, {
    userId,
    kind: 'refund',
    reason: `Returned the ${shoots} held for generation ${generation.id}: no image could be made`,
    idempotencyKey: `refund:${reference}`,
    reference,
  })
}
