import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { hasRole } from '@/access'
import { DomainError, forbidden, serviceUnavailable, unauthorized } from '@/lib/errors'
import { settings } from '@/lib/settings'
import { inTransaction } from '@/lib/transactions'

import { ledgerName } from './ledgerNames'
import { loadOffer, type OfferRef } from './offers'
import { createStripeClient, readStripeConfig } from './stripeClient'

export const PAYMENTS_NOT_CONFIGURED = 'Payments are not configured on this studio yet.'

const publicOrigin = (req: PayloadRequest): string => {
  const configured = settings().publicOrigin
  if (configured) return configured
  const forwardedHost = req.headers.get('x-forwarded-host') ?? req.headers.get('host')
  const protocol = req.headers.get('x-forwarded-proto') ?? 'http'
  return forwardedHost ? `${protocol}://${forwardedHost}` : 'http://localhost:3000'
}

export interface CheckoutStarted {
  url: string
  purchaseId: number
  sessionId: string
}

/**
 * Starts a Stripe Checkout Session for a tier or a bundle. The price, currency and shoots
 * come from the server's records, never from the client. The pending purchase and the
 * session are made in one transaction: if Stripe refuses, no purchase is left behind.
 */
export const startCheckout = async (req: PayloadRequest, ref: OfferRef): Promise<CheckoutStarted> => {
  const user = req.user
  if (!user) throw unauthorized('Sign in to buy shoots.')
  if (!hasRole(user, 'customer')) throw forbidden('Only customer accounts buy shoots.')
  const config = readStripeConfig()
  if (!config) throw serviceUnavailable(PAYMENTS_NOT_CONFIGURED)

  return inTransaction(req, async (req) => {
    const offer = await loadOffer(req, ref)
    const purchase = await req.payload.create({
      collection: 'purchases',
      data: { owner: Number(user.id), ...offer.purchase, currency: 'usd', status: 'pending' },
      req,
      overrideAccess: true,
      depth: 0,
    })
    const origin = publicOrigin(req)
    const lineItem: Stripe.Checkout.SessionCreateParams.LineItem = offer.stripePriceId
      ? { price: offer.stripePriceId, quantity: 1 }
      : {
          quantity: 1,
          price_data: {
            currency: 'usd',
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
        },
        // Stripe keeps a key's answer for a day: the purchase's uuid, so no other purchase can meet it.
        { idempotencyKey: `checkout:${ledgerName('purchase', purchase)}` },
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
