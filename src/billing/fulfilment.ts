import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { queueEmail } from '@/email/queue'
import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'
import type { Purchase } from '@/payload-types'

import { applyCreditChange, type CreditChangeResult } from './ledger'
import { ledgerName } from './ledgerNames'
import { receiptDetails } from './purchaseLabel'
import {
  lockPayment,
  lockSession,
  NOT_OUR_SESSION,
  paymentIntentId,
  purchaseForSession,
} from './purchaseRecords'
import { closeDispute, flagDispute, reclaimRefundedShoots } from './reversals'

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
  const reference = ledgerName('purchase', purchase)
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
          : event.type === 'charge.dispute.closed'
            ? await closeDispute(req, object)
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
