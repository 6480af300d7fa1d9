import Stripe from 'stripe'
import { expect, inject } from 'vitest'

/**
 * The e2e test plays Stripe's part after the browser reached the fake Checkout page: the customer
 * paid, so Stripe signs and posts `checkout.session.completed` to the app. Returns the session id.
 */
export const payAndNotify = async (checkoutUrl: string): Promise<string> => {
  const appUrl = inject('appUrl')
  const sessionId = checkoutUrl.split('/').pop() as string
  const session = await (
    await fetch(`${inject('fakeStripeUrl')}/v1/checkout/sessions/${sessionId}`, {
      headers: { authorization: 'Bearer sk_test_e2e' },
    })
  ).json()
  const event = {
    id: `evt_e2e_${sessionId}`,
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: {
      object: {
        ...session,
        status: 'complete',
        payment_status: 'paid',
        payment_intent: `pi_e2e_${sessionId}`,
      },
    },
  }
  const payload = JSON.stringify(event)
  const signature = new Stripe('sk_test_e2e').webhooks.generateTestHeaderString({
    payload,
    secret: inject('stripeWebhookSecret'),
  })
  const delivered = await fetch(`${appUrl}/api/stripe/webhook`, {
    method: 'POST',
    body: payload,
    headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
  })
  expect(delivered.status).toBe(200)
  return sessionId
}
