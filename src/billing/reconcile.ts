import { createLocalReq, type Payload } from 'payload'

import Stripe from 'stripe'

import { badGateway, DomainError, serviceUnavailable } from '@/lib/errors'
import { inTransaction } from '@/lib/transactions'

import { fulfilCheckoutSession } from './fulfilment'
import { createStripeClient, PAYMENTS_NOT_CONFIGURED, readStripeConfig } from './stripeClient'

export interface ReconcileResult {
  checked: number
  granted: string[]
  /** Connected accounts Stripe would not list (revoked, unreachable): the others were still checked. */
  unreachable?: string[]
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

/** The platform's account (null) and every studio's connected account: where our sessions live. */
const accountsToCheck = async (payload: Payload): Promise<(string | null)[]> => {
  const { docs } = await payload.find({
    collection: 'studios',
    where: { 'stripe.accountId': { exists: true } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { stripe: true },
  })
  const connected = docs.map((studio) => studio.stripe?.accountId).filter((id): id is string => Boolean(id))
  return [null, ...new Set(connected)]
}

/** Fulfils the paid sessions of ours since `since` (unix seconds) on one account (null: the platform's). */
const reconcileAccount = async (
  payload: Payload,
  stripe: Stripe,
  since: number,
  account: null | string,
  result: ReconcileResult,
): Promise<void> => {
  const sessions = stripe.checkout.sessions.list(
    { created: { gte: since }, status: 'complete', limit: 100 },
    account ? { stripeAccount: account } : undefined,
  )
  for await (const session of upstream(sessions)) {
    result.checked++
    if (session.payment_status !== 'paid') continue
    // Ours, and charged on this account (null: the platform's).
    const { totalDocs } = await payload.count({
      collection: 'purchases',
      where: {
        and: [
          { stripeSessionId: { equals: session.id } },
          account ? { stripeAccountId: { equals: account } } : { stripeAccountId: { exists: false } },
        ],
      },
      overrideAccess: true,
    })
    if (totalDocs === 0) continue // not one of ours
    const req = await createLocalReq({}, payload)
    const outcome = await inTransaction(req, (req) => fulfilCheckoutSession(req, session))
    if (outcome === 'granted') result.granted.push(session.id)
  }
}

/**
 * The "paid but no credits" safety net: lists recent complete Checkout Sessions from Stripe, on
 * the platform's account and on each studio's connected account (the `Stripe-Account` header),
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
  for (const account of await accountsToCheck(payload)) {
    if (!account) {
      await reconcileAccount(payload, stripe, since, null, result)
      continue
    }
    // One studio's revoked or unreachable account must not stop the others' safety net.
    try {
      await reconcileAccount(payload, stripe, since, account, result)
    } catch (error) {
      if (!(error instanceof DomainError) || error.status < 500) throw error
      payload.logger.warn({ msg: `reconcile: skipped connected account ${account}: ${error.message}` })
      result.unreachable = [...(result.unreachable ?? []), account]
    }
  }
  return result
}
