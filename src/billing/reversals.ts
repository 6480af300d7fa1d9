import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { queueEmail } from '@/email/queue'
import { formatMoney } from '@/lib/format'
import { splitInProportion } from '@/lib/proportion'
import { relationId } from '@/lib/relationId'
import type { Purchase } from '@/payload-types'

import { applyCreditChange, type LedgerKind } from './ledger'
import { ledgerName } from './ledgerNames'
import {
  flagUser,
  lockPayment,
  paymentIntentId,
  purchaseForPayment,
  WAITING_FOR_PAYMENT,
} from './purchaseRecords'

/** What a purchase's refunds and disputes have decided so far. */
type Reversal = Pick<
  Purchase,
  'amountCents' | 'refundedAmountCents' | 'disputed' | 'disputeOutcome' | 'disputeLostAmountCents'
>

/** Cents that went back to the payer: refunds plus lost disputes, at most what was paid. */
export const reversedCents = (purchase: Reversal): number =>
  Math.min(purchase.amountCents, (purchase.refundedAmountCents ?? 0) + (purchase.disputeLostAmountCents ?? 0))

/**
 * A paid purchase's status from its refunds and disputes, whatever order they arrived in:
 * `disputed` while a dispute is open or after it was lost; otherwise from the refunds.
 */
export const reversalStatus = (purchase: Reversal): Purchase['status'] => {
  if (purchase.disputed && purchase.disputeOutcome !== 'won') return 'disputed'
  const refunded = purchase.refundedAmountCents ?? 0
  if (refunded >= purchase.amountCents && refunded > 0) return 'refunded'
  return refunded > 0 ? 'partially_refunded' : 'paid'
}

/**
 * Takes back the shoots for the share of the payment now reversed (`after`), less those already
 * taken back: from the wallets the purchase granted into, in proportion to what each got. The
 * balance never goes below zero (`clamp`); returns the shoots that were already spent
 * (`shortfall`) and the purchase's new `shootsReclaimed`.
 */
const reclaimShoots = async (
  req: PayloadRequest,
  purchase: Purchase,
  after: Reversal,
  entry: { kind: LedgerKind; reason: string; key: string },
): Promise<{ shortfall: number; shootsReclaimed: number; taken: number }> => {
  const shareDue = Math.floor((purchase.shoots * reversedCents(after)) / Math.max(purchase.amountCents, 1))
  const toReclaim = shareDue - (purchase.shootsReclaimed ?? 0)
  const shootsReclaimed = Math.max(purchase.shootsReclaimed ?? 0, shareDue)
  const ownerId = relationId(purchase.owner)
  // An erased customer's shoots went with the account: the sale is updated, nothing is reclaimed.
  if (toReclaim <= 0 || ownerId === undefined) return { shortfall: 0, shootsReclaimed, taken: 0 }
  const { docs: grants } = await req.payload.find({
    collection: 'credit-ledger',
    where: {
      and: [
        { reference: { equals: ledgerName('purchase', purchase) } },
        { kind: { equals: 'purchase_grant' } },
      ],
    },
    sort: 'id',
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const wallets = grants.length ? grants.map((grant) => relationId(grant.wallet) ?? null) : [null]
  const shares = splitInProportion(toReclaim, grants.length ? grants.map((grant) => grant.amount) : [1])
  let shortfall = 0
  for (const [index, shoots] of shares.entries()) {
    if (shoots <= 0) continue
    const result = await applyCreditChange(req, {
      userId: ownerId,
      delta: -shoots,
      kind: entry.kind,
      wallet: wallets[index],
      reason: entry.reason,
      idempotencyKey: `${entry.key}${index ? `:${index + 1}` : ''}`,
      reference: ledgerName('purchase', purchase),
      mode: 'clamp',
    })
    shortfall += result.shortfall
  }
  return { shortfall, shootsReclaimed, taken: toReclaim - shortfall }
}

/**
 * The purchase paid by this payment intent, under the payment's lock; or, when there is none,
 * the outcome to record: ignored (no intent) or WAITING_FOR_PAYMENT (replayed by fulfilment).
 */
const lockedPurchase = async (
  req: PayloadRequest,
  paymentIntent: unknown,
  what: 'charge' | 'dispute',
): Promise<Purchase | string> => {
  const intent = paymentIntentId(paymentIntent)
  if (!intent) return `ignored: the ${what} has no payment intent`
  await lockPayment(req, intent)
  return (await purchaseForPayment(req, intent)) ?? WAITING_FOR_PAYMENT
}

const savePurchase = (req: PayloadRequest, purchase: Purchase, data: Partial<Purchase>) =>
  req.payload.update({ collection: 'purchases', id: purchase.id, data, req, overrideAccess: true, depth: 0 })

/**
 * charge.refunded: takes back the refunded share of the purchase's shoots (cumulative over
 * partial refunds, in any order). The balance never goes below zero; what could not be taken
 * back is recorded on the ledger row and the account is flagged for review. Stripe's
 * `amount_refunded` (cents) is stored as sent in `stripeAmountRefundedCents`; `refundedAmountCents`,
 * what the books and analytics use, is that at most the sale's `amountCents`. Before the payment
 * is fulfilled it answers WAITING_FOR_PAYMENT and is replayed by the fulfilment.
 */
export const reclaimRefundedShoots = async (req: PayloadRequest, charge: Stripe.Charge): Promise<string> => {
  const purchase = await lockedPurchase(req, charge.payment_intent, 'charge')
  if (typeof purchase === 'string') return purchase
  const ownerId = relationId(purchase.owner)
  // Refund events carry the running total, but may arrive out of order: an earlier, smaller
  // total must not move the purchase backwards (refunded -> partially_refunded).
  const stripeAmountRefundedCents = Math.max(purchase.stripeAmountRefundedCents ?? 0, charge.amount_refunded)
  // Stripe's figure is kept as sent; the books never count back more than this sale took.
  const refundedAmountCents = Math.min(purchase.amountCents, stripeAmountRefundedCents)
  const newlyRefunded = refundedAmountCents - (purchase.refundedAmountCents ?? 0)
  const after = { ...purchase, refundedAmountCents }
  const { shortfall, shootsReclaimed, taken } = await reclaimShoots(req, purchase, after, {
    kind: 'stripe_refund',
    reason: `Stripe refund of ${charge.amount_refunded} of ${charge.amount} cents`,
    key: `stripe_refund:${charge.id}:${charge.amount_refunded}`,
  })
  if (ownerId !== undefined && newlyRefunded > 0) {
    await queueEmail(req, {
      template: 'refundNotice',
      userId: ownerId,
      data: {
        purchaseId: purchase.id,
        amount: formatMoney(newlyRefunded, purchase.currency),
        shootsTaken: taken,
        full: refundedAmountCents >= purchase.amountCents,
      },
    })
  }
  await savePurchase(req, purchase, {
    refundedAmountCents,
    stripeAmountRefundedCents,
    shootsReclaimed,
    status: reversalStatus(after),
  })
  if (shortfall > 0 && ownerId !== undefined) {
    await flagUser(
      req,
      ownerId,
      `Refund of purchase ${purchase.id}: ${shortfall} shoot(s) already spent could not be taken back.`,
    )
  }
  return shortfall > 0 ? `reclaimed with shortfall ${shortfall}` : 'reclaimed'
}

/**
 * charge.dispute.created: flags the purchase and the account; nothing is taken while the bank
 * decides (charge.dispute.closed does). A dispute already closed as won keeps its status.
 * Before the payment is fulfilled it answers WAITING_FOR_PAYMENT and is replayed by the fulfilment.
 */
export const flagDispute = async (req: PayloadRequest, dispute: Stripe.Dispute): Promise<string> => {
  const purchase = await lockedPurchase(req, dispute.payment_intent, 'dispute')
  if (typeof purchase === 'string') return purchase
  const ownerId = relationId(purchase.owner)
  await savePurchase(req, purchase, {
    disputed: true,
    status: reversalStatus({ ...purchase, disputed: true }),
  })
  if (ownerId !== undefined)
    await flagUser(
      req,
      ownerId,
      `Payment for purchase ${purchase.id} is disputed (${dispute.reason ?? 'no reason given'}).`,
    )
  return 'flagged'
}

/**
 * charge.dispute.closed (Stripe's dispute `status`): `lost` means the bank returned the disputed
 * amount to the payer, so the shoots for that share are taken back like a refund's (ledger kind
 * `stripe_dispute`; spent shoots are a shortfall and flag the account). `won` and
 * `warning_closed` leave the money and the shoots with the studio and end the dispute. The lost
 * amount is stored as sent (`stripeDisputeAmountCents`) and, for the books, at most the sale's
 * amount (`disputeLostAmountCents`). The
 * account stays flagged for staff either way. Order-independent with the dispute's creation and
 * the refunds; before the payment is fulfilled it answers WAITING_FOR_PAYMENT and is replayed.
 */
export const closeDispute = async (req: PayloadRequest, dispute: Stripe.Dispute): Promise<string> => {
  if (dispute.status !== 'lost' && dispute.status !== 'won' && dispute.status !== 'warning_closed')
    return `ignored: the dispute is ${dispute.status}, not closed`
  const purchase = await lockedPurchase(req, dispute.payment_intent, 'dispute')
  if (typeof purchase === 'string') return purchase
  const ownerId = relationId(purchase.owner)
  const lost = dispute.status === 'lost'
  // Stripe's figure is kept as sent; the books never count back more than this sale took.
  const stripeDisputeAmountCents = lost
    ? Math.max(purchase.stripeDisputeAmountCents ?? 0, dispute.amount)
    : (purchase.stripeDisputeAmountCents ?? 0)
  const after: Reversal = {
    ...purchase,
    disputed: true,
    disputeOutcome: lost ? 'lost' : 'won',
    disputeLostAmountCents: lost
      ? Math.min(purchase.amountCents, stripeDisputeAmountCents)
      : (purchase.disputeLostAmountCents ?? 0),
  }
  const { shortfall, shootsReclaimed } = await reclaimShoots(req, purchase, after, {
    kind: 'stripe_dispute',
    reason: `Chargeback: the bank returned ${formatMoney(dispute.amount, dispute.currency)} to the card holder`,
    key: `stripe_dispute:${dispute.id}`,
  })
  await savePurchase(req, purchase, {
    disputed: true,
    disputeOutcome: after.disputeOutcome,
    disputeLostAmountCents: after.disputeLostAmountCents,
    stripeDisputeAmountCents,
    shootsReclaimed,
    status: reversalStatus(after),
  })
  if (shortfall > 0 && ownerId !== undefined) {
    await flagUser(
      req,
      ownerId,
      `Lost dispute on purchase ${purchase.id}: ${shortfall} shoot(s) already spent could not be taken back.`,
    )
  }
  if (!lost) return 'dispute won'
  return shortfall > 0 ? `dispute lost: reclaimed with shortfall ${shortfall}` : 'dispute lost: reclaimed'
}
