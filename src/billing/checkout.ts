import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { hasRole } from '@/access'
import { badRequest, DomainError, forbidden, notFound, serviceUnavailable, unauthorized } from '@/lib/errors'
import { inTransaction } from '@/lib/transactions'
import type { PackagePricingTier, PhotoPackage } from '@/payload-types'

import { createStripeClient, readStripeConfig } from './stripeClient'

export const PAYMENTS_NOT_CONFIGURED = 'Payments are not configured on this studio yet.'

const publicOrigin = (req: PayloadRequest): string => {
  if (process.env.SERVER_URL) return process.env.SERVER_URL.replace(/\/$/, '')
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
 * Starts a Stripe Checkout Session for one tier. The price, currency and shoots come from
 * the server's tier, never from the client. The pending purchase and the session are made
 * in one transaction: if Stripe refuses, no purchase is left behind.
 */
export const startCheckout = async (req: PayloadRequest, tierId: number): Promise<CheckoutStarted> => {
  const user = req.user
  if (!user) throw unauthorized('Sign in to buy shoots.')
  if (!hasRole(user, 'customer')) throw forbidden('Only customer accounts buy shoots.')
  const config = readStripeConfig()
  if (!config) throw serviceUnavailable(PAYMENTS_NOT_CONFIGURED)

  return inTransaction(req, async (req) => {
    const tier = (await req.payload
      .findByID({ collection: 'package-pricing-tiers', id: tierId, depth: 1, req, overrideAccess: true })
      .catch(() => null)) as PackagePricingTier | null
    if (!tier || !tier.isActive) throw notFound(`No pricing tier ${tierId} is on sale.`)
    const pkg = tier.package as PhotoPackage
    if (!pkg?.isActive) throw badRequest(`${pkg?.name ?? 'That package'} is not on sale right now.`, { field: 'tierId' })

    const purchase = await req.payload.create({
      collection: 'purchases',
      data: {
        owner: Number(user.id),
        tier: tier.id,
        package: pkg.id,
        shoots: tier.shootsCount,
        amountCents: tier.priceCents,
        currency: 'usd',
        status: 'pending',
      },
      req,
      overrideAccess: true,
      depth: 0,
    })
    const origin = publicOrigin(req)
    const lineItem: Stripe.Checkout.SessionCreateParams.LineItem = tier.stripePriceId
      ? { price: tier.stripePriceId, quantity: 1 }
      : {
          quantity: 1,
          price_data: {
            currency: 'usd',
            unit_amount: tier.priceCents,
            product_data: { name: `${pkg.name}: ${tier.name} (${tier.shootsCount} shoots)` },
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
          metadata: {
            userId: String(user.id),
            tierId: String(tier.id),
            packageId: String(pkg.id),
            shoots: String(tier.shootsCount),
            purchaseId: String(purchase.id),
          },
          success_url: `${origin}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
          cancel_url: `${origin}/checkout/cancel?package=${encodeURIComponent(pkg.slug ?? '')}`,
        },
        { idempotencyKey: `checkout:purchase:${purchase.id}` },
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
