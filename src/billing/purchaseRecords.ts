import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { lockKey } from '@/lib/drizzle'
import type { Purchase } from '@/payload-types'

export const findPurchase = async (
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

/** The purchase whose payment is this payment intent, or null. */
export const purchaseForPayment = (req: PayloadRequest, intent: string): Promise<Purchase | null> =>
  findPurchase(req, { stripePaymentIntentId: { equals: intent } })

/** The outcome recorded for a signed event about a session this studio never created: 2xx, so Stripe stops retrying. */
export const NOT_OUR_SESSION = 'ignored: not a session of this studio'

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
export const lockPayment = (req: PayloadRequest, intent: string) => lockKey(req, `stripe-intent:${intent}`)
/** Fulfilment and closing an unpaid session serialise on the session (taken before lockPayment). */
export const lockSession = (req: PayloadRequest, sessionId: string) =>
  lockKey(req, `stripe-session:${sessionId}`)

/**
 * The outcome of a refund or dispute whose payment no purchase records yet (it arrived before
 * the payment's own event, or is another app's): the webhook keeps its object, waiting for that
 * payment intent, and fulfilment replays it, so the final state does not depend on the order.
 */
export const WAITING_FOR_PAYMENT = 'waiting: no purchase has this payment yet'

/** Flags the account for staff review (Users → flagged), with the reason staff will read. */
export const flagUser = (req: PayloadRequest, userId: number, reason: string) =>
  req.payload.update({
    collection: 'users',
    id: userId,
    data: { flagged: true, flagReason: reason },
    req,
    overrideAccess: true,
    depth: 0,
  })
