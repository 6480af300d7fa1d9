import { createLocalReq, type Payload } from 'payload'

import Stripe from 'stripe'

import { badGateway, serviceUnavailable } from '@/lib/errors'
import { inTransaction } from '@/lib/transactions'

import { PAYMENTS_NOT_CONFIGURED } from './checkout'
import { fulfilCheckoutSession } from './fulfilment'
import { createStripeClient, readStripeConfig } from './stripeClient'

export interface ReconcileResult {
  checked: number
  granted: string[]
}

/** Stripe's own failures (unreachable, refused key, rate limit) are 502/503 with a message, not a 500. */
async function* upstream<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    for await (const item of items) yield item
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error
    if (error instanceof Stripe.errors.StripeRateLimitError)
      throw serviceUnavailable('Stripe is rate limiting us. Try again in a minute.')
    throw badGateway(`Stripe could not be reached or refused the request (${error.type}): ${error.message}`)
  }
}

/**
 * The "paid but no credits" safety net: lists recent complete Checkout Sessions from Stripe
 * and fulfils any paid one of ours that has no grant yet (a webhook that never arrived).
 * Fulfilment is idempotent, so sessions already granted are untouched.
 */
export const reconcileStripeSessions = async (
  payload: Payload,
  { sinceHours = 72, now = new Date() }: { sinceHours?: number; now?: Date } = {},
): Promise<ReconcileResult> => {
  const config = readStripeConfig()
  if (!config) throw serviceUnavailable(PAYMENTS_NOT_CONFIGURED)
  const stripe = createStripeClient(config)
  const since = Math.floor(now.getTime() / 1000) - sinceHours * 3600
  const result: ReconcileResult = { checked: 0, granted: [] }
  for await (const session of upstream(
    stripe.checkout.sessions.list({ created: { gte: since }, status: 'complete', limit: 100 }),
  )) {
    result.checked++
    if (session.payment_status !== 'paid') continue
    const { totalDocs } = await payload.count({
      collection: 'purchases',
      where: { stripeSessionId: { equals: session.id } },
      overrideAccess: true,
    })
    if (totalDocs === 0) continue // not one of ours
    const req = await createLocalReq({}, payload)
    const outcome = await inTransaction(req, (req) => fulfilCheckoutSession(req, session))
    if (outcome === 'granted') result.granted.push(session.id)
  }
  return result
}
