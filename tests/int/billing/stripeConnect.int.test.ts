import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { FakeStripe } from '../../fakes/stripeServer'
import { startStripeForApp } from '../../support/app/fakesForApp'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { ApiClient } from '../../support/clients/client'
import { requestAt } from '../../support/clients/hostRequest'
import { ledgerSum, newCustomer } from '../../support/fixtures/generation'

/**
 * Stripe Connect (issue 24, "Money"): a studio owner connects the studio's Express account from
 * the admin, Stripe's account.updated makes it ready, and its site then sells by direct charge on
 * that account with the platform's fee; refunds come from its balance with the fee refunded in
 * proportion; Connect events are processed once per (account, event id), and one from an account
 * no studio owns is recorded and never applied. The real stripe SDK against the fake Stripe.
 */
const SECRET = 'whsec_connect_test'
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
const hostB = `b-${run}.connect.test`
const hostC = `c-${run}.connect.test`
const PRICE = 1999
const FEE_PERCENT = 12.5

describe('Stripe Connect: studios sell on their own Stripe accounts', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let stripe: FakeStripe
  let stopStripe: (() => Promise<void>) | undefined
  const studio = { B: 0, C: 0, D: 0 }
  const tier = { B: 0, C: 0 }
  let ownerB: ApiClient
  let admin: ApiClient
  let customer: ApiClient
  let customerId: number

  const makeStudio = async (name: string, host: string) =>
    (
      await payload.create({
        collection: 'studios',
        data: {
          name: `Connect ${name} ${run}`,
          slug: `connect-${name.toLowerCase()}-${run}`,
          domains: [{ hostname: host }],
          platformFeePercent: FEE_PERCENT,
          branding: { currency: 'eur' },
        } as never,
      })
    ).id as number

  /** A listed package with one tier in `studioId`; returns the tier's id. */
  const listedTier = async (studioId: number, name: string) => {
    const pkg = await payload.create({
      collection: 'photo-packages',
      data: {
        studio: studioId,
        name,
        slug: `${name.toLowerCase().replace(/\W+/g, '-')}`,
        category: 'artistic',
        isActive: true,
      } as never,
    })
    await payload.create({
      collection: 'package-themes',
      data: { package: pkg.id, name: `${name} theme`, settingPrompt: 'a grey backdrop' } as never,
    })
    const created = await payload.create({
      collection: 'package-pricing-tiers',
      data: { package: pkg.id, name: `${name} tier`, shootsCount: 4, priceCents: PRICE } as never,
    })
    return created.id as number
  }

  const staff = async (role: 'admin' | 'owner', studioId?: number) => {
    const email = `${role}-${run}-${studioId ?? 'all'}@example.com`
    await payload.create({
      collection: 'users',
      data: {
        email,
        password: 'connect-pass-123',
        role,
        ...(studioId && { tenants: [{ tenant: studioId }] }),
      } as never,
    })
    return new ApiClient(server.url).login(email, 'connect-pass-123')
  }

  const studioStripe = async (id: number) =>
    (await payload.findByID({ collection: 'studios', id, depth: 0 })).stripe ?? {}

  const deliverConnect = (event: unknown) => {
    const { body, headers } = stripe.signedWebhook(event)
    return customer.post('/api/stripe/connect/webhook', body, headers)
  }

  const checkoutAt = (host: string, tierId: number) =>
    requestAt(server.url, host, 'POST', '/api/checkout', { token: customer.token, body: { tierId } })

  const connect = (client: ApiClient, studioId: number) =>
    client.post(`/api/studios/${studioId}/stripe/connect`)

  const balance = async () =>
    (await payload.findByID({ collection: 'users', id: customerId })).shootCredits ?? 0

  beforeAll(async () => {
    ;({ stripe, stop: stopStripe } = await startStripeForApp(SECRET, 'sk_test_connect'))
    payload = await testPayload()
    server = await startRestServer()
    studio.B = await makeStudio('B', hostB)
    studio.C = await makeStudio('C', hostC)
    tier.B = await listedTier(studio.B, `Connect B ${run}`)
    tier.C = await listedTier(studio.C, `Connect C ${run}`)
    ownerB = await staff('owner', studio.B)
    admin = await staff('admin')
    customer = new ApiClient(server.url)
    customerId = (await newCustomer(payload, customer, 'connect-buyer')).id
  })

  afterAll(async () => {
    // Other files share the database: leave no studio selling on an account only this fake knew.
    for (const id of Object.values(studio))
      if (id && payload)
        await payload.update({
          collection: 'studios',
          id,
          data: { status: 'suspended', stripe: { accountId: null, chargesEnabled: false } } as never,
        })
    await server?.close()
    await stopStripe?.()
  })

  it('only platform admins and the studio’s owners may connect it', async () => {
    expect((await connect(customer, studio.B)).status).toBe(403)
    expect((await connect(ownerB, studio.C)).status).toBe(403)
    expect((await new ApiClient(server.url).post(`/api/studios/${studio.B}/stripe/connect`)).status).toBe(401)
    expect(stripe.requests.filter((r) => r.path === '/v1/accounts')).toHaveLength(0)
  })

  it('a studio that is not ready answers 409 at checkout, naming why, and writes nothing', async () => {
    const before = (await payload.count({ collection: 'purchases' })).totalDocs
    const refused = await checkoutAt(hostB, tier.B)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ field: 'studio' })
    expect(refused.body.error).toMatch(/cannot take payments yet: its Stripe account is not connected/)
    expect((await payload.count({ collection: 'purchases' })).totalDocs).toBe(before)
  })

  it('onboarding: connect → account link → onboarding completed → account.updated → ready', async () => {
    const first = await connect(ownerB, studio.B)
    expect(first.status).toBe(200)
    const accountId = first.body.accountId as string
    expect(accountId).toMatch(/^acct_/)
    const created = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/accounts')
    expect(created).toHaveLength(1)
    expect(created[0].body).toMatchObject({
      type: 'express',
      capabilities: { card_payments: { requested: 'true' }, transfers: { requested: 'true' } },
      metadata: { studioId: String(studio.B) },
    })
    expect(created[0].headers['idempotency-key']).toBe(`studio:${studio.B}:express-account`)
    const link = stripe.requests.filter((r) => r.path === '/v1/account_links').at(-1)!
    expect(link.body).toMatchObject({ account: accountId, type: 'account_onboarding' })
    expect(link.body.return_url).toMatch(
      new RegExp(`/admin/collections/studios/${studio.B}\\?stripe=return$`),
    )
    expect(link.body.refresh_url).toMatch(
      new RegExp(`/admin/collections/studios/${studio.B}\\?stripe=refresh$`),
    )
    expect(first.body.url).toMatch(/\/setup\/e\/acct_/)
    expect(await studioStripe(studio.B)).toMatchObject({
      accountId,
      chargesEnabled: false,
      cardPaymentsCapability: 'inactive',
    })

    // Clicking again (the link expired) makes a new link for the same account, no second account.
    const again = await connect(ownerB, studio.B)
    expect(again.body.accountId).toBe(accountId)
    expect(stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/accounts')).toHaveLength(1)

    // Not ready yet: the capability is inactive.
    const early = await checkoutAt(hostB, tier.B)
    expect(early.status).toBe(409)
    expect(early.body.error).toMatch(/card_payments capability is inactive/)

    // A client cannot write the server's Stripe fields.
    const forged = await ownerB.patch(`/api/studios/${studio.B}`, {
      stripe: { cardPaymentsCapability: 'active' },
    })
    expect(forged.status).toBeGreaterThanOrEqual(400)
    expect(forged.status).toBeLessThan(500)
    expect((await studioStripe(studio.B)).cardPaymentsCapability).toBe('inactive')

    const updated = stripe.completeOnboarding(accountId)
    const delivered = await deliverConnect(updated)
    expect(delivered.status).toBe(200)
    expect(delivered.body.outcome).toMatch(/card_payments active/)
    expect(await studioStripe(studio.B)).toMatchObject({
      accountId,
      chargesEnabled: true,
      cardPaymentsCapability: 'active',
    })
    // The refresh the admin page makes on return reads the same from Stripe.
    const refreshed = await ownerB.post(`/api/studios/${studio.B}/stripe/refresh`)
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.stripe).toMatchObject({ accountId, cardPaymentsCapability: 'active' })
  })

  let paidPurchaseId = 0

  it('checkout at the studio’s host is a direct charge on its account with the platform fee; paying grants once', async () => {
    const accountId = (await studioStripe(studio.B)).accountId as string
    const started = await checkoutAt(hostB, tier.B)
    expect(started.status).toBe(200)
    const purchase = await payload.findByID({
      collection: 'purchases',
      id: started.body.purchaseId,
      depth: 0,
    })
    expect(purchase).toMatchObject({
      stripeAccountId: accountId,
      studio: studio.B,
      currency: 'eur',
      status: 'pending',
    })
    const request = stripe.requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions')
      .at(-1)!
    expect(request.headers['stripe-account']).toBe(accountId)
    const fee = Math.round((PRICE * FEE_PERCENT) / 100)
    expect(request.body.payment_intent_data).toEqual({ application_fee_amount: String(fee) })
    // The purchase keeps the fee it asked for: the platform's analytics sum it per studio.
    expect(purchase.applicationFeeCents).toBe(fee)
    expect(request.body.line_items[0].price_data.currency).toBe('eur')
    // Stripe sends the customer back to the site they bought on (their session cookie is that site's).
    expect(request.body.success_url).toMatch(
      new RegExp(`^http://${hostB.replace(/\./g, '\\.')}(:\\d+)?/checkout/success\\?`),
    )
    expect(request.body.cancel_url).toMatch(new RegExp(`^http://${hostB.replace(/\./g, '\\.')}(:\\d+)?/`))

    const before = await balance()
    const paid = stripe.completeSession(purchase.stripeSessionId as string)
    const charge = [...stripe.charges.values()].find((c) => c.payment_intent === paid.payment_intent)
    expect(charge.application_fee_amount).toBe(fee)
    expect(stripe.applicationFees.get(charge.application_fee)).toMatchObject({
      amount: fee,
      account: accountId,
    })

    const event = stripe.makeEvent('checkout.session.completed', paid, { account: accountId })
    expect((await deliverConnect(event)).body.outcome).toBe('granted')
    expect((await deliverConnect(event)).body.outcome).toBe('duplicate')
    expect(await balance()).toBe(before + 4)
    expect(await ledgerSum(payload, customerId)).toBe(await balance())
    paidPurchaseId = purchase.id
  })

  it('a refund comes from the studio’s account and refunds the platform fee in proportion', async () => {
    const accountId = (await studioStripe(studio.B)).accountId as string
    // Nobody else's purchase: another studio's owner gets a 404.
    const ownerC = await staff('owner', studio.C)
    expect((await ownerC.post(`/api/purchases/${paidPurchaseId}/refund`, {})).status).toBe(404)
    const tooMuch = await ownerB.post(`/api/purchases/${paidPurchaseId}/refund`, { amountCents: PRICE + 1 })
    expect(tooMuch.status).toBe(409)
    expect(tooMuch.body.field).toBe('amountCents')

    const half = Math.floor(PRICE / 2)
    const refunded = await ownerB.post(`/api/purchases/${paidPurchaseId}/refund`, { amountCents: half })
    expect(refunded.status).toBe(200)
    expect(refunded.body).toMatchObject({ amountCents: half, stripeAccountId: accountId })
    const request = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds').at(-1)!
    expect(request.headers['stripe-account']).toBe(accountId)
    expect(request.body).toMatchObject({ refund_application_fee: 'true', amount: String(half) })
    const purchase = await payload.findByID({ collection: 'purchases', id: paidPurchaseId, depth: 0 })
    const charge = [...stripe.charges.values()].find(
      (c) => c.payment_intent === purchase.stripePaymentIntentId,
    )
    const fee = stripe.applicationFees.get(charge.application_fee)
    expect(fee.amount_refunded).toBe(Math.round((fee.amount * half) / PRICE))

    // Stripe's charge.refunded from the connected account takes back the refunded share of the shoots.
    const before = await balance()
    const event = stripe.makeEvent('charge.refunded', charge, { account: accountId })
    expect((await deliverConnect(event)).body.outcome).toBe('reclaimed')
    expect(await balance()).toBe(before - 1)
    const after = await payload.findByID({ collection: 'purchases', id: paidPurchaseId, depth: 0 })
    expect(after).toMatchObject({ status: 'partially_refunded', refundedAmountCents: half })
  })

  it('an event from an account no studio owns is acknowledged and recorded, never applied', async () => {
    const started = await checkoutAt(hostB, tier.B)
    expect(started.status).toBe(200)
    const purchase = await payload.findByID({
      collection: 'purchases',
      id: started.body.purchaseId,
      depth: 0,
    })
    const paid = stripe.completeSession(purchase.stripeSessionId as string)
    const before = await balance()
    const stranger = stripe.makeEvent('checkout.session.completed', paid, { account: `acct_stranger${run}` })
    const answer = await deliverConnect(stranger)
    expect(answer.status).toBe(200)
    expect(answer.body.outcome).toMatch(/^ignored: no studio owns account acct_stranger/)
    const { docs } = await payload.find({
      collection: 'stripe-events',
      where: { eventId: { equals: stranger.id } },
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ account: `acct_stranger${run}`, type: 'checkout.session.completed' })
    expect(await balance()).toBe(before)
    expect((await payload.findByID({ collection: 'purchases', id: purchase.id })).status).toBe('pending')
    // A Connect event without an account is refused (the endpoint is for connected accounts).
    const { body, headers } = stripe.signedWebhook(stripe.makeEvent('account.updated', {}), {
      secret: `${SECRET}_connect`,
    })
    const missing = await customer.post('/api/stripe/connect/webhook', body, headers)
    expect(missing.status).toBe(400)
    expect(missing.body.field).toBe('account')
  })

  it('the same event id from two accounts is processed once for each', async () => {
    const connected = await connect(admin, studio.C)
    expect(connected.status).toBe(200)
    const accountC = connected.body.accountId as string
    const accountB = (await studioStripe(studio.B)).accountId as string
    const fromC = stripe.completeOnboarding(accountC)
    const fromB = { ...stripe.completeOnboarding(accountB), id: fromC.id }
    expect((await deliverConnect(fromC)).body.outcome).toMatch(`studio ${studio.C}: card_payments active`)
    expect((await deliverConnect(fromB)).body.outcome).toMatch(`studio ${studio.B}: card_payments active`)
    expect((await deliverConnect(fromB)).body.outcome).toBe('duplicate')
    expect((await deliverConnect(fromC)).body.outcome).toBe('duplicate')
    const { docs } = await payload.find({
      collection: 'stripe-events',
      where: { eventId: { equals: fromC.id } },
    })
    expect(docs.map((doc) => doc.account).sort()).toEqual([accountB, accountC].sort())
    expect((await studioStripe(studio.C)).cardPaymentsCapability).toBe('active')
    // Each studio now sells on its own account, and another studio's tier is not on sale at its host.
    expect((await checkoutAt(hostC, tier.B)).status).toBe(404)
    const atC = await checkoutAt(hostC, tier.C)
    expect(atC.status).toBe(200)
    const purchase = await payload.findByID({ collection: 'purchases', id: atC.body.purchaseId, depth: 0 })
    expect(purchase.stripeAccountId).toBe(accountC)
  })

  it('reconciliation grants a paid direct charge whose event never came, and skips an account Stripe will not list', async () => {
    const started = await checkoutAt(hostC, tier.C)
    expect(started.status).toBe(200)
    const purchase = await payload.findByID({
      collection: 'purchases',
      id: started.body.purchaseId,
      depth: 0,
    })
    stripe.completeSession(purchase.stripeSessionId as string)
    const gone = `acct_gone${run}`
    studio.D = (
      await payload.create({
        collection: 'studios',
        data: { name: `Connect D ${run}`, slug: `connect-d-${run}`, stripe: { accountId: gone } } as never,
      })
    ).id as number
    const before = await balance()
    const answer = await admin.post('/api/admin/billing/reconcile')
    expect(answer.status).toBe(200)
    expect(answer.body.granted).toContain(purchase.stripeSessionId)
    expect(answer.body.unreachable).toEqual([gone])
    // Also the stranger's case above: its session was paid on B's account, and is B's purchase.
    expect(await balance()).toBe(before + 4 * answer.body.granted.length)
    const listed = stripe.requests.filter((r) => r.method === 'GET' && r.path === '/v1/checkout/sessions')
    expect(listed.map((r) => r.headers['stripe-account'] ?? null)).toEqual(
      expect.arrayContaining([null, (await studioStripe(studio.C)).accountId]),
    )
  })
})
