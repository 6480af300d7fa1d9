import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStripeClient } from '@/billing/stripeClient'

import { type FakeStripe, startFakeStripe } from '../../fakes/stripeServer'

const SECRET = 'whsec_unit_test'
const now = () => Math.floor(Date.now() / 1000)

/** The real stripe SDK (through the app's own client factory) against the local fake. */
const clientFor = (fake: FakeStripe, secretKey = 'sk_test_unit') =>
  createStripeClient({
    secretKey,
    webhookSecret: SECRET,
    host: '127.0.0.1',
    port: fake.port,
    protocol: 'http',
  })

const sessionParams = (
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams => ({
  mode: 'payment',
  line_items: [
    {
      quantity: 2,
      price_data: { currency: 'usd', unit_amount: 999, product_data: { name: 'Wedding: 25 shoots' } },
    },
  ],
  client_reference_id: '42',
  metadata: { userId: '42', tierId: '7' },
  success_url: 'https://studio.example/checkout/success?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'https://studio.example/checkout/cancel',
  ...overrides,
})

/** Runs a call expected to fail and returns the SDK's error (failing the test if it succeeds). */
const failure = async (call: Promise<unknown>): Promise<Stripe.errors.StripeError> => {
  const outcome = await call.then(
    () => new Error('expected the Stripe call to fail, but it succeeded'),
    (error: unknown) => error,
  )
  if (!(outcome instanceof Stripe.errors.StripeError)) throw outcome
  return outcome
}

describe('fake Stripe through the real SDK', () => {
  let fake: FakeStripe
  let stripe: Stripe

  beforeAll(async () => {
    fake = await startFakeStripe({ webhookSecret: SECRET })
    stripe = clientFor(fake)
  })
  afterAll(() => fake?.close())

  it('creates a Checkout Session in Stripe’s shape, totalling the unit_amount the server sent', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams())
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 1998,
      currency: 'usd',
      metadata: { userId: '42', tierId: '7' },
      client_reference_id: '42',
      payment_intent: null,
      livemode: false,
      success_url: 'https://studio.example/checkout/success?session_id={CHECKOUT_SESSION_ID}',
    })
    expect(session.id).toMatch(/^cs_test_/)
    expect(session.url).toBe(`${fake.url}/c/pay/${session.id}`)
    expect(Math.abs(session.created - now())).toBeLessThan(5)
    // The wire format: form-encoded bracket notation, a Bearer key and the SDK's pinned API version.
    const request = fake.requests.at(-1)!
    expect(decodeURIComponent(request.raw)).toContain('line_items[0][price_data][unit_amount]=999')
    expect(decodeURIComponent(request.raw)).toContain('metadata[userId]=42')
    expect(request.body.line_items[0].price_data.product_data.name).toBe('Wedding: 25 shoots')
    expect(request.headers.authorization).toBe('Bearer sk_test_unit')
    expect(request.headers['stripe-version']).toBe(Stripe.API_VERSION)
  })

  it('replays an idempotent create and refuses the same key with different parameters', async () => {
    const before = fake.sessions.size
    const first = await stripe.checkout.sessions.create(sessionParams(), {
      idempotencyKey: 'checkout:purchase:1',
    })
    const replay = await stripe.checkout.sessions.create(sessionParams(), {
      idempotencyKey: 'checkout:purchase:1',
    })
    expect(replay.id).toBe(first.id)
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(fake.sessions.size).toBe(before + 1)

    const mismatch = await failure(
      stripe.checkout.sessions.create(sessionParams({ client_reference_id: '43' }), {
        idempotencyKey: 'checkout:purchase:1',
      }),
    )
    expect(mismatch).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    expect(mismatch).toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 })
    expect(mismatch.message).toMatch(/same parameters/)
    expect(fake.sessions.size).toBe(before + 1)
  })

  it('does not save a request refused by validation, so the key can be retried with fixed parameters', async () => {
    const bad = await failure(
      stripe.checkout.sessions.create(sessionParams({ line_items: [{ price: 'price_nope', quantity: 1 }] }), {
        idempotencyKey: 'retry-me',
      }),
    )
    expect(bad.code).toBe('resource_missing')
    const good = await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'retry-me' })
    expect(good.amount_total).toBe(1998)
  })

  it('retrieves a session and shows it paid once the customer pays', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams())
    expect(await stripe.checkout.sessions.retrieve(created.id)).toEqual(created)
    const paid = fake.completeSession(created.id)
    expect(paid.payment_intent).toMatch(/^pi_/)
    const fetched = await stripe.checkout.sessions.retrieve(created.id)
    expect(fetched).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      payment_intent: paid.payment_intent,
      url: null,
    })
  })

  it('plays the customer on the hosted Checkout page: Pay completes the session and returns to success_url', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams())
    const page = await fetch(created.url as string)
    expect(await page.text()).toContain('<button type="submit">Pay</button>')
    const paid = await fetch(created.url as string, { method: 'POST', redirect: 'manual' })
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe(
      `https://studio.example/checkout/success?session_id=${created.id}`,
    )
    expect(await stripe.checkout.sessions.retrieve(created.id)).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
    })
  })

  it('plays the account holder on Connect onboarding: Agree and submit completes it and returns to return_url', async () => {
    const account = await stripe.accounts.create({
      type: 'express',
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    })
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: 'account_onboarding',
      refresh_url: 'https://platform.example/refresh',
      return_url: 'https://platform.example/return',
    })
    const submitted = await fetch(link.url, { method: 'POST', redirect: 'manual' })
    expect(submitted.status).toBe(303)
    expect(submitted.headers.get('location')).toBe('https://platform.example/return')
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
      charges_enabled: true,
      capabilities: { card_payments: 'active' },
    })
    expect((await fetch(`${fake.url}/setup/e/${account.id}/unknown`)).status).toBe(404)
  })

  it('surfaces an unknown session and an unknown price as StripeInvalidRequestError with Stripe’s code and param', async () => {
    const session = await failure(stripe.checkout.sessions.retrieve('cs_test_nope'))
    expect(session).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(session).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such checkout.session: 'cs_test_nope'",
    })

    const before = fake.sessions.size
    const price = await failure(
      stripe.checkout.sessions.create(sessionParams({ line_items: [{ price: 'price_nope', quantity: 1 }] })),
    )
    expect(price).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(price).toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'line_items[0][price]',
      message: "No such price: 'price_nope'",
    })
    expect(price.raw).toMatchObject({ type: 'invalid_request_error' })
    expect(fake.sessions.size).toBe(before)
  })

  it('rejects the app bugs real Stripe rejects: missing quantity, relative URLs, unknown params, oversized metadata', async () => {
    const noQuantity = await failure(
      stripe.checkout.sessions.create(
        sessionParams({
          line_items: [{ price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'x' } } }],
        }),
      ),
    )
    expect(noQuantity).toMatchObject({ code: 'parameter_missing', param: 'line_items[0][quantity]' })
    expect(
      await failure(stripe.checkout.sessions.create(sessionParams({ success_url: '/checkout/success' }))),
    ).toMatchObject({ code: 'url_invalid', param: 'success_url' })
    const unknown = await failure(
      stripe.checkout.sessions.create({
        ...sessionParams(),
        shoots: '25',
      } as Stripe.Checkout.SessionCreateParams),
    )
    expect(unknown).toMatchObject({ code: 'parameter_unknown', param: 'shoots' })
    const longKey = 'k'.repeat(41)
    expect(
      await failure(stripe.checkout.sessions.create(sessionParams({ metadata: { [longKey]: 'v' } }))),
    ).toMatchObject({ param: `metadata[${longKey}]` })
    const tooLate = now() + 25 * 3600
    expect(
      await failure(stripe.checkout.sessions.create(sessionParams({ expires_at: tooLate }))),
    ).toMatchObject({ param: 'expires_at' })
    const inAnHour = await stripe.checkout.sessions.create(sessionParams({ expires_at: now() + 3600 }))
    expect(inAnHour.expires_at).toBeGreaterThan(now() + 3500)
  })

  it('creates a product and price, charges that price, and archives it so checkout refuses it', async () => {
    const product = await stripe.products.create({ name: 'Wedding (25 shoots)', metadata: { tierId: '7' } })
    expect(product).toMatchObject({
      object: 'product',
      active: true,
      name: 'Wedding (25 shoots)',
      metadata: { tierId: '7' },
    })
    expect(product.id).toMatch(/^prod_/)
    const renamed = await stripe.products.update(product.id, { name: 'Wedding (30 shoots)' })
    expect(renamed.name).toBe('Wedding (30 shoots)')

    const price = await stripe.prices.create({
      product: product.id,
      unit_amount: 1250,
      currency: 'usd',
      metadata: { tierId: '7' },
    })
    expect(price).toMatchObject({
      object: 'price',
      active: true,
      product: product.id,
      unit_amount: 1250,
      currency: 'usd',
      type: 'one_time',
    })
    const session = await stripe.checkout.sessions.create(
      sessionParams({ line_items: [{ price: price.id, quantity: 3 }] }),
    )
    expect(session).toMatchObject({ amount_total: 3750, currency: 'usd' })

    const archived = await stripe.prices.update(price.id, { active: false })
    expect(archived.active).toBe(false)
    expect((await stripe.prices.retrieve(price.id)).active).toBe(false)
    expect(fake.prices.get(price.id).active).toBe(false)
    const refused = await failure(
      stripe.checkout.sessions.create(sessionParams({ line_items: [{ price: price.id, quantity: 1 }] })),
    )
    expect(refused).toMatchObject({ statusCode: 400, param: 'line_items[0][price]' })
    expect(refused.message).toMatch(/inactive/)
    expect(
      await failure(stripe.prices.create({ product: 'prod_nope', unit_amount: 1, currency: 'usd' })),
    ).toMatchObject({ code: 'resource_missing', param: 'product' })
  })

  it('refuses requests without a test secret key with a 401 JSON error', async () => {
    for (const key of ['sk_live_unit', 'pk_test_unit']) {
      const error = await failure(clientFor(fake, key).checkout.sessions.retrieve('cs_test_any'))
      expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
      expect(error.statusCode).toBe(401)
    }
    const anonymous = await fetch(`${fake.url}/v1/checkout/sessions`, { method: 'POST' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toBe('application/json')
    expect((await anonymous.json()).error).toMatchObject({
      type: 'invalid_request_error',
      message: 'You did not provide an API key.',
    })

    const strict = await startFakeStripe({ apiKey: 'sk_test_right' })
    try {
      expect(
        (await failure(clientFor(strict, 'sk_test_wrong').products.create({ name: 'x' }))).statusCode,
      ).toBe(401)
      expect((await clientFor(strict, 'sk_test_right').products.create({ name: 'x' })).object).toBe('product')
    } finally {
      await strict.close()
    }
  })

  it('expires open sessions only, over HTTP and through the test controls', async () => {
    const viaApi = await stripe.checkout.sessions.create(sessionParams())
    expect(await stripe.checkout.sessions.expire(viaApi.id)).toMatchObject({ status: 'expired', url: null })
    expect(() => fake.completeSession(viaApi.id)).toThrow(/expired/)

    const viaControl = await stripe.checkout.sessions.create(sessionParams())
    expect(fake.expireSession(viaControl.id)).toMatchObject({ status: 'expired' })
    expect(() => fake.expireSession(viaControl.id)).toThrow(/not open/)
    const paid = await stripe.checkout.sessions.create(sessionParams())
    fake.completeSession(paid.id)
    expect((await failure(stripe.checkout.sessions.expire(paid.id))).statusCode).toBe(400)
    expect(() => fake.expireSession('cs_test_missing')).toThrow(/no session/)
  })
})

describe('fake Stripe session listing', () => {
  let fake: FakeStripe
  let stripe: Stripe
  beforeAll(async () => {
    fake = await startFakeStripe()
    stripe = clientFor(fake)
  })
  afterAll(() => fake?.close())

  it('lists newest first, filters by created[gte] and status, and pages with starting_after', async () => {
    const make = async () => (await stripe.checkout.sessions.create(sessionParams())).id
    const old = await make()
    fake.sessions.get(old).created -= 4 * 3600 // backdated: outside the window below
    fake.completeSession(old)
    const [a, b, c, open] = [await make(), await make(), await make(), await make()]
    for (const id of [a, b, c]) fake.completeSession(id)
    const since = now() - 3600

    const page = await stripe.checkout.sessions.list({
      created: { gte: since },
      status: 'complete',
      limit: 2,
    })
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/checkout/sessions' })
    expect(page.data.map((s) => s.id)).toEqual([c, b])
    const request = fake.requests.at(-1)!
    expect(request.method).toBe('GET')
    expect(request.query).toMatchObject({ created: { gte: String(since) }, status: 'complete', limit: '2' })

    // Auto-pagination follows has_more with starting_after until the window is exhausted.
    const seen: string[] = []
    for await (const session of stripe.checkout.sessions.list({
      created: { gte: since },
      status: 'complete',
      limit: 1,
    }))
      seen.push(session.id)
    expect(seen).toEqual([c, b, a])
    expect(fake.requests.filter((r) => r.query.starting_after).map((r) => r.query.starting_after)).toEqual([
      c,
      b,
    ])

    const all = await stripe.checkout.sessions.list({ limit: 100 })
    expect(all.data.map((s) => s.id)).toEqual([open, c, b, a, old])
    expect(all.has_more).toBe(false)
    expect((await failure(stripe.checkout.sessions.list({ starting_after: 'cs_test_gone' }))).code).toBe(
      'resource_missing',
    )
    expect((await failure(stripe.checkout.sessions.list({ limit: 101 }))).param).toBe('limit')
  })
})

describe('fake Stripe webhooks, verified by the SDK', () => {
  let fake: FakeStripe
  let stripe: Stripe
  beforeAll(async () => {
    fake = await startFakeStripe({ webhookSecret: SECRET })
    stripe = clientFor(fake)
  })
  afterAll(() => fake?.close())

  const paidEvent = async () => {
    const session = await stripe.checkout.sessions.create(sessionParams())
    return fake.makeEvent('checkout.session.completed', fake.completeSession(session.id))
  }

  it('builds events in Stripe’s envelope, copying the object at send time', async () => {
    const event = await paidEvent()
    expect(event).toMatchObject({
      object: 'event',
      api_version: Stripe.API_VERSION,
      livemode: false,
      type: 'checkout.session.completed',
    })
    expect(event.id).toMatch(/^evt_/)
    expect(Math.abs(event.created - now())).toBeLessThan(5)
    expect(event.data.object).toMatchObject({
      object: 'checkout.session',
      status: 'complete',
      payment_status: 'paid',
    })
    fake.sessions.get(event.data.object.id).metadata.userId = 'changed later'
    expect(event.data.object.metadata.userId).toBe('42')
  })

  it('signs exactly as Stripe does: constructEvent accepts it and the SDK’s own signer agrees', async () => {
    const event = await paidEvent()
    const { body, headers } = fake.signedWebhook(event, { timestamp: now() - 10 })
    expect(headers['content-type']).toBe('application/json')
    expect(headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    const timestamp = Number(/^t=(\d+)/.exec(headers['stripe-signature'])![1])
    expect(headers['stripe-signature']).toBe(
      stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp }),
    )
    const verified = stripe.webhooks.constructEvent(body, headers['stripe-signature'], SECRET)
    expect(verified.id).toBe(event.id)
    expect(verified.type).toBe('checkout.session.completed')
    expect(verified.data.object).toEqual(event.data.object)
  })

  it('is rejected with a wrong secret, a stale timestamp or a tampered body', async () => {
    const event = await paidEvent()
    const verify = (body: string, signature: string) => () =>
      stripe.webhooks.constructEvent(body, signature, SECRET)
    const wrong = fake.signedWebhook(event, { secret: 'whsec_someone_else' })
    expect(verify(wrong.body, wrong.headers['stripe-signature'])).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    )
    const stale = fake.signedWebhook(event, { timestamp: now() - 301 })
    expect(verify(stale.body, stale.headers['stripe-signature'])).toThrow(/tolerance/)
    const fresh = fake.signedWebhook(event)
    expect(verify(fresh.body, fresh.headers['stripe-signature'])).not.toThrow()
    const tampered = fresh.body.replace('"paid"', '"unpaid"')
    expect(tampered).not.toBe(fresh.body)
    expect(verify(tampered, fresh.headers['stripe-signature'])).toThrow(
      /No signatures found matching the expected signature/,
    )
    // A handler that re-encodes the parsed JSON instead of verifying the raw bytes fails too.
    expect(verify(JSON.stringify(JSON.parse(fresh.body)), fresh.headers['stripe-signature'])).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    )
  })

  it('builds charge.refunded and charge.dispute.created objects the SDK types describe', async () => {
    const { data } = await paidEvent()
    const charge = fake.makeCharge({
      paymentIntent: data.object.payment_intent,
      amount: 1998,
      amountRefunded: 500,
    })
    const dispute = fake.makeDispute({
      paymentIntent: data.object.payment_intent,
      charge: charge.id,
      amount: 1998,
    })
    for (const [type, object] of [
      ['charge.refunded', charge],
      ['charge.dispute.created', dispute],
    ] as const) {
      const signed = fake.signedWebhook(fake.makeEvent(type, object))
      const event = stripe.webhooks.constructEvent(signed.body, signed.headers['stripe-signature'], SECRET)
      expect(event.type).toBe(type)
      expect(event.data.object).toEqual(object)
    }
    expect(charge).toMatchObject({
      object: 'charge',
      payment_intent: data.object.payment_intent,
      amount_refunded: 500,
      refunded: false,
    })
    expect(charge.id).toMatch(/^ch_/)
    expect(fake.makeCharge({ paymentIntent: 'pi_x', amount: 100, amountRefunded: 100 }).refunded).toBe(true)
    expect(dispute).toMatchObject({
      object: 'dispute',
      charge: charge.id,
      payment_intent: data.object.payment_intent,
      amount: 1998,
      status: 'needs_response',
    })
    expect(dispute.id).toMatch(/^dp_/)
  })
})
