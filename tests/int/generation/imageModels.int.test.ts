import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { modelAlerts } from '@/generation/modelAlerts'
import { probeImageModels } from '@/generation/probeModels'
import { requestGeneration } from '@/generation/requestGeneration'
import { runGeneration } from '@/generation/runGeneration'
import { startupProbeDone } from '@/generation/startModelCatalogue'
import { sqlAdapter } from '@/lib/drizzle'
import type { User } from '@/payload-types'
import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import type { FakeGemini } from '../../fakes/geminiServer'
import { ApiClient } from '../../support/clients/client'
import { startGeminiForApp } from '../../support/app/fakesForApp'
import {
  ledgerSum,
  newCustomer,
  uploadPhoto,
  waitForGeneration,
  generationReference,
} from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/**
 * Google shuts an image model down (issue 21): the probe finds it, the dashboard names it with its
 * packages, new shoots are refused before any hold, queued ones fail with no charge, and a
 * package's fallback model takes over. All through the real SDK against the fake Gemini.
 */
describe('an image model Google no longer serves', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let gemini: FakeGemini
  let stopGemini: (() => Promise<void>) | undefined
  let customer: ApiClient
  let customerId: number
  let uploadId: number
  let packageId: number
  let themeId: number
  const slug = `retired-model-${Date.now()}`

  const balance = async () =>
    (await payload.findByID({ collection: 'users', id: customerId })).shootCredits ?? 0
  const holdsOf = async (generationId: number) =>
    (
      await payload.find({
        collection: 'credit-ledger',
        where: { reference: { equals: await generationReference(payload, generationId) } },
        sort: 'id',
        depth: 0,
      })
    ).docs.map((row) => [row.kind, row.amount])
  const setModels = (settings: Record<string, unknown>) =>
    payload.update({ collection: 'photo-packages', id: packageId, data: { settings }, depth: 0 })
  const request = () => ({
    packageSlug: slug,
    themeId,
    uploadId,
    portraitType: 'single',
    generationSettings: { aspectRatio: '3:4', quality: 'standard' },
  })
  const catalogueRow = (id: string) =>
    payload.findByID({ collection: 'image-models', id, depth: 0, overrideAccess: true })

  beforeAll(async () => {
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    payload = await testPayload()
    await startupProbeDone()
    server = await startRestServer()
    customer = new ApiClient(server.url)
    customerId = (await newCustomer(payload, customer, 'models')).id
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: customerId, amount: 20, reason: 'Test budget' },
    })
    uploadId = (await uploadPhoto(customer, await portraitJpeg())).body.doc.id
    const pkg = await payload.create({
      collection: 'photo-packages',
      data: {
        name: 'Studio Headshots',
        slug,
        category: 'professional',
        imagesPerGeneration: 2,
        isActive: true,
        basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
        settings: { standardQuality: { model: 'gemini-3-pro-image', imageSize: '1K' } },
      },
      depth: 0,
    })
    packageId = pkg.id
    themeId = (
      await payload.create({
        collection: 'package-themes',
        data: { package: packageId, name: 'Grey backdrop', settingPrompt: 'in front of a grey backdrop' },
        depth: 0,
      })
    ).id
  })

  afterAll(async () => {
    // Later files share the database: Google serves everything again and no package names a gone model.
    gemini?.reset()
    await setModels({ standardQuality: { model: null }, fallbackModel: null }).catch(() => undefined)
    await payload
      ?.update({ collection: 'photo-packages', id: packageId, data: { isActive: false } })
      .catch(() => undefined)
    if (payload) await probeImageModels(payload)
    await server?.close()
    await stopGemini?.()
  })

  it("probes every model in use at start: the defaults and each package's models are served", async () => {
    const report = await probeImageModels(payload)
    expect(report.served).toEqual(expect.arrayContaining(['gemini-3.1-flash-image', 'gemini-3-pro-image']))
    expect(report.notServed).toEqual([])
    expect(gemini.modelRequests.some((call) => call.path === '/v1beta/models/gemini-3-pro-image')).toBe(true)
    expect(await catalogueRow('gemini-3-pro-image')).toMatchObject({ status: 'served', lastProbeError: null })
    expect(await modelAlerts(payload)).toEqual([])
  })

  it('Google shuts the model down: the probe marks it, the banner names it and the package, a new shoot is refused (503) holding nothing, a queued one fails with no charge', async () => {
    const before = await balance()
    // Queued while the model was still served (the domain function queues without starting the job).
    const user = (await payload.findByID({ collection: 'users', id: customerId })) as User
    const queued = await requestGeneration(await createLocalReq({ user }, payload), request() as never)
    expect(await balance()).toBe(before - 1)

    gemini.retire('gemini-3-pro-image')
    const report = await probeImageModels(payload)
    expect(report.notServed).toEqual(['gemini-3-pro-image'])
    expect(await catalogueRow('gemini-3-pro-image')).toMatchObject({
      status: 'notServed',
      lastProbeError: expect.stringContaining('models/gemini-3-pro-image is not found'),
    })
    const alerts = await modelAlerts(payload)
    expect(alerts).toEqual([expect.objectContaining({ model: 'gemini-3-pro-image', status: 'notServed' })])
    // It is also the high-quality default, so every package offering high quality is named.
    expect(alerts[0].usedBy).toEqual(
      expect.arrayContaining([
        'Studio Headshots',
        'Wedding Portraits',
        'default (GEMINI_HIGH_QUALITY_MODEL)',
      ]),
    )

    const generationsBefore = (await payload.count({ collection: 'generations' })).totalDocs
    const refused = await customer.post('/api/generate', request())
    expect(refused.status).toBe(503)
    expect(refused.body.error).toBe(
      'Studio Headshots cannot make portraits right now: our image service has stopped offering the model it uses. ' +
        'Nothing was charged and the studio has been alerted; please try again later.',
    )
    expect((await payload.count({ collection: 'generations' })).totalDocs).toBe(generationsBefore)
    expect(await balance()).toBe(before - 1)
    // The package pages stop offering high quality (its model is gone, no fallback), standard stays.
    const offered = async (packageSlug: string) =>
      (
        (await customer.get(`/api/packages/${packageSlug}`)).body.package.qualities as { quality: string }[]
      ).map((option) => option.quality)
    expect(await offered('wedding-portraits')).toEqual(['standard'])

    gemini.reset()
    gemini.retire('gemini-3-pro-image')
    const status = await runGeneration(payload, queued.generationId)
    expect(status).toBe('failed')
    expect(gemini.requests).toHaveLength(0)
    const closed = await payload.findByID({ collection: 'generations', id: queued.generationId, depth: 0 })
    expect(closed).toMatchObject({ creditsRefunded: true })
    expect(closed.errorMessage).toMatch(/no longer offered by our image service\. Your shoots were refunded/)
    expect(await holdsOf(queued.generationId)).toEqual([
      ['hold', -1],
      ['refund', 1],
    ])
    expect(await balance()).toBe(before)
    expect(await ledgerSum(payload, customerId)).toBe(await balance())

    // Served again: the next probe's verdict puts high quality back on the page.
    gemini.reset()
    expect((await probeImageModels(payload)).notServed).toEqual([])
    expect(await offered('wedding-portraits')).toEqual(['standard', 'high'])
    // Back to the shut-down model for the tests below.
    gemini.retire('gemini-3-pro-image')
    expect((await probeImageModels(payload)).notServed).toEqual(['gemini-3-pro-image'])
  })

  it('a package with a fallback model shoots on it, and the shoot and each portrait record the fallback', async () => {
    await setModels({
      standardQuality: { model: 'gemini-3-pro-image', imageSize: '1K' },
      fallbackModel: 'gemini-3.1-flash-image',
    })
    gemini.reset()
    gemini.retire('gemini-3-pro-image')
    const before = await balance()
    const accepted = await customer.post('/api/generate', request())
    expect(accepted.status).toBe(202)
    expect(accepted.body.quality).toEqual({
      quality: 'standard',
      model: 'gemini-3.1-flash-image',
      imageSize: '1K',
      fallbackFrom: 'gemini-3-pro-image',
    })
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('succeeded')
    expect(generation.generationSettings).toMatchObject({
      model: 'gemini-3.1-flash-image',
      fallbackFrom: 'gemini-3-pro-image',
    })
    expect(gemini.requests.map((call) => call.model)).toEqual([
      'gemini-3.1-flash-image',
      'gemini-3.1-flash-image',
    ])
    const { docs: results } = await payload.find({
      collection: 'generation-results',
      where: { generation: { equals: generation.id } },
      depth: 0,
    })
    expect(results).toHaveLength(2)
    for (const result of results) {
      expect(result).toMatchObject({
        model: 'gemini-3.1-flash-image',
        imageSize: '1K',
        fallbackFrom: 'gemini-3-pro-image',
        usage: { promptTokens: 1300, outputTokens: 1290, totalTokens: 2590 },
        costUsd: 0.067,
        priceSource: expect.stringMatching(
          /^https:\/\/docs\.cloud\.google\.com\/\S+3-1-flash-image, 2026-12-06, unverified: \$60 per 1M image output tokens/,
        ),
      })
    }
    expect(await balance()).toBe(before - 1)
  })

  it('a 404 NOT_FOUND mid-run marks the model not served and refunds, not an ordinary failed image', async () => {
    await setModels({
      standardQuality: { model: 'gemini-3.1-flash-image', imageSize: '1K' },
      fallbackModel: null,
    })
    gemini.reset()
    await probeImageModels(payload)
    expect(await catalogueRow('gemini-3.1-flash-image')).toMatchObject({ status: 'served' })
    // Google shuts it down between the last probe and this shoot.
    gemini.retire('gemini-3.1-flash-image')
    const before = await balance()
    const accepted = await customer.post('/api/generate', request())
    expect(accepted.status).toBe(202)
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('failed')
    expect(generation.creditsRefunded).toBe(true)
    expect(generation.errorMessage).toMatch(/no longer offered by our image service/)
    // No retries of a 404: at most one call per image.
    expect(gemini.requests.length).toBeLessThanOrEqual(2)
    expect(await catalogueRow('gemini-3.1-flash-image')).toMatchObject({
      status: 'notServed',
      lastProbeError: expect.stringContaining('HTTP 404'),
    })
    expect(await balance()).toBe(before)
    gemini.reset()
    await probeImageModels(payload)
  })

  it('a package left on a retired id (catalogue status retired) is named on the banner and refused', async () => {
    await setModels({ standardQuality: { model: null }, fallbackModel: null })
    // As a row written before the catalogue existed would be: straight into the column.
    await sqlAdapter(payload).drizzle.execute(
      sql`UPDATE photo_packages SET settings_standard_quality_model_id = 'gemini-3-pro-image-preview' WHERE id = ${packageId}`,
    )
    const alerts = await modelAlerts(payload)
    expect(alerts).toEqual([
      expect.objectContaining({
        model: 'gemini-3-pro-image-preview',
        status: 'retired',
        usedBy: ['Studio Headshots'],
      }),
    ])
    const refused = await customer.post('/api/generate', request())
    expect(refused.status).toBe(503)
  })
})
