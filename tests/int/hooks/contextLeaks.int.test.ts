import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { PackagePricingTier } from '@/payload-types'
import { upsertCatalogPackage } from '@/seed/upsertPackage'
import { defaultStudioId } from '@/studios/defaultStudio'
import { inTransaction } from '@/lib/transactions'
import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import type { FakeStripe } from '../../fakes/stripeServer'
import { startStripeForApp } from '../../support/app/fakesForApp'
import { testPayload } from '../../support/app/payload'

const tier = (
  name: string,
  shootsCount: number,
  priceCents: number,
  sortOrder: number,
  isDefault = false,
) => ({
  name,
  shootsCount,
  priceCents,
  originalPriceCents: null,
  badge: null,
  features: [],
  isDefault,
  sortOrder,
  isActive: true,
})

const theme = {
  name: 'Leak Garden',
  description: 'A garden.',
  settingPrompt: 'a quiet garden at golden hour for a {portraitType} portrait',
  clothingPrompt: null,
  atmospherePrompt: null,
  technicalPrompt: null,
  styleModifiers: null,
  colorPalette: null,
  inspirationReferences: null,
  isPremium: false,
  isSeasonal: false,
  sortOrder: 1,
  popularityScore: 0,
}

/**
 * A hook's context flags hold for its own nested operation only: later operations of the same
 * request run their hooks (Stripe sync, catalog revalidation) as if the flag had never been set.
 */
describe('hook context flags do not leak into later operations of the same request', () => {
  let payload: Payload
  let stripe: FakeStripe
  let stop: (() => Promise<void>) | undefined

  beforeAll(async () => {
    ;({ stripe, stop } = await startStripeForApp('whsec_context_leaks'))
    payload = await testPayload()
  })
  afterAll(async () => {
    await stop?.()
  })

  it('gives every tier written in one request (the seed transaction) its own Stripe Product and Price', async () => {
    const slug = `leak-pack-${Date.now()}`
    await upsertCatalogPackage(
      payload,
      {
        name: 'Leak Pack',
        slug,
        description: 'Three tiers, one transaction.',
        category: 'artistic',
        imagesPerGeneration: 2,
        isActive: true,
        isFeatured: false,
        sortOrder: 50,
        themes: [theme],
        tiers: [tier('One', 5, 450, 1), tier('Two', 10, 800, 2, true), tier('Three', 30, 2100, 3)],
      },
      (await defaultStudioId(payload))!,
    )
    const pkg = (await payload.find({ collection: 'photo-packages', where: { slug: { equals: slug } } }))
      .docs[0]
    const { docs } = await payload.find({
      collection: 'package-pricing-tiers',
      where: { package: { equals: pkg.id } },
      sort: 'sortOrder',
    })
    expect(docs.map((doc) => doc.name)).toEqual(['One', 'Two', 'Three'])
    for (const doc of docs as PackagePricingTier[]) {
      expect(doc.stripePriceId, `tier ${doc.name}`).toBeTruthy()
      const price = stripe.prices.get(doc.stripePriceId as string)
      expect(price).toMatchObject({
        unit_amount: doc.priceCents,
        currency: 'usd',
        active: true,
        product: doc.stripeProductId,
      })
    }
  })

  it('leaves the request context as it was after a default tier clears the others (its own revalidation runs)', async () => {
    const pkg = await payload.create({
      collection: 'photo-packages',
      data: {
        name: 'Leak Defaults',
        slug: `leak-defaults-${Date.now()}`,
        category: 'artistic',
        imagesPerGeneration: 1,
        basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
      },
    })
    const first = await payload.create({
      collection: 'package-pricing-tiers',
      data: { package: pkg.id, ...tier('A', 5, 500, 1, true) },
    })
    const second = await payload.create({
      collection: 'package-pricing-tiers',
      data: { package: pkg.id, ...tier('B', 9, 900, 2) },
    })
    const req = await createLocalReq({}, payload)
    const seen = await inTransaction(req, async (req) => {
      await payload.update({
        collection: 'package-pricing-tiers',
        id: second.id,
        data: { isDefault: true },
        req,
        overrideAccess: true,
      })
      // What the revalidation hook of the NEXT operation on this request would read:
      const after = { ...req.context }
      await payload.update({
        collection: 'package-pricing-tiers',
        id: second.id,
        data: { priceCents: 1234 },
        req,
        overrideAccess: true,
      })
      return after
    })
    expect(seen.disableRevalidate).toBeUndefined()
    expect(seen.skipStripeSync).toBeUndefined()
    expect((await payload.findByID({ collection: 'package-pricing-tiers', id: first.id })).isDefault).toBe(
      false,
    )
    const updated = await payload.findByID({ collection: 'package-pricing-tiers', id: second.id })
    expect(updated.priceCents).toBe(1234)
    // The price edit after the default switch was synced too: a new active Price for 1234.
    expect(stripe.prices.get(updated.stripePriceId as string)).toMatchObject({
      unit_amount: 1234,
      active: true,
    })
  })
})
