import fc from 'fast-check'
import type { Payload } from 'payload'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadAnalyticsReport } from '@/analytics/report'
import { refreshAnalyticsRollups } from '@/analytics/rollup'

import type { FakeStripe } from '../../fakes/stripeServer'
import { ApiClient } from '../../support/clients/client'
import { startStripeForApp } from '../../support/app/fakesForApp'
import { newCustomer } from '../../support/fixtures/generation'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

const SECRET = 'whsec_order_property'

/** What a purchase's events leave behind: the purchase, the customer's shoots, the sale's analytics figures. */
interface Outcome {
  status: string
  refundedAmountCents: number
  shootsReclaimed: number
  disputed: boolean
  /** Only once charge.dispute.closed has been handled. */
  disputeOutcome?: 'won' | 'lost'
  paid: boolean
  flagged: boolean
  /** Balance change since before checkout, and the ledger's net change per kind. */
  balanceChange: number
  ledger: Record<string, number>
  analytics: {
    purchases: number
    grossRevenueCents: number
    refundedCents: number
    revenueCents: number
    shootsSold: number
  }
}

interface Scenario {
  name: string
  size: number
  /** The events Stripe sends for one purchase (the Wedding tier: 25 shoots for 999 cents). */
  events: (stripe: FakeStripe, sessionId: string) => Array<{ id: string; type: string }>
  expected: Outcome
  /**
   * Refunds and a lost dispute of one payment: which of them takes back which shoots depends on
   * the order they land in (each takes what is due and not yet taken); the total does not. The
   * ledger is then compared as one `stripe_refund` + `stripe_dispute` sum.
   */
  foldReversals?: boolean
}

const noSale = { purchases: 0, grossRevenueCents: 0, refundedCents: 0, revenueCents: 0, shootsSold: 0 }

const charge = (stripe: FakeStripe, paymentIntent: string, amountRefunded: number, id?: string) => ({
  ...stripe.makeCharge({ paymentIntent, amount: 999, amountRefunded }),
  ...(id ? { id } : {}),
})

const SCENARIOS: Scenario[] = [
  {
    name: 'a card payment refunded in two steps and disputed',
    size: 5,
    events: (stripe, sessionId) => {
      const paid = stripe.completeSession(sessionId)
      const third = charge(stripe, paid.payment_intent, 333)
      const dispute = stripe.makeDispute({
        paymentIntent: paid.payment_intent,
        charge: third.id,
        amount: 999,
      })
      return [
        stripe.makeEvent('checkout.session.completed', paid),
        stripe.makeEvent('charge.refunded', third),
        stripe.makeEvent('charge.refunded', { ...third, amount_refunded: 999, refunded: true }),
        stripe.makeEvent('charge.dispute.created', dispute),
        // Lost after a full refund: nothing is left to take back, and revenue is not taken twice.
        stripe.makeEvent('charge.dispute.closed', { ...dispute, status: 'lost' }),
      ]
    },
    foldReversals: true,
    expected: {
      status: 'disputed',
      refundedAmountCents: 999,
      shootsReclaimed: 25,
      disputed: true,
      disputeOutcome: 'lost',
      paid: true,
      flagged: true,
      balanceChange: 0,
      ledger: { purchase_grant: 25, 'stripe_refund + stripe_dispute': -25 },
      analytics: { purchases: 1, grossRevenueCents: 999, refundedCents: 999, revenueCents: 0, shootsSold: 0 },
    },
  },
  {
    name: 'a card payment disputed for half its amount, and the dispute lost',
    size: 3,
    events: (stripe, sessionId) => {
      const paid = stripe.completeSession(sessionId)
      const dispute = stripe.makeDispute({ paymentIntent: paid.payment_intent, amount: 500 })
      return [
        stripe.makeEvent('checkout.session.completed', paid),
        stripe.makeEvent('charge.dispute.created', dispute),
        stripe.makeEvent('charge.dispute.closed', { ...dispute, status: 'lost' }),
      ]
    },
    expected: {
      status: 'disputed',
      refundedAmountCents: 0,
      shootsReclaimed: 12, // floor(25 × 500 / 999)
      disputed: true,
      disputeOutcome: 'lost',
      paid: true,
      flagged: true,
      balanceChange: 13,
      ledger: { purchase_grant: 25, stripe_dispute: -12 },
      analytics: {
        purchases: 1,
        grossRevenueCents: 999,
        refundedCents: 500,
        revenueCents: 499,
        shootsSold: 13,
      },
    },
  },
  {
    name: 'a card payment disputed, and the dispute won',
    size: 3,
    events: (stripe, sessionId) => {
      const paid = stripe.completeSession(sessionId)
      const dispute = stripe.makeDispute({ paymentIntent: paid.payment_intent, amount: 999 })
      return [
        stripe.makeEvent('checkout.session.completed', paid),
        stripe.makeEvent('charge.dispute.created', dispute),
        stripe.makeEvent('charge.dispute.closed', { ...dispute, status: 'won' }),
      ]
    },
    expected: {
      status: 'paid',
      refundedAmountCents: 0,
      shootsReclaimed: 0,
      disputed: true,
      disputeOutcome: 'won',
      paid: true,
      // Staff still review an account whose payment was disputed, whatever the bank decided.
      flagged: true,
      balanceChange: 25,
      ledger: { purchase_grant: 25 },
      analytics: {
        purchases: 1,
        grossRevenueCents: 999,
        refundedCents: 0,
        revenueCents: 999,
        shootsSold: 25,
      },
    },
  },
  {
    name: 'a card payment partly refunded, the full refund after it',
    size: 3,
    events: (stripe, sessionId) => {
      const paid = stripe.completeSession(sessionId)
      const half = charge(stripe, paid.payment_intent, 500)
      return [
        stripe.makeEvent('checkout.session.completed', paid),
        stripe.makeEvent('charge.refunded', half),
        stripe.makeEvent('charge.refunded', { ...half, amount_refunded: 999, refunded: true }),
      ]
    },
    expected: {
      status: 'refunded',
      refundedAmountCents: 999,
      shootsReclaimed: 25,
      disputed: false,
      paid: true,
      flagged: false,
      balanceChange: 0,
      ledger: { purchase_grant: 25, stripe_refund: -25 },
      analytics: { purchases: 1, grossRevenueCents: 999, refundedCents: 999, revenueCents: 0, shootsSold: 0 },
    },
  },
  {
    name: 'a card payment partly refunded',
    size: 2,
    events: (stripe, sessionId) => {
      const paid = stripe.completeSession(sessionId)
      return [
        stripe.makeEvent('checkout.session.completed', paid),
        stripe.makeEvent('charge.refunded', charge(stripe, paid.payment_intent, 500)),
      ]
    },
    expected: {
      status: 'partially_refunded',
      refundedAmountCents: 500,
      shootsReclaimed: 12, // floor(25 × 500 / 999)
      disputed: false,
      paid: true,
      flagged: false,
      balanceChange: 13,
      ledger: { purchase_grant: 25, stripe_refund: -12 },
      analytics: {
        purchases: 1,
        grossRevenueCents: 999,
        refundedCents: 500,
        revenueCents: 499,
        shootsSold: 13,
      },
    },
  },
  {
    name: 'a delayed payment that succeeds',
    size: 2,
    events: (stripe, sessionId) => {
      const unpaid = stripe.completeSession(sessionId, { paymentStatus: 'unpaid' })
      const paid = stripe.completeSession(sessionId)
      return [
        stripe.makeEvent('checkout.session.completed', unpaid),
        stripe.makeEvent('checkout.session.async_payment_succeeded', paid),
      ]
    },
    expected: {
      status: 'paid',
      refundedAmountCents: 0,
      shootsReclaimed: 0,
      disputed: false,
      paid: true,
      flagged: false,
      balanceChange: 25,
      ledger: { purchase_grant: 25 },
      analytics: {
        purchases: 1,
        grossRevenueCents: 999,
        refundedCents: 0,
        revenueCents: 999,
        shootsSold: 25,
      },
    },
  },
  {
    name: 'a delayed payment that fails',
    size: 2,
    events: (stripe, sessionId) => {
      const unpaid = stripe.completeSession(sessionId, { paymentStatus: 'unpaid' })
      return [
        stripe.makeEvent('checkout.session.completed', unpaid),
        stripe.makeEvent('checkout.session.async_payment_failed', unpaid),
      ]
    },
    expected: {
      status: 'failed',
      refundedAmountCents: 0,
      shootsReclaimed: 0,
      disputed: false,
      paid: false,
      flagged: false,
      balanceChange: 0,
      ledger: {},
      analytics: noSale,
    },
  },
]

/** Every ordering of n events: the property's explicit examples when n is small. */
const permutations = (n: number): number[][] =>
  n <= 1
    ? [[0]].slice(0, n)
    : permutations(n - 1).flatMap((rest) =>
        Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]),
      )

/** An order of delivery: every event once, in any order, some delivered again (Stripe retries) anywhere. */
const delivery = (n: number) =>
  fc
    .tuple(
      fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n + 2)), { maxLength: 3 }),
    )
    .map(([order, repeats]) => {
      const sequence = [...order]
      for (const [event, at] of repeats) sequence.splice(Math.min(at, sequence.length), 0, event)
      return sequence
    })

/**
 * A purchase's Stripe events, delivered in every order (and some twice) through the real webhook
 * endpoint with Stripe's own signatures, leave the same purchase, ledger and revenue figures.
 */
describe('Stripe webhook: a purchase ends the same whatever order its events arrive in', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let stripe: FakeStripe
  let stopStripe: (() => Promise<void>) | undefined
  let tierId: number
  const signer = new Stripe('sk_test_order')
  /** Each sale is moved to a day of its own, so a day's rollup holds that one sale's figures. */
  const sales: Array<{ day: string; scenario: Scenario; order: string }> = []
  let nextDay = Date.UTC(2003, 0, 1)

  beforeAll(async () => {
    ;({ stripe, stop: stopStripe } = await startStripeForApp(SECRET, 'sk_test_order'))
    payload = await testPayload()
    server = await startRestServer()
    const pkg = (await new ApiClient(server.url).get('/api/packages/wedding-portraits')).body.package
    tierId = pkg.pricing.find((tier: { name: string }) => tier.name === 'Wedding').id
  })

  afterAll(async () => {
    await server?.close()
    await stopStripe?.()
  })

  let deliveries = 0
  const deliver = async (event: { id: string }) => {
    deliveries++
    const payloadText = JSON.stringify(event, null, 2)
    const signature = signer.webhooks.generateTestHeaderString({ payload: payloadText, secret: SECRET })
    const response = await fetch(`${server.url}/api/stripe/webhook`, {
      method: 'POST',
      body: payloadText,
      headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
    })
    expect(response.status, `${JSON.stringify(event).slice(0, 80)}: ${await response.clone().text()}`).toBe(
      200,
    )
  }

  const outcomeOf = async (
    purchaseId: number,
    userId: number,
    balanceBefore: number,
    foldReversals = false,
  ): Promise<Omit<Outcome, 'analytics'>> => {
    const purchase = await payload.findByID({ collection: 'purchases', id: purchaseId, depth: 0 })
    const user = await payload.findByID({ collection: 'users', id: userId, depth: 0 })
    const rows = await payload.find({
      collection: 'credit-ledger',
      where: { user: { equals: userId } },
      pagination: false,
      depth: 0,
    })
    const ledger: Record<string, number> = {}
    for (const row of rows.docs) {
      if (row.kind === 'trial_grant') continue
      const key =
        foldReversals && (row.kind === 'stripe_refund' || row.kind === 'stripe_dispute')
          ? 'stripe_refund + stripe_dispute'
          : row.kind
      ledger[key] = (ledger[key] ?? 0) + row.amount
    }
    return {
      status: purchase.status,
      refundedAmountCents: purchase.refundedAmountCents ?? 0,
      shootsReclaimed: purchase.shootsReclaimed ?? 0,
      disputed: purchase.disputed ?? false,
      ...(purchase.disputeOutcome ? { disputeOutcome: purchase.disputeOutcome } : {}),
      paid: Boolean(purchase.paidAt),
      flagged: user.flagged ?? false,
      balanceChange: (user.shootCredits ?? 0) - balanceBefore,
      ledger,
    }
  }

  /** Delivers one purchase's events in `order`: one after another, or all at once (Stripe does not wait). */
  const runScenario = async (scenario: Scenario, order: number[], parallel: boolean) => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'order')
    const before = (await payload.findByID({ collection: 'users', id: user.id })).shootCredits ?? 0
    const checkout = await client.post('/api/checkout', { tierId })
    expect(checkout.status).toBe(200)
    const purchaseId: number = checkout.body.purchaseId
    const { stripeSessionId } = await payload.findByID({ collection: 'purchases', id: purchaseId, depth: 0 })
    const events = scenario.events(stripe, stripeSessionId as string)
    expect(events).toHaveLength(scenario.size)
    if (parallel) await Promise.all(order.map((index) => deliver(events[index])))
    else for (const index of order) await deliver(events[index])
    const { analytics: _, ...expected } = scenario.expected
    const label = `${scenario.name}, delivered ${parallel ? 'at once' : 'in turn'}: ${order.map((index) => events[index].type.replace(/^(checkout\.session|charge)\./, '')).join(' → ')}`
    expect(await outcomeOf(purchaseId, user.id, before, scenario.foldReversals), label).toEqual(expected)
    const { paidAt } = await payload.findByID({ collection: 'purchases', id: purchaseId, depth: 0 })
    const day = new Date(nextDay).toISOString().slice(0, 10)
    nextDay += 86_400_000
    if (paidAt)
      await payload.update({
        collection: 'purchases',
        id: purchaseId,
        data: { paidAt: `${day}T12:00:00.000Z` },
        depth: 0,
      })
    sales.push({ day, scenario, order: label })
  }

  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: same purchase, ledger and flags in every order, with repeats`, async () => {
      const n = scenario.size
      const small = n <= 3
      const natural = [...Array(n).keys()]
      await fc.assert(
        fc.asyncProperty(delivery(n), fc.boolean(), (order, parallel) =>
          runScenario(scenario, order, parallel),
        ),
        {
          numRuns: small ? 4 : 16,
          // Small sets are also tried in every order exactly; every set all at once.
          examples: [
            ...(small ? permutations(n) : [natural, [...natural].reverse()]).map(
              (order): [number[], boolean] => [order, false],
            ),
            [natural, true],
          ],
        },
      )
    })
  }

  it('gives the same revenue figures for every order it delivered', async () => {
    expect(sales.length).toBeGreaterThan(20)
    await refreshAnalyticsRollups(payload, { mode: 'full' })
    for (const { day, scenario, order } of sales) {
      const report = await loadAnalyticsReport(payload, {
        period: { from: day, to: day, days: 1, timeframe: null },
      })
      const { purchases, grossRevenueCents, refundedCents, revenueCents, shootsSold } = report.totals
      expect({ purchases, grossRevenueCents, refundedCents, revenueCents, shootsSold }, order).toEqual(
        scenario.expected.analytics,
      )
    }
    console.log(`webhook order property: ${sales.length} purchases, ${deliveries} signed deliveries`)
  })
})
