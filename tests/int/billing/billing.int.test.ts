import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { reconcileStripeSessions } from '@/billing/reconcile'

import { ApiClient } from '../../support/clients/client'
import type { FakeStripe } from '../../fakes/stripeServer'
import { ledgerSum, newCustomer } from '../../support/fixtures/generation'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { startStripeForApp } from '../../support/app/fakesForApp'

const SECRET = 'whsec_billing_test'

/** Buying shoots: the real stripe SDK against a local Stripe that speaks its wire format. */
describe('credits and payments', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let stripe: FakeStripe
  let stopStripe: (() => Promise<void>) | undefined
  let customer: ApiClient
  let customerId: number
  let weddingTier: { id: number; priceCents: number; shootsCount: number }

  beforeAll(async () => {
    ;({ stripe, stop: stopStripe } = await startStripeForApp(SECRET, 'sk_test_billing'))
    payload = await testPayload()
    server = await startRestServer()
    customer = new ApiClient(server.url)
    customerId = (await newCustomer(payload, customer, 'buyer')).id
    const pkg = (await customer.get('/api/packages/wedding-portraits')).body.package
    weddingTier = pkg.pricing.find((t: any) => t.name === 'Wedding')
  })

  afterAll(async () => {
    await server?.close()
    await stopStripe?.()
  })

  const balance = async (id = customerId) =>
    (await payload.findByID({ collection: 'users', id })).shootCredits ?? 0

  const checkout = async (client = customer, tierId = weddingTier.id) => {
    const response = await client.post('/api/checkout', { tierId, priceCents: 1, shoots: 9999 })
    expect(response.status).toBe(200)
    const purchase = await payload.findByID({ collection: 'purchases', id: response.body.purchaseId })
    return { response, purchase, session: stripe.sessions.get(purchase.stripeSessionId as string) }
  }

  const deliver = (event: unknown, options?: { secret?: string; timestamp?: number }) => {
    const { body, headers } = stripe.signedWebhook(event, options)
    return customer.post('/api/stripe/webhook', body, headers)
  }

  it('creates a Checkout Session with the server price, ignoring a client-sent price, and a pending purchase', async () => {
    const { response, purchase, session } = await checkout()
    expect(response.body.url).toBe(session.url)
    expect(session.amount_total).toBe(weddingTier.priceCents)
    expect(session.metadata).toMatchObject({
      userId: String(customerId),
      tierId: String(weddingTier.id),
      shoots: String(weddingTier.shootsCount),
    })
    expect(session.client_reference_id).toBe(String(customerId))
    expect(session.success_url).toMatch(/\/checkout\/success\?session_id=\{CHECKOUT_SESSION_ID\}$/)
    expect(purchase).toMatchObject({ status: 'pending', shoots: 25, amountCents: 999 })
    const request = stripe.requests.find((r) => r.path === '/v1/checkout/sessions' && r.method === 'POST')!
    // Named by the purchase's uuid: a row id may be given again, and Stripe keeps a key's answer a day.
    expect(request.headers['idempotency-key']).toBe(`checkout:purchase:${purchase.uuid}`)
  })

  it('refuses bad checkouts with a clear 4xx and writes nothing', async () => {
    const purchasesBefore = (await payload.count({ collection: 'purchases' })).totalDocs
    const inactive = await payload.find({
      collection: 'package-pricing-tiers',
      where: { name: { equals: 'Archive' } },
    })
    expect((await customer.post('/api/checkout', {})).status).toBe(400)
    expect((await customer.post('/api/checkout', { tierId: 'one' })).status).toBe(400)
    expect(
      (await customer.post('/api/checkout', 'not json', { 'content-type': 'application/json' })).status,
    ).toBe(400)
    expect((await customer.post('/api/checkout', { tierId: 999999 })).status).toBe(404)
    const ofInactivePackage = await customer.post('/api/checkout', { tierId: inactive.docs[0].id })
    expect(ofInactivePackage.status).toBe(400)
    expect(ofInactivePackage.body.error).toMatch(/not on sale/)
    expect((await new ApiClient(server.url).post('/api/checkout', { tierId: weddingTier.id })).status).toBe(
      401,
    )
    expect((await payload.count({ collection: 'purchases' })).totalDocs).toBe(purchasesBefore)
  })

  it('rejects missing, wrong-secret, stale and tampered signatures and changes nothing', async () => {
    const { session } = await checkout()
    const paid = stripe.completeSession(session.id)
    const event = stripe.makeEvent('checkout.session.completed', paid)
    const before = await balance()
    const { body } = stripe.signedWebhook(event)
    expect(
      (await customer.post('/api/stripe/webhook', body, { 'content-type': 'application/json' })).status,
    ).toBe(400)
    expect((await deliver(event, { secret: 'whsec_wrong' })).status).toBe(400)
    expect((await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(400)
    const signed = stripe.signedWebhook(event)
    const tampered = await customer.post(
      '/api/stripe/webhook',
      signed.body.replace('"paid"', '"PAID"'),
      signed.headers,
    )
    expect(tampered.status).toBe(400)
    expect(await balance()).toBe(before)
  })

  it('records a signed event with no data.object as ignored (a 2xx, so Stripe stops retrying)', async () => {
    const { session } = await checkout()
    const paid = stripe.completeSession(session.id)
    const event = stripe.makeEvent('checkout.session.completed', paid)
    for (const malformed of [
      { ...event, id: `${event.id}_nodata`, data: undefined },
      { ...event, id: `${event.id}_null`, data: { object: null } },
    ]) {
      const response = await deliver(malformed)
      expect(response.status, JSON.stringify(response.body)).toBe(200)
      const { docs } = await payload.find({
        collection: 'stripe-events',
        where: { eventId: { equals: malformed.id } },
      })
      expect(docs[0]?.outcome).toBe('ignored: the event has no data.object')
    }
  })

  it('credits the same event delivered five times, one after another and at once, exactly once', async () => {
    const { session, purchase } = await checkout()
    const event = stripe.makeEvent('checkout.session.completed', stripe.completeSession(session.id))
    const before = await balance()
    for (let i = 0; i < 2; i++) expect((await deliver(event)).status).toBe(200)
    const parallel = await Promise.all([deliver(event), deliver(event), deliver(event)])
    expect(parallel.map((r) => r.status)).toEqual([200, 200, 200])
    // Another event id for the same session (async_payment_succeeded) must not grant again.
    expect(
      (
        await deliver(
          stripe.makeEvent('checkout.session.async_payment_succeeded', stripe.sessions.get(session.id)),
        )
      ).status,
    ).toBe(200)
    expect(await balance()).toBe(before + 25)
    expect(await ledgerSum(payload, customerId)).toBe(await balance())
    expect((await payload.findByID({ collection: 'purchases', id: purchase.id })).status).toBe('paid')
  })

  it('handles events out of order: async_payment_succeeded before completed', async () => {
    const { session } = await checkout()
    const before = await balance()
    const paid = stripe.completeSession(session.id)
    expect((await deliver(stripe.makeEvent('checkout.session.async_payment_succeeded', paid))).status).toBe(
      200,
    )
    expect((await deliver(stripe.makeEvent('checkout.session.completed', paid))).status).toBe(200)
    expect(await balance()).toBe(before + 25)
  })

  it('does not credit an unpaid completed session, marks expired and failed ones, and ignores (2xx, recorded once) sessions not ours', async () => {
    const { session, purchase } = await checkout()
    const before = await balance()
    const unpaid = stripe.completeSession(session.id, { paymentStatus: 'unpaid' })
    expect((await deliver(stripe.makeEvent('checkout.session.completed', unpaid))).body.outcome).toBe(
      'not_paid',
    )
    expect((await deliver(stripe.makeEvent('checkout.session.async_payment_failed', unpaid))).status).toBe(
      200,
    )
    expect((await payload.findByID({ collection: 'purchases', id: purchase.id })).status).toBe('failed')
    const other = await checkout()
    expect(
      (await deliver(stripe.makeEvent('checkout.session.expired', stripe.expireSession(other.session.id))))
        .status,
    ).toBe(200)
    expect((await payload.findByID({ collection: 'purchases', id: other.purchase.id })).status).toBe(
      'expired',
    )
    // A Payment Link's or another app's session: Stripe must stop retrying it, and it is recorded once.
    const foreignEvent = stripe.makeEvent('checkout.session.completed', {
      id: 'cs_test_nope',
      payment_status: 'paid',
    })
    const unknown = await deliver(foreignEvent)
    expect(unknown.status).toBe(200)
    expect(unknown.body.outcome).toBe('ignored: not a session of this studio')
    expect((await deliver(foreignEvent)).body.outcome).toBe('duplicate')
    const recorded = await payload.count({
      collection: 'stripe-events',
      where: { eventId: { equals: foreignEvent.id } },
    })
    expect(recorded.totalDocs).toBe(1)
    expect((await deliver(stripe.makeEvent('customer.created', { id: 'cus_1' }))).body.outcome).toBe(
      'ignored',
    )
    expect(await balance()).toBe(before)
  })

  it('takes back refunded shoots, never below zero, recording and flagging what was already spent', async () => {
    const buyer = new ApiClient(server.url)
    const user = await newCustomer(payload, buyer, 'refund')
    const { session, purchase } = await checkout(buyer)
    const paid = stripe.completeSession(session.id)
    await deliver(stripe.makeEvent('checkout.session.completed', paid))
    expect(await balance(user.id)).toBe(28) // 3 trial shoots for any package + 25 Wedding shoots
    // Spend 20 of the 25 Wedding shoots.
    const wedding = purchase.package as number
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, wallet: wedding, amount: -20, reason: 'Spent on portraits (test)' },
    })
    const half = stripe.makeCharge({ paymentIntent: paid.payment_intent, amount: 999, amountRefunded: 500 })
    expect((await deliver(stripe.makeEvent('charge.refunded', half))).status).toBe(200)
    // 12 due from the Wedding wallet it was granted into, 5 left there: 7 could not be taken.
    // The trial shoots (any package) are not touched.
    expect(await balance(user.id)).toBe(3)
    const flagged = await payload.findByID({ collection: 'users', id: user.id })
    expect(flagged.flagged).toBe(true)
    const row = await payload.find({
      collection: 'credit-ledger',
      where: { user: { equals: user.id }, kind: { equals: 'stripe_refund' } },
    })
    expect(row.docs[0]).toMatchObject({
      wallet: wedding,
      amount: -5,
      shortfall: 7,
      balanceAfter: 3,
      walletBalanceAfter: 0,
    })
    expect(await ledgerSum(payload, user.id)).toBe(3)
  })

  it("stores Stripe's refund and lost-dispute amounts as sent, and at most the sale's amount for the books", async () => {
    const buyer = new ApiClient(server.url)
    const user = await newCustomer(payload, buyer, 'over-refund')
    const { session, purchase } = await checkout(buyer)
    const paid = stripe.completeSession(session.id)
    await deliver(stripe.makeEvent('checkout.session.completed', paid))
    // The sample: a 24,950-cent refund reported on a sale of fewer cents (the Wedding tier, 999).
    const over = stripe.makeCharge({
      paymentIntent: paid.payment_intent,
      amount: 999,
      amountRefunded: 24_950,
    })
    const refunded = await deliver(stripe.makeEvent('charge.refunded', over))
    expect(refunded.status).toBe(200)
    expect(refunded.body.outcome).toBe('reclaimed')
    const afterRefund = await payload.findByID({ collection: 'purchases', id: purchase.id })
    expect(afterRefund).toMatchObject({
      status: 'refunded',
      stripeAmountRefundedCents: 24_950,
      refundedAmountCents: 999,
      reversedAmountCents: 999,
      shootsReclaimed: 25,
    })
    // Another of the kind: a lost dispute for more than the sale (after the full refund).
    const dispute = stripe.makeDispute({ paymentIntent: paid.payment_intent, amount: 5_000 })
    const closed = await deliver(stripe.makeEvent('charge.dispute.closed', { ...dispute, status: 'lost' }))
    expect(closed.status).toBe(200)
    expect(closed.body.outcome).toBe('dispute lost: reclaimed')
    const afterDispute = await payload.findByID({ collection: 'purchases', id: purchase.id })
    expect(afterDispute).toMatchObject({
      stripeDisputeAmountCents: 5_000,
      disputeLostAmountCents: 999,
      reversedAmountCents: 999,
      shootsReclaimed: 25,
    })
    expect(await balance(user.id)).toBe(3) // the trial shoots stay
  })

  it('flags the account and the purchase on a dispute', async () => {
    const buyer = new ApiClient(server.url)
    const user = await newCustomer(payload, buyer, 'dispute')
    const { session, purchase } = await checkout(buyer)
    const paid = stripe.completeSession(session.id)
    await deliver(stripe.makeEvent('checkout.session.completed', paid))
    const dispute = stripe.makeDispute({ paymentIntent: paid.payment_intent, amount: 999 })
    expect((await deliver(stripe.makeEvent('charge.dispute.created', dispute))).status).toBe(200)
    expect((await payload.findByID({ collection: 'purchases', id: purchase.id })).status).toBe('disputed')
    expect((await payload.findByID({ collection: 'users', id: user.id })).flagged).toBe(true)
  })

  it('reconciliation grants a paid session whose webhook never came, once', async () => {
    const buyer = new ApiClient(server.url)
    const user = await newCustomer(payload, buyer, 'reconcile')
    const { session } = await checkout(buyer)
    stripe.completeSession(session.id)
    expect(await balance(user.id)).toBe(3)
    const admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    expect((await customer.post('/api/admin/billing/reconcile')).status).toBe(403)
    const result = await admin.post('/api/admin/billing/reconcile')
    expect(result.status).toBe(200)
    expect(result.body.granted).toContain(session.id)
    expect(await balance(user.id)).toBe(28)
    const again = await reconcileStripeSessions(payload)
    expect(again.granted).not.toContain(session.id)
    expect(await balance(user.id)).toBe(28)
  })

  it('lets customers read only their own ledger and purchases, and write neither', async () => {
    const mine = await customer.get('/api/credit-ledger?limit=100')
    expect(mine.status).toBe(200)
    expect(mine.body.docs.every((row: any) => (row.user?.id ?? row.user) === customerId)).toBe(true)
    expect(
      (
        await customer.post('/api/credit-ledger', {
          user: customerId,
          kind: 'admin_grant',
          amount: 100,
          balanceAfter: 100,
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await customer.post('/api/credit-adjustments', {
          user: customerId,
          amount: 100,
          reason: 'free money',
        })
      ).status,
    ).toBe(403)
    const purchases = await customer.get('/api/purchases?limit=100')
    expect(purchases.body.docs.every((p: any) => (p.owner?.id ?? p.owner) === customerId)).toBe(true)
    expect(
      (await customer.patch(`/api/purchases/${purchases.body.docs[0].id}`, { status: 'paid' })).status,
    ).toBe(403)
  })

  it('syncs tiers to Stripe: a price change makes a new Price and archives the old one', async () => {
    const admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    const pkg = await payload.find({
      collection: 'photo-packages',
      where: { slug: { equals: 'engagement' } },
    })
    const created = await admin.post('/api/package-pricing-tiers', {
      package: pkg.docs[0].id,
      name: 'Synced',
      shootsCount: 4,
      priceCents: 300,
    })
    const tier = await payload.findByID({ collection: 'package-pricing-tiers', id: created.body.doc.id })
    expect(tier.stripeProductId).toMatch(/^prod_/)
    const firstPrice = tier.stripePriceId as string
    expect(stripe.prices.get(firstPrice)).toMatchObject({ unit_amount: 300, active: true })
    await admin.patch(`/api/package-pricing-tiers/${tier.id}`, { priceCents: 350 })
    const updated = await payload.findByID({ collection: 'package-pricing-tiers', id: tier.id })
    expect(updated.stripePriceId).not.toBe(firstPrice)
    expect(stripe.prices.get(firstPrice)!.active).toBe(false)
    expect(stripe.prices.get(updated.stripePriceId as string)).toMatchObject({
      unit_amount: 350,
      active: true,
    })
    // Checkout now uses the Price id.
    const buyer = new ApiClient(server.url)
    await newCustomer(payload, buyer, 'priceid')
    const response = await buyer.post('/api/checkout', { tierId: tier.id })
    const purchase = await payload.findByID({ collection: 'purchases', id: response.body.purchaseId })
    const session = stripe.sessions.get(purchase.stripeSessionId as string)
    expect(session.amount_total).toBe(350)
  })
})
