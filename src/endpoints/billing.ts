import type { Endpoint } from 'payload'
import { z } from 'zod'

import { requireRole, requireUser } from '@/access'
import { startCheckout } from '@/billing/checkout'
import type { OfferRef } from '@/billing/offers'
import { reconcileStripeSessions } from '@/billing/reconcile'
import { processStripeEvent, verifyStripeEvent } from '@/billing/webhook'
import { badRequest } from '@/lib/errors'
import { idSchema } from '@/lib/input'

import { endpoint, json, parse, readJson } from './respond'

const checkoutBody = z
  .object({ tierId: idSchema('tierId').optional(), bundleId: idSchema('bundleId').optional() })
  // Anything else (a price, a shoot count) is ignored: the server's tier or bundle decides.
  .passthrough()
  .refine(
    (body) => (body.tierId === undefined) !== (body.bundleId === undefined),
    'Give either a tierId or a bundleId.',
  )
  .transform((body): OfferRef =>
    body.bundleId !== undefined ? { bundleId: body.bundleId } : { tierId: body.tierId as number },
  )

export const billingEndpoints: Endpoint[] = [
  {
    path: '/checkout',
    method: 'post',
    handler: endpoint(async (req) => {
      requireUser(req, 'Sign in to buy shoots.')
      const offer = parse(checkoutBody, await readJson(req))
      const { url, purchaseId } = await startCheckout(req, offer)
      return json({ url, purchaseId })
    }),
  },
  {
    path: '/stripe/webhook',
    method: 'post',
    handler: endpoint(async (req) => {
      const rawBody = typeof req.text === 'function' ? await req.text() : ''
      const event = verifyStripeEvent(rawBody, req.headers.get('stripe-signature'))
      // Errors past this point are ours: the endpoint answers 5xx and Stripe retries.
      const outcome = await processStripeEvent(req.payload, event)
      return json({ received: true, outcome })
    }),
  },
  {
    // Stripe Connect: the connected accounts' events (each carries `account`), signed with the
    // Connect endpoint's own secret. An account no studio owns is recorded and answered 2xx.
    path: '/stripe/connect/webhook',
    method: 'post',
    handler: endpoint(async (req) => {
      const rawBody = typeof req.text === 'function' ? await req.text() : ''
      const event = verifyStripeEvent(rawBody, req.headers.get('stripe-signature'), 'connect')
      if (typeof event.account !== 'string' || !event.account)
        throw badRequest('A Connect event names its connected account (account).', { field: 'account' })
      const outcome = await processStripeEvent(req.payload, event)
      return json({ received: true, outcome })
    }),
  },
  {
    path: '/admin/billing/reconcile',
    method: 'post',
    handler: endpoint(async (req) => {
      requireRole(req, ['admin'], 'run reconciliation')
      return json(await reconcileStripeSessions(req.payload))
    }),
  },
]
