import fc from 'fast-check'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { FakeStripe } from '../../fakes/stripeServer'
import { startStripeForApp } from '../../support/app/fakesForApp'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { ApiClient } from '../../support/clients/client'
import { ledgerSum, newCustomer } from '../../support/fixtures/generation'
import { requestAt } from '../../support/clients/hostRequest'

/**
 * The order-proof property per studio (issue 24, "Money"): two studios' Connect events for one
 * customer's two direct charges (paid, refunded a third, refunded in full), with the SAME event
 * ids on both accounts, arrive interleaved in any order, some twice, some two at a time. Each
 * purchase ends refunded with its shoots taken back once, and each (account, event id) is
 * recorded once.
 */
const SECRET = 'whsec_connect_order'
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
const PRICE = 900
const SHOOTS = 3

describe('Connect events of two studios, interleaved in any order', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let stripe: FakeStripe
  let stopStripe: (() => Promise<void>) | undefined
  const studios: { id: number; host: string; tier: number; account: string }[] = []

  beforeAll(async () => {
    ;({ stripe, stop: stopStripe } = await startStripeForApp(SECRET, 'sk_test_connect_order'))
    payload = await testPayload()
    server = await startRestServer()
    const email = `admin-order-${run}@example.com`
    await payload.create({
      collection: 'users',
      data: { email, password: 'order-pass-1234', role: 'admin' } as never,
    })
    const admin = await new ApiClient(server.url).login(email, 'order-pass-1234')
    for (const name of ['one', 'two']) {
      const host = `${name}-${run}.order.test`
      const studio = await payload.create({
        collection: 'studios',
        data: {
          name: `Order ${name} ${run}`,
          slug: `order-${name}-${run}`,
          domains: [{ hostname: host }],
          platformFeePercent: 10,
        } as never,
      })
      const pkg = await payload.create({
        collection: 'photo-packages',
        data: {
          studio: studio.id,
          name: `Order ${name} ${run}`,
          slug: `order-${name}-${run}`,
          category: 'artistic',
          isActive: true,
        } as never,
      })
      await payload.create({
        collection: 'package-themes',
        data: { package: pkg.id, name: `Order ${name} theme`, settingPrompt: 'a grey backdrop' } as never,
      })
      const tier = await payload.create({
        collection: 'package-pricing-tiers',
        data: {
          package: pkg.id,
          name: `Order ${name} tier`,
          shootsCount: SHOOTS,
          priceCents: PRICE,
        } as never,
      })
      const connected = await admin.post(`/api/studios/${studio.id}/stripe/connect`)
      expect(connected.status).toBe(200)
      const account = connected.body.accountId as string
      const { body, headers } = stripe.signedWebhook(stripe.completeOnboarding(account))
      expect((await admin.post('/api/stripe/connect/webhook', body, headers)).status).toBe(200)
      studios.push({ id: studio.id as number, host, tier: tier.id as number, account })
    }
  })

  afterAll(async () => {
    for (const { id } of studios)
      await payload?.update({
        collection: 'studios',
        id,
        data: { status: 'suspended', stripe: { accountId: null, chargesEnabled: false } } as never,
      })
    await server?.close()
    await stopStripe?.()
  })

  it('ends the same whatever the order, repeats and overlaps', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.nat(5), { maxLength: 4 }),
        fc.boolean(),
        async (seed, repeats, pairs) => {
          const customer = new ApiClient(server.url)
          const customerId = (await newCustomer(payload, customer, 'order-buyer')).id
          const balance = async () =>
            (await payload.findByID({ collection: 'users', id: customerId })).shootCredits ?? 0
          const before = await balance()
          const events: { account: string; event: any }[] = []
          const purchases: number[] = []
          let ids: string[] = []
          for (const studio of studios) {
            const started = await requestAt(server.url, studio.host, 'POST', '/api/checkout', {
              token: customer.token,
              body: { tierId: studio.tier },
            })
            expect(started.status).toBe(200)
            const purchase = await payload.findByID({ collection: 'purchases', id: started.body.purchaseId })
            purchases.push(purchase.id)
            const paid = stripe.completeSession(purchase.stripeSessionId as string)
            const charge = [...stripe.charges.values()].find((c) => c.payment_intent === paid.payment_intent)
            const own = [
              stripe.makeEvent('checkout.session.completed', paid, { account: studio.account }),
              stripe.makeEvent(
                'charge.refunded',
                { ...charge, amount_refunded: PRICE / 3 },
                { account: studio.account },
              ),
              stripe.makeEvent(
                'charge.refunded',
                { ...charge, amount_refunded: PRICE, refunded: true },
                { account: studio.account },
              ),
            ]
            // The second account's events reuse the first's ids: Stripe's ids are per account.
            if (ids.length) own.forEach((event, index) => (event.id = ids[index]))
            ids = own.map((event) => event.id)
            events.push(...own.map((event) => ({ account: studio.account, event })))
          }
          // A seeded shuffle, then repeats of some events (Stripe retries).
          const order = events
            .map((entry, index) => ({ entry, key: (seed * (index + 7)) % 1009 }))
            .sort((a, b) => a.key - b.key)
            .map(({ entry }) => entry)
          const deliveries = [...order, ...repeats.map((index) => order[index])]
          const deliver = ({ event }: { event: unknown }) => {
            const { body, headers } = stripe.signedWebhook(event)
            return customer.post('/api/stripe/connect/webhook', body, headers)
          }
          for (let index = 0; index < deliveries.length; index += pairs ? 2 : 1) {
            const answers = await Promise.all(deliveries.slice(index, index + (pairs ? 2 : 1)).map(deliver))
            for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200)
          }

          for (const id of purchases) {
            const purchase = await payload.findByID({ collection: 'purchases', id })
            expect(purchase).toMatchObject({
              status: 'refunded',
              refundedAmountCents: PRICE,
              shootsReclaimed: SHOOTS,
            })
          }
          expect(await balance()).toBe(before)
          expect(await ledgerSum(payload, customerId)).toBe(await balance())
          const { docs } = await payload.find({
            collection: 'stripe-events',
            where: { eventId: { in: ids } },
            pagination: false,
          })
          expect(docs).toHaveLength(6)
          expect(new Set(docs.map((doc) => doc.eventKey)).size).toBe(6)
        },
      ),
      { numRuns: 6 },
    )
  })
})
