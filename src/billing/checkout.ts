import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { hasRole } from '@/access'
import { DomainError, forbidden, notFound, serviceUnavailable, unauthorized } from '@/lib/errors'
import { inTransaction } from '@/lib/transactions'

import { ledgerName } from './ledgerNames'
import { loadOffer, type OfferRef } from './offers'
import { shopOrigin } from './publicOrigin'
import { applicationFeeCents, saleAccountFor } from './saleAccount'
import { createStripeClient, PAYMENTS_NOT_CONFIGURED, readStripeConfig } from './stripeClient'

export { PAYMENTS_NOT_CONFIGURED }

export interface CheckoutStarted {
  url: string
  purchaseId: number
  sessionId: string
}

/**
 * Starts a Stripe Checkout Session for a tier or a bundle of the request's studio (its Host).
 * The price, currency and shoots come from the server's records, never from the client. The
 * pending purchase and the session are made in one transaction: if Stripe refuses, no purchase
 * is left behind. At a studio with a ready connected account it is a direct charge
 * (docs.stripe.com/connect/direct-charges): the session is created on that account (the
 * `Stripe-Account` header) in the studio's currency, with the platform's share as
 * `payment_intent_data.application_fee_amount` (omitted when 0); the purchase records the studio,
 * the account and the fee (`applicationFeeCents`, for the platform's analytics). Otherwise the
 * default studio sells on the platform's account as before (fee 0).
 * Errors: 401/403; 503 not configured; 404 no such offer at this studio; 409 the studio cannot
 * take payments yet (saleAccountFor); 502 Stripe refused.
 */
export const startCheckout = async (req: PayloadRequest, ref: OfferRef): Promise<CheckoutStarted> => {
  const user = req.user
  if (!user) throw unauthorized('Sign in to buy shoots.')
  if (!hasRole(user, 'customer')) throw forbidden('Only customer accounts buy shoots.')
  const config = readStripeConfig()
  if (!config) throw serviceUnavailable(PAYMENTS_NOT_CONFIGURED)

  const sale = await saleAccountFor(req)

  return inTransaction(req, async (req) => {
    const offer = await loadOffer(req, ref)
    // Another studio's offer is not on sale here (its money would land on this studio's account).
    if (offer.studio !== undefined && offer.studio !== sale.studioId)
      throw notFound(
        `No ${offer.kind === 'bundle' ? 'bundle' : 'pricing tier'} ${Object.values(ref)[0]} is on sale here.`,
      )
    const fee = sale.accountId ? applicationFeeCents(offer.purchase.amountCents, sale.platformFeePercent) : 0
    const purchase = await req.payload.create({
      collection: 'purchases',
      data: {
        owner: Number(user.id),
        ...offer.purchase,
        currency: sale.currency,
        status: 'pending',
        studio: sale.studioId,
        stripeAccountId: sale.accountId,
        applicationFeeCents: fee,
      },
      req,
      overrideAccess: true,
      depth: 0,
    })
    const origin = await shopOrigin(req, sale.studioId)
    // A tier's Stripe Price lives on the platform's account: a connected account is charged by price_data.
    const lineItem: Stripe.Checkout.SessionCreateParams.LineItem =
      offer.stripePriceId && !sale.accountId
        ? { price: offer.stripePriceId, quantity: 1 }
        : {
            quantity: 1,
            price_data: {
              currency: sale.currency,
              unit_amount: offer.purchase.amountCents,
              product_data: { name: offer.productName },
            },
          }
    let session: Stripe.Checkout.Session
    try {
      session = await createStripeClient(config).checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [lineItem],
          client_reference_id: String(user.id),
          customer_email: typeof user.email === 'string' ? user.email : undefined,
          metadata: { userId: String(user.id), ...offer.metadata, purchaseId: String(purchase.id) },
          success_url: `${origin}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
          cancel_url: `${origin}${offer.cancelPath}`,
          ...(fee > 0 && { payment_intent_data: { application_fee_amount: fee } }),
        },
        {
          // Stripe keeps a key's answer for a day: the purchase's uuid, so no other purchase can meet it.
          idempotencyKey: `checkout:${ledgerName('purchase', purchase)}`,
          ...(sale.accountId && { stripeAccount: sale.accountId }),
        },
      )
    } catch (error) {
      req.payload.logger.error({ err: error, msg: 'Stripe refused to create a checkout session' })
      throw new DomainError(502, 'The payment provider could not start checkout. Please try again.')
    }
    await req.payload.update({
      collection: 'purchases',
      id: purchase.id,
      data: { stripeSessionId: session.id, checkoutUrl: session.url },
      req,
      overrideAccess: true,
      depth: 0,
    })
    return { url: session.url as string, purchaseId: purchase.id, sessionId: session.id }
  })
}
