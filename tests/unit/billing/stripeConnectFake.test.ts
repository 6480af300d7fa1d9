import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStripeClient } from '@/billing/stripeClient'

import { type FakeStripe, startFakeStripe } from '../../fakes/stripeServer'

/**
 * The fake Stripe's Connect wire format, through the real SDK (docs.stripe.com/connect/accounts,
 * /connect/direct-charges, /api/account_links, /api/application_fees, /api/refunds):
 * - POST /v1/accounts `type=express&country=US&email=...&capabilities[card_payments][requested]=true&capabilities[transfers][requested]=true`
 *   -> `{"id":"acct_...","object":"account","type":"express","charges_enabled":false,"details_submitted":false,
 *   "capabilities":{"card_payments":"inactive","transfers":"inactive"},"requirements":{"currently_due":[...],...}}`
 * - POST /v1/account_links `account=acct_...&refresh_url=...&return_url=...&type=account_onboarding`
 *   -> `{"object":"account_link","created":<unix>,"expires_at":<unix + 300>,"url":"..."}`
 * - A direct charge: the SDK's `stripeAccount` request option sends the header `Stripe-Account: acct_...`;
 *   `payment_intent_data[application_fee_amount]=<integer cents>` is allowed only then. Paying makes an
 *   `application_fee` (`{"object":"application_fee","account":"acct_...","amount":..,"amount_refunded":0,"charge":"ch_..."}`)
 *   listed on the platform at GET /v1/application_fees.
 * - POST /v1/refunds `payment_intent=pi_...&amount=..&refund_application_fee=true` under the header.
 * - Connect events carry a top-level `"account":"acct_..."` and are signed with the Connect endpoint's secret.
 */
const SECRET = 'whsec_unit_platform'
const CONNECT_SECRET = 'whsec_unit_connect'
const now = () => Math.floor(Date.now() / 1000)

const failure = async (call: Promise<unknown>): Promise<Stripe.errors.StripeError> => {
  const outcome = await call.then(
    () => new Error('expected the Stripe call to fail, but it succeeded'),
    (error: unknown) => error,
  )
  if (!(outcome instanceof Stripe.errors.StripeError)) throw outcome
  return outcome
}

const sessionParams = (fee?: number): Stripe.Checkout.SessionCreateParams => ({
  mode: 'payment',
  line_items: [
    { quantity: 1, price_data: { currency: 'usd', unit_amount: 2999, product_data: { name: '40 shoots' } } },
  ],
  success_url: 'https://studio-b.example/checkout/success',
  cancel_url: 'https://studio-b.example/packages',
  ...(fee === undefined ? {} : { payment_intent_data: { application_fee_amount: fee } }),
})

const expressParams = (email: string): Stripe.AccountCreateParams => ({
  type: 'express',
  country: 'US',
  email,
  capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
})

describe('fake Stripe Connect through the real SDK', () => {
  let fake: FakeStripe
  let stripe: Stripe
  let ready: string // an onboarded account
  let other: string // a second onboarded account

  beforeAll(async () => {
    fake = await startFakeStripe({ webhookSecret: SECRET, connectWebhookSecret: CONNECT_SECRET })
    stripe = createStripeClient({
      secretKey: 'sk_test_connect',
      webhookSecret: SECRET,
      host: '127.0.0.1',
      port: fake.port,
      protocol: 'http',
    })
    ready = (await stripe.accounts.create(expressParams('a@studio.example'))).id
    other = (await stripe.accounts.create(expressParams('b@studio.example'))).id
    fake.completeOnboarding(ready)
    fake.completeOnboarding(other)
  })
  afterAll(() => fake?.close())

  it('creates an Express account that cannot take card payments until onboarding is done', async () => {
    const account = await stripe.accounts.create(expressParams('owner@studio.example'))
    expect(account).toMatchObject({
      object: 'account',
      type: 'express',
      country: 'US',
      email: 'owner@studio.example',
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { card_payments: 'inactive', transfers: 'inactive' },
    })
    expect(account.id).toMatch(/^acct_/)
    expect(account.requirements?.currently_due).toContain('external_account')
    const request = fake.requests.at(-1)!
    expect(decodeURIComponent(request.raw)).toContain('capabilities[card_payments][requested]=true')
    expect(request.body).toMatchObject({ type: 'express', country: 'US' })

    expect((await stripe.accounts.retrieve(account.id)).capabilities).toEqual(account.capabilities)
    const noType = await failure(stripe.accounts.create({ country: 'US' }))
    expect(noType).toMatchObject({ code: 'parameter_missing', param: 'type' })
    const cardsOnly = await failure(
      stripe.accounts.create({ type: 'express', capabilities: { card_payments: { requested: true } } }),
    )
    expect(cardsOnly.param).toBe('capabilities[transfers][requested]')
  })

  it('makes onboarding links in Stripe’s shape and refuses the ones Stripe refuses', async () => {
    const account = await stripe.accounts.create(expressParams('links@studio.example'))
    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'https://studio.example/admin/connect/refresh',
      return_url: 'https://studio.example/admin/connect/return',
      type: 'account_onboarding',
    })
    expect(link).toMatchObject({ object: 'account_link' })
    expect(
      Object.keys(link)
        .filter((key) => key !== 'lastResponse')
        .sort(),
    ).toEqual(['created', 'expires_at', 'object', 'url'])
    expect(Math.abs(link.created - now())).toBeLessThan(5)
    expect(link.expires_at - link.created).toBe(300)
    expect((await fetch(link.url)).status).toBe(200)

    const base = { refresh_url: 'https://s.example/r', return_url: 'https://s.example/x' }
    const unknown = await failure(
      stripe.accountLinks.create({ ...base, account: 'acct_nope', type: 'account_onboarding' }),
    )
    expect(unknown).toMatchObject({ code: 'resource_missing', param: 'account' })
    const update = await failure(
      stripe.accountLinks.create({ ...base, account: account.id, type: 'account_update' }),
    )
    expect(update.param).toBe('type')
    const noReturn = await failure(
      stripe.accountLinks.create({
        account: account.id,
        refresh_url: base.refresh_url,
        type: 'account_onboarding',
      }),
    )
    expect(noReturn).toMatchObject({ code: 'parameter_missing', param: 'return_url' })
  })

  it('completes onboarding: card_payments active, and an account.updated Connect event', async () => {
    const account = await stripe.accounts.create(expressParams('done@studio.example'))
    const pending = fake.completeOnboarding(account.id, { capability: 'pending' })
    expect(pending.data.object).toMatchObject({
      details_submitted: true,
      charges_enabled: false,
      capabilities: { card_payments: 'pending' },
    })
    const event = fake.completeOnboarding(account.id)
    expect(event).toMatchObject({ object: 'event', type: 'account.updated', account: account.id })
    expect(event.data.object).toMatchObject({ id: account.id, capabilities: { card_payments: 'active' } })
    const retrieved = await stripe.accounts.retrieve(account.id)
    expect(retrieved).toMatchObject({ charges_enabled: true, details_submitted: true })
    expect(retrieved.requirements?.currently_due).toEqual([])
  })

  it('keeps a session on the account that made it: 404 without the header or under another account', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(300), { stripeAccount: ready })
    expect(fake.requests.at(-1)!.headers['stripe-account']).toBe(ready)
    expect((await stripe.checkout.sessions.retrieve(session.id, {}, { stripeAccount: ready })).id).toBe(
      session.id,
    )
    for (const options of [{}, { stripeAccount: other }]) {
      const hidden = await failure(stripe.checkout.sessions.retrieve(session.id, {}, options))
      expect(hidden).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
      expect(hidden).toMatchObject({ statusCode: 404, code: 'resource_missing' })
      expect(hidden.message).toBe(`No such checkout.session: '${session.id}'`)
    }
    const listed = async (stripeAccount?: string) =>
      (await stripe.checkout.sessions.list({ limit: 100 }, stripeAccount ? { stripeAccount } : {})).data.map(
        (s) => s.id,
      )
    expect(await listed(ready)).toContain(session.id)
    expect(await listed()).not.toContain(session.id)
    expect(await listed(other)).not.toContain(session.id)

    const stranger = await failure(
      stripe.checkout.sessions.retrieve(session.id, {}, { stripeAccount: 'acct_stranger' }),
    )
    expect(stranger).toBeInstanceOf(Stripe.errors.StripePermissionError)
    expect(stranger).toMatchObject({ statusCode: 403, code: 'account_invalid' })
  })

  it('refuses a session on an account that cannot take card payments yet', async () => {
    const fresh = await stripe.accounts.create(expressParams('fresh@studio.example'))
    const refused = await failure(
      stripe.checkout.sessions.create(sessionParams(), { stripeAccount: fresh.id }),
    )
    expect(refused.statusCode).toBe(400)
    expect(refused.message).toMatch(/card_payments is inactive/)
  })

  it('validates application_fee_amount: an integer, not above the amount, only on a direct charge', async () => {
    const param = 'payment_intent_data[application_fee_amount]'
    const platform = await failure(stripe.checkout.sessions.create(sessionParams(100)))
    expect(platform.param).toBe(param)
    expect(platform.message).toMatch(/Stripe-Account header/)
    const tooBig = await failure(
      stripe.checkout.sessions.create(sessionParams(3000), { stripeAccount: ready }),
    )
    expect(tooBig.param).toBe(param)
    const fraction = await failure(
      stripe.checkout.sessions.create(sessionParams(12.5), { stripeAccount: ready }),
    )
    expect(fraction).toMatchObject({ code: 'parameter_invalid_integer', param })
    const whole = await stripe.checkout.sessions.create(sessionParams(2999), { stripeAccount: ready })
    expect(whole.amount_total).toBe(2999)
  })

  it('pays a direct charge: the charge on the account, the application fee on the platform', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(450), { stripeAccount: ready })
    const paid = fake.completeSession(session.id)
    const charges = await stripe.charges.list(
      { payment_intent: paid.payment_intent },
      { stripeAccount: ready },
    )
    expect(charges.data).toHaveLength(1)
    const charge = charges.data[0]
    expect(charge).toMatchObject({ amount: 2999, application_fee_amount: 450, amount_refunded: 0 })
    expect((await stripe.charges.list({ payment_intent: paid.payment_intent })).data).toEqual([])

    const fees = await stripe.applicationFees.list({ charge: charge.id })
    expect(fees.data).toHaveLength(1)
    expect(fees.data[0]).toMatchObject({
      object: 'application_fee',
      account: ready,
      amount: 450,
      amount_refunded: 0,
      refunded: false,
      charge: charge.id,
      currency: 'usd',
    })
    expect((await stripe.applicationFees.retrieve(fees.data[0].id)).id).toBe(charge.application_fee)
    // Paying twice (an async payment's second call) makes no second charge or fee.
    fake.completeSession(session.id)
    expect((await stripe.applicationFees.list({ charge: charge.id })).data).toHaveLength(1)
  })

  it('refunds from the account’s balance and refunds the fee in proportion with refund_application_fee', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(450), { stripeAccount: ready })
    const intent = fake.completeSession(session.id).payment_intent as string
    const feeOf = async () => {
      const [charge] = (await stripe.charges.list({ payment_intent: intent }, { stripeAccount: ready })).data
      return stripe.applicationFees.retrieve(charge.application_fee as string)
    }
    const hidden = await failure(stripe.refunds.create({ payment_intent: intent, amount: 100 }))
    expect(hidden).toMatchObject({ code: 'resource_missing', param: 'payment_intent' })

    // 1000 of 2999 refunded: round(450 * 1000 / 2999) = 150 of the fee.
    const first = await stripe.refunds.create(
      { payment_intent: intent, amount: 1000, refund_application_fee: true },
      { stripeAccount: ready },
    )
    expect(first).toMatchObject({
      object: 'refund',
      amount: 1000,
      status: 'succeeded',
      payment_intent: intent,
    })
    expect(await feeOf()).toMatchObject({ amount_refunded: 150, refunded: false })
    // Without the flag the platform keeps its fee.
    await stripe.refunds.create({ payment_intent: intent, amount: 999 }, { stripeAccount: ready })
    expect((await feeOf()).amount_refunded).toBe(150)
    const tooMuch = await failure(
      stripe.refunds.create({ payment_intent: intent, amount: 1001 }, { stripeAccount: ready }),
    )
    expect(tooMuch.param).toBe('amount')
    // The rest: the charge is fully refunded, so all of the fee is.
    await stripe.refunds.create(
      { payment_intent: intent, refund_application_fee: true },
      { stripeAccount: ready },
    )
    const fee = await feeOf()
    expect(fee).toMatchObject({ amount_refunded: 450, refunded: true })
    expect(fee.refunds.data.map((r) => r.amount)).toEqual([300, 150])
    const again = await failure(stripe.refunds.create({ payment_intent: intent }, { stripeAccount: ready }))
    expect(again.code).toBe('charge_already_refunded')
    expect((await stripe.refunds.retrieve(first.id, {}, { stripeAccount: ready })).amount).toBe(1000)
    expect((await failure(stripe.refunds.retrieve(first.id))).statusCode).toBe(404)
  })

  it('scopes idempotency keys per account, as Stripe does', async () => {
    const mine = await stripe.checkout.sessions.create(sessionParams(10), {
      stripeAccount: ready,
      idempotencyKey: 'checkout:shared-key',
    })
    const theirs = await stripe.checkout.sessions.create(sessionParams(10), {
      stripeAccount: other,
      idempotencyKey: 'checkout:shared-key',
    })
    expect(theirs.id).not.toBe(mine.id)
  })

  it('sends Connect events with a top-level account, signed with the Connect endpoint’s secret', () => {
    const event = fake.makeEvent('checkout.session.completed', { id: 'cs_test_x' }, { account: ready })
    expect(event).toMatchObject({ object: 'event', account: ready, type: 'checkout.session.completed' })
    expect('account' in fake.makeEvent('checkout.session.completed', {})).toBe(false)
    const { body, headers } = fake.signedWebhook(event)
    const verified = stripe.webhooks.constructEvent(body, headers['stripe-signature'], CONNECT_SECRET)
    expect(verified.account).toBe(ready)
    expect(() => stripe.webhooks.constructEvent(body, headers['stripe-signature'], SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    )
  })
})
