import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { refreshAnalyticsRollups } from '@/analytics/rollup'
import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import type { FakeStripe } from '../../fakes/stripeServer'
import { ApiClient } from '../../support/clients/client'
import { ledgerSum, newCustomer } from '../../support/fixtures/generation'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { startStripeForApp } from '../../support/app/fakesForApp'

const SECRET = 'whsec_bundles_test'

/** Bundles: composed by an admin, listed publicly, sold through Checkout, granted per package. */
describe('package bundles', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let stripe: FakeStripe
  let stopStripe: (() => Promise<void>) | undefined
  let admin: ApiClient
  let editor: ApiClient
  let buyer: ApiClient
  let buyerId: number
  const ids = { p1: 0, p2: 0, bundle: 0 }
  const stamp = Date.now()

  /** A listed package: active, with a theme and one tier of `tierShoots` for `tierCents`. */
  const createPackage = async (
    name: string,
    category: 'professional' | 'wedding',
    tierShoots: number,
    tierCents: number,
  ) => {
    const pkg = await payload.create({
      collection: 'photo-packages',
      data: {
        name,
        category,
        isActive: true,
        imagesPerGeneration: 3,
        basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
      },
    })
    await payload.create({
      collection: 'package-themes',
      data: {
        package: pkg.id,
        name: `${name} studio`,
        settingPrompt: 'a quiet studio backdrop with soft light',
      },
    })
    await payload.create({
      collection: 'package-pricing-tiers',
      data: { package: pkg.id, name: 'Pack', shootsCount: tierShoots, priceCents: tierCents, isActive: true },
    })
    return pkg.id
  }

  const bundleData = (overrides: Record<string, unknown> = {}) => ({
    name: `Duo ${stamp}`,
    items: [
      { package: ids.p1, shoots: 10 },
      { package: ids.p2, shoots: 5 },
    ],
    priceCents: 1000,
    badge: 'DUO',
    ...overrides,
  })

  const deliver = (event: unknown) => {
    const { body, headers } = stripe.signedWebhook(event)
    return buyer.post('/api/stripe/webhook', body, headers)
  }
  const balance = async () => (await payload.findByID({ collection: 'users', id: buyerId })).shootCredits ?? 0
  const listed = async () =>
    ((await buyer.get('/api/bundles')).body.bundles as any[]).find((bundle) => bundle.id === ids.bundle)

  beforeAll(async () => {
    ;({ stripe, stop: stopStripe } = await startStripeForApp(SECRET, 'sk_test_bundles'))
    payload = await testPayload()
    server = await startRestServer()
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    editor = await new ApiClient(server.url).login('editor@photo-packages.local', 'editor-demo-pass')
    buyer = new ApiClient(server.url)
    buyerId = (await newCustomer(payload, buyer, 'bundle-buyer')).id
    // As tiers, 10 + 5 shoots cost 1000 + 500 cents: the bundle's 1000 saves 33%.
    ids.p1 = await createPackage(`Bundle Weddings ${stamp}`, 'wedding', 10, 1000)
    ids.p2 = await createPackage(`Bundle Headshots ${stamp}`, 'professional', 5, 500)
  })

  afterAll(async () => {
    await server?.close()
    await stopStripe?.()
  })

  it('lets only admins compose a bundle, of 2+ distinct packages with a consistent price', async () => {
    const before = (await payload.count({ collection: 'package-bundles' })).totalDocs
    const fieldErrors = async (data: Record<string, unknown>) => {
      const response = await admin.post('/api/package-bundles', data)
      expect(response.status).toBe(400)
      return JSON.stringify(response.body)
    }
    expect(await fieldErrors(bundleData({ items: [{ package: ids.p1, shoots: 10 }] }))).toMatch(
      /at least 2 packages/,
    )
    expect(
      await fieldErrors(
        bundleData({
          items: [
            { package: ids.p1, shoots: 10 },
            { package: ids.p1, shoots: 5 },
          ],
        }),
      ),
    ).toMatch(/only once/)
    expect(await fieldErrors(bundleData({ badge: 'SAVE 50%' }))).toMatch(/saving is computed/)
    expect(
      await fieldErrors(
        bundleData({
          items: [
            { package: ids.p1, shoots: 0 },
            { package: ids.p2, shoots: 5 },
          ],
        }),
      ),
    ).toMatch(/Shoots must be a whole number from 1 to 1000/)
    expect(await fieldErrors(bundleData({ priceCents: 'cheap' }))).toMatch(/priceCents/)
    expect((await editor.post('/api/package-bundles', bundleData())).status).toBe(403)
    expect((await buyer.post('/api/package-bundles', bundleData())).status).toBe(403)
    expect((await payload.count({ collection: 'package-bundles' })).totalDocs).toBe(before)

    const created = await admin.post('/api/package-bundles', bundleData())
    expect(created.status).toBe(201)
    expect(created.body.doc.slug).toBe(`duo-${stamp}`)
    ids.bundle = created.body.doc.id
    // Staff read the bundle's value next to the tiers it replaces.
    const read = await admin.get(`/api/package-bundles/${ids.bundle}`)
    expect(read.body.value).toContain('The same shoots as tiers: $15.00. Saving shown to customers: 33%.')
    expect(read.body.value).not.toContain('Warning')
  })

  it('computes no saving and warns staff when a bundle costs more than its tiers', async () => {
    const dear = await admin.post(
      '/api/package-bundles',
      bundleData({ name: `Dear duo ${stamp}`, priceCents: 1600, isActive: false }),
    )
    expect(dear.status).toBe(201)
    expect(dear.body.doc.value).toContain('No saving is shown.')
    expect(dear.body.doc.value).toContain(
      'Warning: Costs $16.00, but the same shoots bought as tiers cost $15.00: no saving.',
    )
    await payload.update({ collection: 'package-bundles', id: dear.body.doc.id, data: { isActive: true } })
    expect(
      ((await buyer.get('/api/bundles')).body.bundles as any[]).find((b) => b.id === dear.body.doc.id),
    ).toMatchObject({ savingPercent: null })
    await payload.delete({ collection: 'package-bundles', id: dear.body.doc.id })
  })

  it('lists an active bundle publicly with its packages, and hides it while a package is off sale', async () => {
    expect(await listed()).toMatchObject({
      name: `Duo ${stamp}`,
      priceCents: 1000,
      replacedPriceCents: 1500,
      savingPercent: 33,
      badge: 'DUO',
      totalShoots: 15,
      pricePerShootCents: 67,
      items: [
        { packageId: ids.p1, packageName: `Bundle Weddings ${stamp}`, shoots: 10 },
        { packageId: ids.p2, packageName: `Bundle Headshots ${stamp}`, shoots: 5 },
      ],
    })
    await payload.update({ collection: 'photo-packages', id: ids.p2, data: { isActive: false } })
    expect(await listed()).toBeUndefined()
    const offSale = await buyer.post('/api/checkout', { bundleId: ids.bundle })
    expect(offSale.status).toBe(400)
    expect(offSale.body.error).toMatch(/not on sale/)
    await payload.update({ collection: 'photo-packages', id: ids.p2, data: { isActive: true } })
    expect(await listed()).toBeDefined()
  })

  it('refuses bad bundle checkouts with a clear 4xx and writes nothing', async () => {
    const before = (await payload.count({ collection: 'purchases' })).totalDocs
    const either = await buyer.post('/api/checkout', { bundleId: ids.bundle, tierId: 1 })
    expect(either.status).toBe(400)
    expect(either.body.error).toMatch(/either a tierId or a bundleId/)
    expect((await buyer.post('/api/checkout', { bundleId: 'duo' })).status).toBe(400)
    expect((await buyer.post('/api/checkout', { bundleId: 1.5 })).status).toBe(400)
    const unknown = await buyer.post('/api/checkout', { bundleId: 99999999 })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toMatch(/No bundle 99999999/)
    expect((await new ApiClient(server.url).post('/api/checkout', { bundleId: ids.bundle })).status).toBe(401)
    expect((await payload.count({ collection: 'purchases' })).totalDocs).toBe(before)
  })

  it('sells a bundle like a tier and grants each package its shoots once, as its own ledger row', async () => {
    const start = await balance()
    const response = await buyer.post('/api/checkout', { bundleId: ids.bundle, priceCents: 1, shoots: 9999 })
    expect(response.status).toBe(200)
    const purchase = await payload.findByID({
      collection: 'purchases',
      id: response.body.purchaseId,
      depth: 0,
    })
    expect(purchase).toMatchObject({ status: 'pending', bundle: ids.bundle, shoots: 15, amountCents: 1000 })
    expect(purchase.lines?.map((line) => [line.package, line.shoots, line.amountCents])).toEqual([
      [ids.p1, 10, 667],
      [ids.p2, 5, 333],
    ])
    const session = stripe.sessions.get(purchase.stripeSessionId as string)
    expect(session.amount_total).toBe(1000)
    expect(session.metadata).toMatchObject({
      bundleId: String(ids.bundle),
      shoots: '15',
      purchaseId: String(purchase.id),
    })

    const paid = stripe.completeSession(session.id)
    const first = await deliver(stripe.makeEvent('checkout.session.completed', paid))
    expect(first.body.outcome).toBe('granted')
    expect(await balance()).toBe(start + 15)
    const again = await deliver(stripe.makeEvent('checkout.session.async_payment_succeeded', paid))
    expect(again.body.outcome).toBe('already_granted')
    expect(await balance()).toBe(start + 15)

    const grants = await payload.find({
      collection: 'credit-ledger',
      where: { reference: { equals: `purchase:${purchase.uuid}` } },
      sort: 'id',
      depth: 0,
    })
    expect(grants.docs.map((row) => [row.amount, row.idempotencyKey])).toEqual([
      [10, `purchase:${session.id}:package:${ids.p1}`],
      [5, `purchase:${session.id}:package:${ids.p2}`],
    ])
    expect(grants.docs[0].reason).toBe(`Bundle: 10 shoots for Bundle Weddings ${stamp}`)
    expect(await ledgerSum(payload, buyerId)).toBe(await balance())

    // A partial refund: 300 of 1000 cents takes back 4 of the 15 shoots.
    const refund = stripe.makeCharge({
      paymentIntent: paid.payment_intent,
      amount: 1000,
      amountRefunded: 300,
    })
    expect((await deliver(stripe.makeEvent('charge.refunded', refund))).status).toBe(200)
    expect(await balance()).toBe(start + 11)
    expect(await ledgerSum(payload, buyerId)).toBe(await balance())
  })

  it('attributes bundle revenue, refunds and shoots to each package in the analytics, adding up to the sale', async () => {
    await refreshAnalyticsRollups(payload, { mode: 'full' })
    const figures = async (packageId: number) => {
      const { status, body } = await admin.get(`/api/admin/packages/${packageId}/analytics?timeframe=7d`)
      expect(status).toBe(200)
      return body.totals
    }
    // 667 and 333 cents of the price; the 300-cent refund splits 200 / 100, the 4 shoots 3 / 1.
    expect(await figures(ids.p1)).toMatchObject({ revenueCents: 467, shootsSold: 7 })
    expect(await figures(ids.p2)).toMatchObject({ revenueCents: 233, shootsSold: 4 })
  })

  it('refuses to delete a package while a bundle holds it', async () => {
    const refused = await admin.delete(`/api/photo-packages/${ids.p2}`)
    expect(refused.status).toBe(409)
    expect(JSON.stringify(refused.body)).toMatch(
      new RegExp(`part of the bundle\\(s\\) \\\\"Duo ${stamp}\\\\"`),
    )
    expect(await payload.findByID({ collection: 'photo-packages', id: ids.p2 })).toBeDefined()
    expect((await admin.delete(`/api/package-bundles/${ids.bundle}`)).status).toBe(200)
    expect((await admin.delete(`/api/photo-packages/${ids.p2}`)).status).toBe(200)
    // The sale keeps its line, without the package.
    const { docs } = await payload.find({
      collection: 'purchases',
      where: { bundle: { exists: false }, 'lines.shoots': { equals: 5 } },
      depth: 0,
      limit: 1,
    })
    expect(docs[0]?.lines?.[1]).toMatchObject({ package: null, shoots: 5, amountCents: 333 })
    // ...and the other package keeps its share of the revenue.
    await refreshAnalyticsRollups(payload, { mode: 'full' })
    const { body } = await admin.get(`/api/admin/packages/${ids.p1}/analytics?timeframe=7d`)
    expect(body.totals).toMatchObject({ revenueCents: 467, shootsSold: 7 })
  })
})
