import type { PayloadRequest } from 'payload'
import Stripe from 'stripe'

import { requireStudioOwner } from '@/access'
import { badGateway, conflict, DomainError, notFound, serviceUnavailable } from '@/lib/errors'
import { relationId } from '@/lib/relationId'

import { ledgerName } from './ledgerNames'
import { createStripeClient, PAYMENTS_NOT_CONFIGURED, readStripeConfig } from './stripeClient'

export interface RefundStarted {
  refundId: string
  amountCents: number
  /** Stripe's refund status (`succeeded`, `pending`...). */
  status: string | null
  /** The connected account the refund came from; null: the platform's. */
  stripeAccountId: string | null
}

/**
 * Refunds `amountCents` (default: all not yet refunded) of a paid purchase through Stripe
 * (docs.stripe.com/api/refunds/create). A direct charge is refunded on the studio's connected
 * account (the `Stripe-Account` header: the money comes from the studio's balance) with
 * `refund_application_fee`, so the platform's fee goes back in proportion
 * (docs.stripe.com/connect/direct-charges#issue-refunds). The shoots are taken back when
 * Stripe's `charge.refunded` event arrives (reclaimRefundedShoots), as for a refund made in
 * Stripe's dashboard. Who: a platform admin, or an owner of the purchase's studio.
 * Errors: 401/403; 404 no such purchase; 409 (field `amountCents`) nothing left to refund, or
 * more than is left, or the purchase is not paid; 503 not configured; 502 Stripe refused.
 */
export const refundPurchase = async (
  req: PayloadRequest,
  purchaseId: number,
  { amountCents }: { amountCents?: number } = {},
): Promise<RefundStarted> => {
  const purchase = await req.payload
    .findByID({ collection: 'purchases', id: purchaseId, depth: 0, req, overrideAccess: true })
    .catch(() => null)
  const studioId = relationId(purchase?.studio)
  // A purchase the caller may not see is a 404, as its read is.
  if (!purchase) throw notFound(`No purchase ${purchaseId}.`)
  try {
    requireStudioOwner(req, studioId ?? -1, 'refund its purchases')
  } catch (error) {
    if (error instanceof DomainError && error.status === 403) throw notFound(`No purchase ${purchaseId}.`)
    throw error
  }
  const config = readStripeConfig()
  if (!config) throw serviceUnavailable(PAYMENTS_NOT_CONFIGURED)
  const intent = purchase.stripePaymentIntentId
  if (!intent || !['paid', 'partially_refunded', 'disputed'].includes(purchase.status))
    throw conflict(`Purchase ${purchaseId} is ${purchase.status}: only a paid purchase is refunded.`, {
      field: 'amountCents',
    })
  const refunded = purchase.stripeAmountRefundedCents ?? purchase.refundedAmountCents ?? 0
  const left = purchase.amountCents - refunded
  const amount = amountCents ?? left
  if (left <= 0 || amount > left)
    throw conflict(`amountCents: ${left} of purchase ${purchaseId} is left to refund, not ${amount}.`, {
      field: 'amountCents',
    })
  const account = purchase.stripeAccountId ?? null
  try {
    const refund = await createStripeClient(config).refunds.create(
      {
        payment_intent: intent,
        amount,
        reason: 'requested_by_customer',
        metadata: { purchaseId: String(purchase.id) },
        ...(account && { refund_application_fee: true }),
      },
      {
        // One refund per (purchase, refunded so far as Stripe's events told us, amount): a retried click
        // cannot refund twice. A second refund of the same amount before Stripe's charge.refunded
        // arrives is taken as that repeat (Stripe answers the first refund again), never as a new one.
        idempotencyKey: `refund:${ledgerName('purchase', purchase)}:${refunded}:${amount}`,
        ...(account && { stripeAccount: account }),
      },
    )
    return {
      refundId: refund.id,
      amountCents: refund.amount,
      status: refund.status,
      stripeAccountId: account,
    }
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError)
      throw conflict(`Stripe refused the refund: ${error.message}`, { field: 'amountCents' })
    if (error instanceof Stripe.errors.StripeError)
      throw badGateway(`Stripe could not refund (${error.type}): ${error.message}`)
    throw error
  }
}
