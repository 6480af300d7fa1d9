import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadAnalyticsReport } from '@/analytics/report'
import { resolvePeriod } from '@/analytics/period'
import { refreshAnalyticsRollups } from '@/analytics/rollup'

import type { FakeGemini } from '../../fakes/geminiServer'
import { type FaceFixture, faceFixture } from '../../fixtures/make-face-fixtures'
import { ApiClient } from '../../support/clients/client'
import { startGeminiForApp } from '../../support/app/fakesForApp'
import { newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/** Several reference photos and the high quality, through REST, the real Gemini SDK and the fake Gemini. */
describe('a shoot from several photos, and high quality', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let gemini: FakeGemini
  let stopGemini: (() => Promise<void>) | undefined
  let customer: ApiClient
  let customerId: number
  let partner1: number
  let partner2: number
  let themeId: number

  const balance = async () =>
    (await payload.findByID({ collection: 'users', id: customerId })).shootCredits ?? 0

  beforeAll(async () => {
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    payload = await testPayload()
    server = await startRestServer()
    customer = new ApiClient(server.url)
    customerId = (await newCustomer(payload, customer, 'refs')).id
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: customerId, amount: 20, reason: 'Test budget' },
    })
    // Two different people: different sizes, so each part on the wire can be told apart.
    // Two different people (the shoot refuses two photos of one person as a couple).
    const partner = (name: FaceFixture, width: number) =>
      sharp(faceFixture(name)).resize(width, 1000, { fit: 'cover' }).jpeg().toBuffer()
    partner1 = (await uploadPhoto(customer, await partner('astronaut.jpg', 800), 'anna.jpg')).body.doc.id
    partner2 = (await uploadPhoto(customer, await partner('hopper.jpg', 600), 'ben.jpg')).body.doc.id
    const wedding = (await new ApiClient(server.url).get('/api/packages/wedding-portraits')).body.package
    themeId = wedding.themes.find((theme: { isPremium: boolean }) => !theme.isPremium).id
  })

  afterAll(async () => {
    await server?.close()
    await stopGemini?.()
  })

  const request = (overrides: Record<string, unknown> = {}) => ({
    packageSlug: 'wedding-portraits',
    themeId,
    uploadIds: [partner1, partner2],
    referenceRoles: ['person-1', 'person-2'],
    portraitType: 'couple',
    generationSettings: { aspectRatio: '3:4', quality: 'standard' },
    ...overrides,
  })
  const sizeOf = async (base64: string) => {
    const { width, height } = await sharp(Buffer.from(base64, 'base64')).metadata()
    return `${width}x${height}`
  }

  it('a couple from two separate photos: both photos go to Gemini in order, each labelled, and the prompt names them', async () => {
    gemini.reset()
    const accepted = await customer.post('/api/generate', request())
    expect(accepted.status).toBe(202)
    expect(accepted.body).toMatchObject({
      shootCost: 1,
      referenceCount: 2,
      quality: { quality: 'standard', model: 'gemini-3.1-flash-image', imageSize: '1K' },
    })
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('succeeded')
    expect(generation.references?.map((row) => [row.upload, row.role])).toEqual([
      [partner1, 'person-1'],
      [partner2, 'person-2'],
    ])

    expect(gemini.requests).toHaveLength(3)
    for (const sent of gemini.requests) {
      expect(sent.model).toBe('gemini-3.1-flash-image')
      expect(sent.body.generationConfig.imageConfig).toEqual({ aspectRatio: '3:4', imageSize: '1K' })
      const parts = sent.body.contents[0].parts
      expect(parts.map((part: any) => Object.keys(part)[0])).toEqual([
        'text',
        'inlineData',
        'text',
        'inlineData',
        'text',
      ])
      expect(parts[0].text).toBe('Reference photo 1 of 2: person 1 of the couple.')
      expect(parts[2].text).toBe('Reference photo 2 of 2: person 2 of the couple.')
      expect(await sizeOf(parts[1].inlineData.data)).toBe('800x1000')
      expect(await sizeOf(parts[3].inlineData.data)).toBe('600x1000')
      expect(parts[4].text).toContain(
        'Reference photos, in the order attached: the first reference photo is person 1 of the couple; ' +
          'the second reference photo is person 2 of the couple.',
      )
      expect(parts[4].text).toContain('exactly two people, the couple from the reference photos')
    }
  })

  it('a high shoot asks the high-quality model at 2K, costs what the package page says, and each portrait records it', async () => {
    gemini.reset()
    const page = (await new ApiClient(server.url).get('/api/packages/wedding-portraits')).body.package
    const high = page.qualities.find((option: { quality: string }) => option.quality === 'high')
    expect(high).toMatchObject({
      model: 'gemini-3-pro-image',
      imageSize: '2K',
      costFactor: 2,
      maxReferencePhotos: 5,
    })
    const before = await balance()
    const accepted = await customer.post(
      '/api/generate',
      request({ generationSettings: { aspectRatio: '3:4', quality: 'high' } }),
    )
    expect(accepted.status).toBe(202)
    expect(accepted.body.shootCost).toBe(high.costFactor * 1)
    expect(accepted.body.balance).toBe(before - high.costFactor)
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('succeeded')
    for (const sent of gemini.requests) {
      expect(sent.model).toBe('gemini-3-pro-image')
      expect(sent.body.generationConfig.imageConfig).toEqual({ aspectRatio: '3:4', imageSize: '2K' })
    }
    const view = (await customer.get(`/api/generations/${accepted.body.generationId}`)).body.generation
    expect(view.quality).toEqual({ quality: 'high', model: 'gemini-3-pro-image', imageSize: '2K' })
    expect(view.images.map((image: any) => [image.model, image.imageSize])).toEqual(
      Array(3).fill(['gemini-3-pro-image', '2K']),
    )
    expect(await balance()).toBe(before - high.costFactor)

    // The admin's analytics say which model and size made the package's portraits (once rolled up).
    await refreshAnalyticsRollups(payload)
    const report = await loadAnalyticsReport(payload, {
      period: resolvePeriod({ timeframe: '7d' }),
      packageId: page.id,
    })
    const highRow = report.imageModels.find(
      (row) => row.model === 'gemini-3-pro-image' && row.imageSize === '2K',
    )
    expect(highRow?.portraits).toBeGreaterThanOrEqual(3)
  })

  it('an iPhone HEIC photo is stored as a clean JPEG and can be a reference', async () => {
    const heic = await readFile(
      path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/portrait.heic'),
    )
    const uploaded = await uploadPhoto(customer, heic, 'IMG_0001.HEIC', 'image/heic')
    expect(uploaded.status).toBe(201)
    expect(uploaded.body.doc).toMatchObject({
      mimeType: 'image/jpeg',
      width: 800,
      height: 1000,
      filename: expect.stringMatching(/^IMG_0001.*\.jpg$/),
    })
    const accepted = await customer.post(
      '/api/generate',
      // The photo shows one person: it is person 2 beside Anna (as a couple photo it is refused, shootFaces.int).
      request({ uploadIds: [partner1, uploaded.body.doc.id] }),
    )
    expect(accepted.status).toBe(202)
    expect((await waitForGeneration(payload, accepted.body.generationId)).status).toBe('succeeded')
  })

  it('refuses, holding nothing: another customer’s photo (404), too many photos for the model (400), roles that miss a person (400)', async () => {
    const stranger = new ApiClient(server.url)
    await newCustomer(payload, stranger, 'stranger')
    const theirs = (await uploadPhoto(stranger, await portraitJpeg(640, 800))).body.doc.id
    const before = await balance()
    const generationsBefore = (await payload.count({ collection: 'generations' })).totalDocs

    const notMine = await customer.post('/api/generate', request({ uploadIds: [partner1, theirs] }))
    expect(notMine.status).toBe(404)
    expect(notMine.body.error).toBe(`Photo 2 (id ${theirs}) is not among your uploads.`)

    // One after the other, each with its own name: parallel uploads of one file name race on Payload's renaming.
    const four: number[] = []
    for (const name of ['c.jpg', 'd.jpg', 'e.jpg'])
      four.push((await uploadPhoto(customer, await portraitJpeg(700, 900), name)).body.doc.id)
    // gemini-3.1-flash-image keeps 4 people consistent (Google's model page).
    const tooMany = await customer.post(
      '/api/generate',
      request({
        uploadIds: [partner1, partner2, ...four],
        referenceRoles: ['person-1', 'person-2', 'couple', 'couple', 'couple'],
      }),
    )
    expect(tooMany.status).toBe(400)
    expect(tooMany.body).toMatchObject({
      field: 'uploadIds',
      error: 'Wedding Portraits takes at most 4 photos per standard shoot (5 given).',
    })
    // The form limits photos by the number the package page gives the chosen quality: the same 4
    // (it showed the package's 5 in the upload step, a fresh tester's finding); 5 is the most of any quality.
    const page = (await new ApiClient(server.url).get('/api/packages/wedding-portraits')).body.package
    const limits = Object.fromEntries(
      page.qualities.map((option: { quality: string; maxReferencePhotos: number }) => [
        option.quality,
        option.maxReferencePhotos,
      ]),
    )
    expect({ page: page.maxReferencePhotos, ...limits }).toEqual({ page: 5, standard: 4, high: 5 })

    const missing = await customer.post(
      '/api/generate',
      request({ referenceRoles: ['person-1', 'person-1'] }),
    )
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({
      field: 'referenceRoles',
      error: 'Mark one photo as person 1 and one as person 2.',
    })

    const mixed = await customer.post('/api/generate', request({ uploadId: partner1 }))
    expect(mixed.status).toBe(400)
    expect(mixed.body.field).toBe('uploadIds')

    expect(await balance()).toBe(before)
    expect((await payload.count({ collection: 'generations' })).totalDocs).toBe(generationsBefore)
  })
})
