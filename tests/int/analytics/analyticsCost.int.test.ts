import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { IMAGE_MODEL_SEEDS } from '@/generation/imageModels'
import { describePriceSource } from '@/generation/modelCatalogue'
import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import type { FakeGemini } from '../../fakes/geminiServer'
import { ApiClient } from '../../support/clients/client'
import { startGeminiForApp } from '../../support/app/fakesForApp'
import { newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

const sourceOf = (id: string) =>
  describePriceSource(IMAGE_MODEL_SEEDS.find((seed) => seed.id === id)!.priceSource)
/** Flash's price is derived from a third-party per-token figure: the source says so, and how. */
const FLASH_SOURCE = sourceOf('gemini-3.1-flash-image')
const PRO_SOURCE = sourceOf('gemini-3-pro-image')
const utcDay = (date: Date) => date.toISOString().slice(0, 10)

/**
 * Provider cost and margin (issue 21): a customer buys 10 shoots of a package for $29.99 and makes
 * two shoots through the real Gemini SDK against the fake Gemini: standard quality (1 shoot, two
 * gemini-3.1-flash-image 1K portraits at $0.067) and high quality (2 shoots, two gemini-3-pro-image
 * 2K portraits at $0.134). Each portrait records its model, size, usage and price with the price's
 * source; the analytics API reports cost, margin and margin per shoot for the package and the period.
 *
 *   cost    = 2 × 6.7¢ + 2 × 13.4¢ = 40.2¢       revenue = 2999¢       margin = 2958.8¢
 *   revenue per shoot sold = 2999 / 10 = 299.9¢   cost per shoot used = 40.2 / 3 = 13.4¢
 *   margin per shoot = 299.9 − 13.4 = 286.5¢
 */
describe('provider cost and margin per package in the analytics API', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let gemini: FakeGemini
  let stopGemini: (() => Promise<void>) | undefined
  let admin: ApiClient
  let customer: ApiClient
  let packageId: number
  let themeId: number
  let uploadId: number
  const generationIds: number[] = []
  const stamp = Date.now()
  const slug = `cost-studio-${stamp}`
  let from: string

  const shoot = async (quality: 'standard' | 'high') => {
    const accepted = await customer.post('/api/generate', {
      packageSlug: slug,
      themeId,
      uploadId,
      portraitType: 'single',
      generationSettings: { aspectRatio: '3:4', quality },
    })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202)
    const generation = await waitForGeneration(payload, accepted.body.generationId, 90_000)
    expect(generation.status).toBe('succeeded')
    generationIds.push(generation.id)
    return generation
  }

  beforeAll(async () => {
    from = utcDay(new Date())
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    payload = await testPayload()
    server = await startRestServer()
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    customer = new ApiClient(server.url)
    const customerId = (await newCustomer(payload, customer, 'cost')).id
    uploadId = (await uploadPhoto(customer, await portraitJpeg())).body.doc.id
    packageId = (
      await payload.create({
        collection: 'photo-packages',
        data: {
          name: `Cost Studio ${stamp}`,
          slug,
          category: 'professional',
          imagesPerGeneration: 2,
          isActive: true,
          basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
          settings: {
            standardQuality: { model: 'gemini-3.1-flash-image', imageSize: '1K' },
            highQuality: { offered: true, model: 'gemini-3-pro-image', imageSize: '2K' },
          },
        },
        depth: 0,
      })
    ).id
    themeId = (
      await payload.create({
        collection: 'package-themes',
        data: { package: packageId, name: 'Grey backdrop', settingPrompt: 'in front of a grey backdrop' },
        depth: 0,
      })
    ).id
    // The sale: 10 shoots of this package for $29.99, paid now.
    await payload.create({
      collection: 'purchases',
      data: {
        owner: customerId,
        package: packageId,
        status: 'paid',
        amountCents: 2999,
        shoots: 10,
        paidAt: new Date().toISOString(),
        currency: 'usd',
        stripeSessionId: `cs_cost_${stamp}`,
      },
    })
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: customerId, amount: 10, reason: 'Test budget' },
    })
    await shoot('standard')
    await shoot('high')
    const refreshed = await admin.post('/api/admin/analytics/refresh', { mode: 'full' })
    expect(refreshed.status).toBe(200)
  })

  afterAll(async () => {
    await payload
      ?.update({ collection: 'photo-packages', id: packageId, data: { isActive: false } })
      .catch(() => undefined)
    await server?.close()
    await stopGemini?.()
  })

  const period = () => `from=${from}&to=${utcDay(new Date())}`

  it('records on each portrait its model, size, usageMetadata and its price from the catalogue, with the source', async () => {
    const { docs } = await payload.find({
      collection: 'generation-results',
      where: { generation: { in: generationIds } },
      sort: 'id',
      depth: 0,
    })
    expect(
      docs.map((row) => [row.model, row.imageSize, row.costUsd, row.priceSource, row.usage?.totalTokens]),
    ).toEqual([
      ['gemini-3.1-flash-image', '1K', 0.067, FLASH_SOURCE, 2590],
      ['gemini-3.1-flash-image', '1K', 0.067, FLASH_SOURCE, 2590],
      ['gemini-3-pro-image', '2K', 0.134, PRO_SOURCE, 2590],
      ['gemini-3-pro-image', '2K', 0.134, PRO_SOURCE, 2590],
    ])
    expect(FLASH_SOURCE).toMatch(
      /^https:\/\/docs\.cloud\.google\.com\/\S+3-1-flash-image, 2026-12-06, unverified: \$60 per 1M image output tokens \(third-party/,
    )
    expect(PRO_SOURCE).toMatch(
      /^https:\/\/ai\.google\.dev\/gemini-api\/docs\/pricing, 2026-09-15, listed: \$0\.134 per 1K/,
    )
    expect(gemini.requests.map((call) => call.model).sort()).toEqual([
      'gemini-3-pro-image',
      'gemini-3-pro-image',
      'gemini-3.1-flash-image',
      'gemini-3.1-flash-image',
    ])
  })

  it("writes each shoot's analytics row with its package's studio (issue 24: kept should the package go)", async () => {
    const { studio } = await payload.findByID({ collection: 'photo-packages', id: packageId, depth: 0 })
    expect(studio).toEqual(expect.any(Number))
    const { docs } = await payload.find({
      collection: 'package-analytics',
      where: { generation: { in: generationIds } },
      depth: 0,
    })
    expect(docs.map((row) => row.studio)).toEqual([studio, studio])
  })

  it("reports the package's provider cost, margin and margin per shoot for the period", async () => {
    const { status, body } = await admin.get(`/api/admin/packages/${packageId}/analytics?${period()}`)
    expect(status).toBe(200)
    const figures = {
      generations: 2,
      shootsUsed: 3,
      shootsSold: 10,
      revenueCents: 2999,
      estimatedCostCents: 40.2,
      marginCents: 2958.8,
      marginRatio: Math.round((2958.8 / 2999) * 10_000) / 10_000,
      revenuePerShootCents: 299.9,
      costPerShootCents: 13.4,
      marginPerShootCents: 286.5,
    }
    expect(body.totals).toMatchObject(figures)
    expect(body.packages).toEqual([expect.objectContaining({ packageId, ...figures })])
    // Per period: the days' costs and margins add up to the period's.
    const sum = (key: string) =>
      Math.round(body.daily.reduce((total: number, day: any) => total + day[key], 0) * 100) / 100
    expect(sum('estimatedCostCents')).toBe(40.2)
    expect(sum('marginCents')).toBe(2958.8)
    expect(body.definitions.estimatedCostCents).toMatch(/price in the image model catalogue/)
    expect(body.definitions.marginPerShootCents).toMatch(/per shoot/)

    // The whole studio's report has the same row for this package.
    const all = await admin.get(`/api/admin/analytics?${period()}`)
    expect(all.body.packages.find((row: any) => row.packageId === packageId)).toMatchObject(figures)
  })

  it('gives the cost per image by model and size, with where the price came from and when', async () => {
    const { body } = await admin.get(`/api/admin/packages/${packageId}/analytics?${period()}`)
    expect(body.imageModels).toEqual(
      expect.arrayContaining([
        {
          model: 'gemini-3.1-flash-image',
          imageSize: '1K',
          portraits: 2,
          costUsd: 0.134,
          usdPerImage: 0.067,
          priceSource: FLASH_SOURCE,
        },
        {
          model: 'gemini-3-pro-image',
          imageSize: '2K',
          portraits: 2,
          costUsd: 0.268,
          usdPerImage: 0.134,
          priceSource: PRO_SOURCE,
        },
      ]),
    )
    expect(body.imageModels).toHaveLength(2)
  })

  it('has no cost, and no margin per shoot, in a period without shoots or sales', async () => {
    const { body } = await admin.get(
      `/api/admin/packages/${packageId}/analytics?from=2025-01-01&to=2025-01-07`,
    )
    expect(body.totals).toMatchObject({
      estimatedCostCents: 0,
      marginCents: 0,
      marginRatio: null,
      revenuePerShootCents: null,
      costPerShootCents: null,
      marginPerShootCents: null,
    })
    expect(body.imageModels).toEqual([])
  })
})
