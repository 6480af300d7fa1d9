import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { badRequest, serviceUnavailable } from '@/lib/errors'
import { labelValue, metrics } from '@/lib/metrics'
import { inTransaction } from '@/lib/transactions'

import { applyAccountUpdate, studioForAccount } from './connect'
import { stripeEventKey } from './eventKey'
import { closeUnpaidSession, fulfilCheckoutSession } from './fulfilment'
import { paymentIntentId, WAITING_FOR_PAYMENT } from './purchaseRecords'
import { closeDispute, flagDispute, reclaimRefundedShoots } from './reversals'
import { createStripeClient, PAYMENTS_NOT_CONFIGURED, readStripeConfig } from './stripeClient'

/**
 * Verifies the signature on the raw body; a bad, stale or missing one changes nothing. `endpoint`
 * picks the secret: the platform account's endpoint (STRIPE_WEBHOOK_SECRET) or the Connect
 * endpoint's, which receives the connected accounts' events (STRIPE_CONNECT_WEBHOOK_SECRET).
 */
export const verifyStripeEvent = (
  rawBody: string,
  signature: string | null,
  endpoint: 'account' | 'connect' = 'account',
): Stripe.Event => {
  const config = readStripeConfig()
  const secret = endpoint === 'connect' ? config?.connectWebhookSecret : config?.webhookSecret
  if (!config || !secret) throw serviceUnavailable(PAYMENTS_NOT_CONFIGURED)
  if (!signature) throw badRequest('Missing Stripe-Signature header.')
  try {
    return createStripeClient(config).webhooks.constructEvent(rawBody, signature, secret)
  } catch (error) {
    metrics().stripeEvents.inc({ type: 'unknown', outcome: 'invalid_signature' })
    throw badRequest(
      `Invalid Stripe signature: ${error instanceof Error ? error.message : 'verification failed'}`,
    )
  }
}

const dispatch = async (req: PayloadRequest, event: Stripe.Event): Promise<string> => {
  // Signed but malformed (no data.object): recorded as ignored with a 2xx, so Stripe stops retrying.
  const object: unknown = (event as { data?: { object?: unknown } }).data?.object
  if (!object || typeof object !== 'object') return 'ignored: the event has no data.object'
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return fulfilCheckoutSession(req, event.data.object)
    case 'checkout.session.async_payment_failed':
      return closeUnpaidSession(req, event.data.object, 'failed')
    case 'checkout.session.expired':
      return closeUnpaidSession(req, event.data.object, 'expired')
    case 'charge.refunded':
      return reclaimRefundedShoots(req, event.data.object)
    case 'charge.dispute.created':
      return flagDispute(req, event.data.object)
    case 'charge.dispute.closed':
      return closeDispute(req, event.data.object)
    default:
      return 'ignored'
  }
}

/**
 * A connected account's event (Stripe Connect: top-level `account`) is applied only for the
 * studio that owns the account; one no studio owns is recorded and acknowledged, never applied.
 */
const dispatchConnect = async (
  req: PayloadRequest,
  event: Stripe.Event,
  account: string,
): Promise<string> => {
  const studio = await studioForAccount(req, account)
  if (!studio) return `ignored: no studio owns account ${account}`
  if (event.type === 'account.updated') {
    const object: unknown = (event as { data?: { object?: unknown } }).data?.object
    if (!object || typeof object !== 'object') return 'ignored: the event has no data.object'
    return applyAccountUpdate(req, studio, object as Stripe.Account)
  }
  return dispatch(req, event)
}

/** The connected account that sent the event, or null: the platform's own. */
const accountOf = (event: Stripe.Event): string | null =>
  typeof event.account === 'string' && event.account ? event.account : null

const alreadyHandled = async (payload: Payload, eventKey: string, req?: PayloadRequest): Promise<boolean> => {
  const { totalDocs } = await payload.count({
    collection: 'stripe-events',
    where: { eventKey: { equals: eventKey } },
    req,
    overrideAccess: true,
  })
  return totalDocs > 0
}

/**
 * Handles one verified event exactly once per (account, event id) (see stripeEventKey), with the same end state whatever order a
 * purchase's events arrive in (refunds and disputes before the payment wait for it). The work and the `stripe-events` row recording
 * it commit in ONE transaction, so an event is never marked handled before its grant, and
 * a failure rolls both back (the endpoint answers 5xx and Stripe retries). A concurrent
 * duplicate either finds the ledger key taken or loses the unique event id, and is a no-op.
 */
export const processStripeEvent = async (payload: Payload, event: Stripe.Event): Promise<string> => {
  const type = labelValue(event.type)
  try {
    const outcome = await handleOnce(payload, event)
    metrics().stripeEvents.inc({ type, outcome: outcomeLabel(outcome) })
    return outcome
  } catch (error) {
    metrics().stripeEvents.inc({ type, outcome: 'error' })
    throw error
  }
}

/** The metric's outcome: the handler's words reduced to a bounded set. */
const outcomeLabel = (outcome: string): string =>
  outcome === 'duplicate'
    ? 'duplicate'
    : outcome === WAITING_FOR_PAYMENT
      ? 'waiting_for_payment'
      : outcome.startsWith('ignored')
        ? 'ignored'
        : 'handled'

const handleOnce = async (payload: Payload, event: Stripe.Event): Promise<string> => {
  const req = await createLocalReq({}, payload)
  const account = accountOf(event)
  const eventKey = stripeEventKey(event.id, account)
  try {
    return await inTransaction(req, async (req) => {
      if (await alreadyHandled(payload, eventKey, req)) return 'duplicate'
      const outcome = account ? await dispatchConnect(req, event, account) : await dispatch(req, event)
      // A refund or dispute before its payment: kept, and replayed when the payment is fulfilled.
      const object = (event.data?.object ?? {}) as { payment_intent?: unknown }
      const waiting =
        outcome === WAITING_FOR_PAYMENT
          ? { waitingForPaymentIntent: paymentIntentId(object.payment_intent), deferredObject: object }
          : {}
      await payload.create({
        collection: 'stripe-events',
        data: { eventId: event.id, account, eventKey, type: event.type, outcome, ...waiting },
        req,
        overrideAccess: true,
        depth: 0,
      })
      return outcome
    })
  } catch (error) {
    if (await alreadyHandled(payload, eventKey)) return 'duplicate'
    throw error
  }
}

export { createStripeClient }
