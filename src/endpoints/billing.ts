import type { Endpoint } from 'payload'
import { z } from 'zod'

import { isAdmin } from '@/access'
import { startCheckout } from '@/billing/checkout'
import { reconcileStripeSessions } from '@/billing/reconcile'
import { processStripeEvent, verifyStripeEvent } from '@/billing/webhook'
import { forbidden, unauthorized } from '@/lib/errors'

import { endpoint, json, parse, readJson } from './respond'

const checkoutBody = z
  .object({ tierId: z.number({ error: 'tierId must be a number.' }).int().positive('tierId must be a positive id.') })
  // Anything else (a price, a shoot count) is ignored: the server's tier decides.
  .passthrough()

export const billingEndpoints: Endpoint[] = [
  {
    path: '/checkout',
    method: 'post',
    handler: endpoint(async (req) => {
      const { tierId } = parse(checkoutBody, await readJson(req))
      const { url, purchaseId } = await startCheckout(req, tierId)
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
    path: '/admin/billing/reconcile',
    method: 'post',
    handler: endpoint(async (req) => {
      if (!req.user) throw unauthorized()
      if (!(await isAdmin({ req }))) throw forbidden('Only admins may run reconciliation.')
      return json(await reconcileStripeSessions(req.payload))
    }),
  },
]
