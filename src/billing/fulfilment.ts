import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { queueEmail } from '@/email/queue'
import { lockKey } from '@/lib/drizzle'
import { formatMoney } from '@/lib/format'
import { splitInProportion } from '@/lib/proportion'
import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'
import type { Purchase } from '@/payload-types'

import { applyCreditChange, type CreditChangeResult } from './ledger'
import { receiptDetails } from './purchaseLabel'

const findPurchase = async (
  req: PayloadRequest,
  where: Record<string, unknown>,
): Promise<Purchase | null> => {
  const { docs } = await req.payload.find({
    collection: 'purchases',
    where: where as never,
    limit: 1,
    depth: 0,
    req,
    overrideAccess: true,
  })
  return (docs[0] as Purchase | undefined) ?? null
}

/** Our purchase for a Checkout Session, or null: the account's other sessions (Payment Links, other apps) are not ours. */
export const purchaseForSession = (
  req: PayloadRequest,
  session: Pick<Stripe.Checkout.Session, 'id'>,
): Promise<Purchase | null> => findPurchase(req, { stripeSessionId: { equals: session.id } })

/** The outcome recorded for a signed event about a session this studio never created: 2xx, so Stripe stops retrying. */
export const NOT_OUR_SESSION = 'ignored: not a session of this studio'

/**
 * A tier grants its shoots as one ledger row into its package's wallet; a bundle grants one
 * row per package into that package's wallet, keyed `purchase:<session>:package:<id>`, all in
 * the caller's transaction so none is granted without the others.
 */
const grantPurchaseShoots = async (
  req: PayloadRequest,
  purchase: Purchase,
  ownerId: number,
  sessionId: string,
): Promise<CreditChangeResult[]> => {
  const reference = `purchase:${purchase.id}`
  if (!purchase.bundle || !purchase.lines?.length) {
    const grant = await applyCreditChange(req, {
      userId: ownerId,
      delta: purchase.shoots,
      kind: 'purchase_grant',
      // Shoots bought from a package's tier are for that package (a purchase without one: any).
      wallet: relationId(purchase.package) ?? null,
      reason: `Bought ${purchase.shoots} shoots`,
      idempotencyKey: `purchase:${sessionId}`,
      reference,
    })
    return [grant]
  }
  const packageNames = new Map<number, string>()
  const { docs } = await req.payload.find({
    collection: 'photo-packages',
    where: {
      id: { in: purchase.lines.map((line) => relationId(line.package)).filter((id) => id !== undefined) },
    },
    select: { name: true },
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
  })
  for (const doc of docs) packageNames.set(doc.id, doc.name)
  const grants: CreditChangeResult[] = []
  for (const [index, line] of purchase.lines.entries()) {
    // A package deleted since checkout still gets its paid shoots, keyed by the line instead.
    const packageId = relationId(line.package) ?? `line-${index}`
    grants.push(
      await applyCreditChange(req, {
        userId: ownerId,
        delta: line.shoots,
        kind: 'purchase_grant',
        wallet: relationId(line.package) ?? null,
        reason: `Bundle: ${line.shoots} shoots for ${packageNames.get(Number(packageId)) ?? `package ${packageId}`}`,
        idempotencyKey: `purchase:${sessionId}:package:${packageId}`,
        reference,
      }),
    )
  }
  return grants
}

/** A payment intent field (an id, or the expanded object) as its id. */
export const paymentIntentId = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'object' && value
      ? (value as { id: string }).id
      : undefined

/**
 * Everything about one payment (its fulfilment, refunds and disputes) takes this lock first, in
 * its transaction: a refund that finds no purchase yet and a fulfilment that is recording the
 * payment intent cannot pass each other, so the refund is either seen or replayed.
 */
const lockPayment = (req: PayloadRequest, intent: string) => lockKey(req, `stripe-intent:${intent}`)
/** Fulfilment and closing an unpaid session serialise on the session (taken before lockPayment). */
const lockSession = (req: PayloadRequest, sessionId: string) => lockKey(req, `stripe-session:${sessionId}`)

/**
 * The outcome of a refund or dispute whose payment no purchase records yet (it arrived before
 * the payment's own event, or is another app's): the webhook keeps its object, waiting for that
 * payment intent, and fulfilment replays it, so the final state does not depend on the order.
 */
export const WAITING_FOR_PAYMENT = 'waiting: no purchase has this payment yet'

/** Applies the refunds and disputes that arrived before this payment was fulfilled, in arrival order. */
const replayWaitingEvents = async (req: PayloadRequest, intent: string): Promise<void> => {
  const { docs } = await req.payload.find({
    collection: 'stripe-events',
    where: { waitingForPaymentIntent: { equals: intent } },
    sort: 'createdAt',
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
  })
  for (const event of docs) {
    const object = event.deferredObject as never
    const outcome =
      event.type === 'charge.refunded'
        ? await reclaimRefundedShoots(req, object)
        : event.type === 'charge.dispute.created'
          ? await flagDispute(req, object)
          : 'ignored'
    await req.payload.update({
      collection: 'stripe-events',
      id: event.id,
      data: { waitingForPaymentIntent: null, outcome: `${outcome} (replayed after the payment)` },
      req,
      overrideAccess: true,
      depth: 0,
    })
  }
}

/**
 * Stripe's fulfil(sessionId): grants the purchase's shoots once, ever. The ledger key
 * `purchase:<session>` makes a second call (repeated event, reconciliation, the other of
 * completed/async_payment_succeeded) a no-op. Credits only a session Stripe says is paid;
 * the shoots come from our purchase record, not from the event. Recording the payment intent
 * replays the refunds and disputes that arrived before it (WAITING_FOR_PAYMENT). The receipt
 * e-mail is queued with the grant (sent once, only if it commits). A customer who erased their
 * account before the payment landed gets nothing granted ('owner_erased'); the sale is recorded.
 */
export const fulfilCheckoutSession = async (
  req: PayloadRequest,
  session: Pick<Stripe.Checkout.Session, 'id' | 'payment_intent' | 'payment_status'>,
): Promise<'granted' | 'already_granted' | 'not_paid' | 'owner_erased' | typeof NOT_OUR_SESSION> => {
  if (session.payment_status !== 'paid')
    return (await purchaseForSession(req, session)) ? 'not_paid' : NOT_OUR_SESSION
  return inTransaction(req, async (req) => {
    const intent = paymentIntentId(session.payment_intent)
    await lockSession(req, session.id)
    if (intent) await lockPayment(req, intent)
    const purchase = await purchaseForSession(req, session)
    if (!purchase) return NOT_OUR_SESSION
    const ownerId = relationId(purchase.owner)
    const grants = ownerId === undefined ? [] : await grantPurchaseShoots(req, purchase, ownerId, session.id)
    if (ownerId !== undefined && grants.some((grant) => !grant.duplicate)) {
      await queueEmail(req, {
        template: 'purchaseReceipt',
        userId: ownerId,
        data: await receiptDetails(req, purchase.id),
      })
    }
    if (purchase.status === 'pending' || purchase.status === 'failed' || purchase.status === 'expired') {
      await req.payload.update({
        collection: 'purchases',
        id: purchase.id,
        data: {
          status: 'paid',
          paidAt: new Date().toISOString(),
          stripePaymentIntentId: intent ?? purchase.stripePaymentIntentId,
        },
        req,
        overrideAccess: true,
        depth: 0,
      })
      if (intent) await replayWaitingEvents(req, intent)
    }
    if (ownerId === undefined) return 'owner_erased'
    return grants.every((grant) => grant.duplicate) ? 'already_granted' : 'granted'
  })
}

/**
 * async_payment_failed / expired: a still-pending purchase is closed; a paid one is left alone
 * (also when the payment is being recorded at the same moment: both take the session lock).
 */
export const closeUnpaidSession = async (
  req: PayloadRequest,
  session: Pick<Stripe.Checkout.Session, 'id'>,
  status: 'expired' | 'failed',
): Promise<string> => {
  await lockSession(req, session.id)
  const purchase = await purchaseForSession(req, session)
  if (!purchase) return NOT_OUR_SESSION
  if (purchase.status !== 'pending') return `left ${purchase.status}`
  await req.payload.update({
    collection: 'purchases',
    id: purchase.id,
    data: { status },
    req,
    overrideAccess: true,
    depth: 0,
  })
  return status
}

const flagUser = (req: PayloadRequest, userId: number, reason: string) =>
  req.payload.update({
    collection: 'users',
    id: userId,
    data: { flagged: true, flagReason: reason },
    req,
    overrideAccess: true,
    depth: 0,
  })

/**
 * charge.refunded: takes back the refunded share of the purchase's shoots (cumulative over
 * partial refunds, in any order). The balance never goes below zero; what could not be taken
 * back is recorded on the ledger row and the account is flagged for review. Before the payment
 * is fulfilled it answers WAITING_FOR_PAYMENT and is replayed by the fulfilment.
 */
export const reclaimRefundedShoots = async (req: PayloadRequest, charge: Stripe.Charge): Promise<string> => {
  const intent = paymentIntentId(charge.payment_intent)
  if (!intent) return 'ignored: the charge has no payment intent'
  await lockPayment(req, intent)
  const purchase = await findPurchase(req, { stripePaymentIntentId: { equals: intent } })
  if (!purchase) return WAITING_FOR_PAYMENT
  const ownerId = relationId(purchase.owner)
  const shareDue = Math.floor((purchase.shoots * charge.amount_refunded) / Math.max(charge.amount, 1))
  const toReclaim = shareDue - (purchase.shootsReclaimed ?? 0)
  let shortfall = 0
  // An erased customer's shoots went with the account: the sale is updated, nothing is reclaimed.
  if (toReclaim > 0 && ownerId !== undefined) {
    // Taken back from the wallets the purchase granted into, in proportion to what each got.
    const { docs: grants } = await req.payload.find({
      collection: 'credit-ledger',
      where: {
        and: [{ reference: { equals: `purchase:${purchase.id}` } }, { kind: { equals: 'purchase_grant' } }],
      },
      sort: 'id',
      pagination: false,
      depth: 0,
      req,
      overrideAccess: true,
    })
    const wallets = grants.length ? grants.map((grant) => relationId(grant.wallet) ?? null) : [null]
    const shares = splitInProportion(toReclaim, grants.length ? grants.map((grant) => grant.amount) : [1])
    for (const [index, shoots] of shares.entries()) {
      if (shoots <= 0) continue
      const result = await applyCreditChange(req, {
        userId: ownerId,
        delta: -shoots,
        kind: 'stripe_refund',
        wallet: wallets[index],
        reason: `Stripe refund of ${charge.amount_refunded} of ${charge.amount} cents`,
        idempotencyKey: `stripe_refund:${charge.id}:${charge.amount_refunded}${index ? `:${index + 1}` : ''}`,
        reference: `purchase:${purchase.id}`,
        mode: 'clamp',
      })
      shortfall += result.shortfall
    }
  }
  // Refund events carry the running total, but may arrive out of order: an earlier, smaller
  // total must not move the purchase backwards (refunded -> partially_refunded).
  const refundedAmountCents = Math.max(purchase.refundedAmountCents ?? 0, charge.amount_refunded)
  const fullyRefunded = refundedAmountCents >= charge.amount
  if (ownerId !== undefined && charge.amount_refunded > (purchase.refundedAmountCents ?? 0)) {
    await queueEmail(req, {
      template: 'refundNotice',
      userId: ownerId,
      data: {
        purchaseId: purchase.id,
        amount: formatMoney(charge.amount_refunded - (purchase.refundedAmountCents ?? 0)),
        shootsTaken: Math.max(0, toReclaim) - shortfall,
        full: fullyRefunded,
      },
    })
  }
  await req.payload.update({
    collection: 'purchases',
    id: purchase.id,
    data: {
      refundedAmountCents,
      shootsReclaimed: Math.max(purchase.shootsReclaimed ?? 0, shareDue),
      status: purchase.disputed ? 'disputed' : fullyRefunded ? 'refunded' : 'partially_refunded',
    },
    req,
    overrideAccess: true,
    depth: 0,
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
 * charge.dispute.created: flags the purchase and the account; nothing is taken automatically.
 * Before the payment is fulfilled it answers WAITING_FOR_PAYMENT and is replayed by the fulfilment.
 */
export const flagDispute = async (req: PayloadRequest, dispute: Stripe.Dispute): Promise<string> => {
  const intent = paymentIntentId(dispute.payment_intent)
  if (!intent) return 'ignored: the dispute has no payment intent'
  await lockPayment(req, intent)
  const purchase = await findPurchase(req, { stripePaymentIntentId: { equals: intent } })
  if (!purchase) return WAITING_FOR_PAYMENT
  const ownerId = relationId(purchase.owner)
  await req.payload.update({
    collection: 'purchases',
    id: purchase.id,
    data: { disputed: true, status: 'disputed' },
    req,
    overrideAccess: true,
    depth: 0,
  })
  if (ownerId !== undefined)
    await flagUser(
      req,
      ownerId,
      `Payment for purchase ${purchase.id} is disputed (${dispute.reason ?? 'no reason given'}).`,
    )
  return 'flagged'
}
