import type { Endpoint } from 'payload'
import { z } from 'zod'

import { requireStudioOwner, requireUser } from '@/access'
import { connectStudioAccount, refreshStudioAccount } from '@/billing/connect'
import { refundPurchase } from '@/billing/refunds'

import { endpoint, json, parse, readJson, routeId } from './respond'

/**
 * Stripe Connect onboarding of a studio (on the `studios` collection, so under /api/studios):
 * - POST /api/studios/:id/stripe/connect → `{ accountId, url, expiresAt }`: the studio's Express
 *   account (made the first time) and an Account Link to Stripe's onboarding; the admin sends the
 *   browser to `url`.
 * - POST /api/studios/:id/stripe/refresh → `{ stripe }`: the account's readiness read from Stripe.
 * Platform admins and the studio's owners only (403 otherwise).
 */
export const studioStripeEndpoints: Endpoint[] = [
  {
    path: '/:id/stripe/connect',
    method: 'post',
    handler: endpoint(async (req) => {
      const studioId = routeId(req, 'studio')
      requireStudioOwner(req, studioId, "connect the studio's Stripe account")
      return json(await connectStudioAccount(req, studioId))
    }),
  },
  {
    path: '/:id/stripe/refresh',
    method: 'post',
    handler: endpoint(async (req) => {
      const studioId = routeId(req, 'studio')
      requireStudioOwner(req, studioId, "refresh the studio's Stripe account")
      return json({ stripe: await refreshStudioAccount(req, studioId) })
    }),
  },
]

const refundBody = z
  .object({
    amountCents: z
      .number({ error: 'amountCents must be a whole number of cents from 1.' })
      .int('amountCents must be a whole number of cents from 1.')
      .min(1, 'amountCents must be a whole number of cents from 1.')
      .max(100_000_000, 'amountCents must be at most 100000000.')
      .optional(),
  })
  .strict()

/**
 * POST /api/purchases/:id/refund `{ amountCents? }` → `{ refundId, amountCents, status, stripeAccountId }`:
 * refunds a paid purchase through Stripe (all that is left by default); see refundPurchase.
 */
export const purchaseRefundEndpoint: Endpoint = {
  path: '/:id/refund',
  method: 'post',
  handler: endpoint(async (req) => {
    requireUser(req)
    const purchaseId = routeId(req, 'purchase')
    const body = parse(refundBody, (await readJson(req)) ?? {})
    return json(await refundPurchase(req, purchaseId, body))
  }),
}
