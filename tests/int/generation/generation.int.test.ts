import type { Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { type FakeGemini, geminiBehaviours } from '../../fakes/geminiServer'
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

/** A customer's photo becomes stored portraits, through the real REST path and the real Gemini SDK. */
describe('generating portraits', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let gemini: FakeGemini
  let stopGemini: (() => Promise<void>) | undefined
  let customer: ApiClient
  let customerId: number
  let uploadId: number
  let wedding: { id: number; themes: { id: number; name: string; isPremium: boolean }[] }

  beforeAll(async () => {
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    payload = await testPayload()
    server = await startRestServer()
    customer = new ApiClient(server.url)
    customerId = (await newCustomer(payload, customer, 'gen')).id
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: customerId, amount: 40, reason: 'Test budget' },
    })
    const upload = await uploadPhoto(customer, await portraitJpeg())
    expect(upload.status).toBe(201)
    uploadId = upload.body.doc.id
    wedding = (await new ApiClient(server.url).get('/api/packages/wedding-portraits')).body.package
  })

  afterAll(async () => {
    await server?.close()
    await stopGemini?.()
  })

  beforeEach(() => {
    gemini.setDefault({ kind: 'image', withThought: true })
  })

  const standardTheme = () => wedding.themes.find((t) => !t.isPremium)!
  const request = (overrides: Record<string, unknown> = {}) => ({
    packageSlug: 'wedding-portraits',
    themeId: standardTheme().id,
    uploadId,
    portraitType: 'single',
    customPrompt: 'Add a {theme} sign and a vintage car',
    generationSettings: { aspectRatio: '4:3', quality: 'standard' },
    ...overrides,
  })

  it('holds one shoot, makes three private WebP portraits with Gemini, then charges the hold', async () => {
    const before = (await payload.findByID({ collection: 'users', id: customerId })).shootCredits ?? 0
    const accepted = await customer.post('/api/generate', request())
    expect(accepted.status).toBe(202)
    expect(accepted.body).toMatchObject({
      imageCount: 3,
      shootCost: 1,
      balance: before - 1,
      isPreview: false,
    })
    expect(accepted.body.packageInfo.slug).toBe('wedding-portraits')
    expect(accepted.body.themeInfo.id).toBe(standardTheme().id)
    expect(accepted.body.estimatedProcessingTime).toBeGreaterThan(0)

    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('succeeded')

    const status = await customer.get(`/api/generations/${accepted.body.generationId}`)
    expect(status.status).toBe(200)
    const view = status.body.generation
    expect(view.progress).toBe(100)
    expect(view.images.map((i: any) => i.state)).toEqual(['succeeded', 'succeeded', 'succeeded'])
    expect(view.results).toHaveLength(3)

    // The customer's text stayed literal in the prompt, and the wire format was Gemini's.
    const sent = gemini.requests.at(-1)!.body
    expect(sent.generationConfig).toMatchObject({
      responseModalities: ['IMAGE'],
      imageConfig: { aspectRatio: '4:3' },
      candidateCount: 1,
    })
    expect(sent.contents[0].parts[1].text).toContain('Add a {theme} sign and a vintage car')

    const file = await fetch(`${server.url}${view.results[0]}`, {
      headers: { authorization: `JWT ${customer.token}` },
    })
    expect(file.status).toBe(200)
    expect((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).format).toBe('webp')
    expect(view.images[0].thumbnailUrl).toMatch(/256x256/)

    const user = await payload.findByID({ collection: 'users', id: customerId })
    expect(user.shootCredits).toBe(before - 1)
    expect(await ledgerSum(payload, customerId)).toBe(user.shootCredits)
    const rows = await payload.find({
      collection: 'credit-ledger',
      where: { reference: { equals: await generationReference(payload, accepted.body.generationId) } },
      sort: 'createdAt',
    })
    expect(rows.docs.map((r) => [r.kind, r.amount])).toEqual([
      ['hold', -1],
      ['charge', 0],
    ])
    const analytics = await payload.find({
      collection: 'package-analytics',
      where: { generation: { equals: accepted.body.generationId } },
    })
    expect(analytics.docs[0]).toMatchObject({ imagesGenerated: 3, successRate: 1, provider: 'gemini' })
    // Three 1K images of gemini-3.1-flash-image at the catalogue's $0.067 each.
    expect(analytics.docs[0].estimatedCostCents).toBeCloseTo(20.1)
  })

  it('keeps results private: another customer gets 404 on the status and 403 on the files', async () => {
    const accepted = await customer.post('/api/generate', request())
    await waitForGeneration(payload, accepted.body.generationId)
    const view = (await customer.get(`/api/generations/${accepted.body.generationId}`)).body.generation
    const stranger = new ApiClient(server.url)
    await newCustomer(payload, stranger, 'stranger')
    expect((await stranger.get(`/api/generations/${accepted.body.generationId}`)).status).toBe(404)
    expect((await stranger.get(`/api/generations/${accepted.body.generationId}/download`)).status).toBe(404)
    const file = await fetch(`${server.url}${view.results[0]}`, {
      headers: { authorization: `JWT ${stranger.token}` },
    })
    expect([403, 404]).toContain(file.status)
    const anonymousFile = await fetch(`${server.url}${view.results[0]}`)
    expect([401, 403, 404]).toContain(anonymousFile.status)
    expect(
      (await new ApiClient(server.url).get(`/api/generations/${accepted.body.generationId}`)).status,
    ).toBe(401)
  })

  it('refunds the hold in full when every image is blocked, and says so in plain words', async () => {
    gemini.setDefault({ kind: 'finishBlocked', reason: 'IMAGE_SAFETY' })
    const before = (await payload.findByID({ collection: 'users', id: customerId })).shootCredits
    const accepted = await customer.post('/api/generate', request())
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('blocked')
    expect(generation.creditsRefunded).toBe(true)
    const view = (await customer.get(`/api/generations/${accepted.body.generationId}`)).body.generation
    expect(view.message).toMatch(/safety/i)
    expect(view.message).toMatch(/refunded/i)
    expect(view.images[0].error).toMatch(/safety filter/)
    expect((await payload.findByID({ collection: 'users', id: customerId })).shootCredits).toBe(before)
    expect(await ledgerSum(payload, customerId)).toBe(before)
  })

  it('retries a text-only answer and delivers every portrait (no image is not a safety verdict)', async () => {
    gemini.setDefault({ kind: 'image' })
    gemini.enqueue(...geminiBehaviours.textThenImage(), ...geminiBehaviours.textThenImage())
    const accepted = await customer.post('/api/generate', request())
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('succeeded')
    expect((generation.images ?? []).map((i) => i.state)).toEqual(['succeeded', 'succeeded', 'succeeded'])
    expect(gemini.requests.filter((r) => r.receivedAt >= Date.parse(generation.createdAt))).toHaveLength(5)
  })

  it('words "no image" answers neutrally, refunds, and does not count them as safety blocks', async () => {
    gemini.setDefault(geminiBehaviours.finishBlocked('NO_IMAGE'))
    gemini.enqueue(
      geminiBehaviours.finishBlocked('IMAGE_OTHER'),
      geminiBehaviours.emptyCandidates(),
      geminiBehaviours.textOnly(),
    )
    const before = (await payload.findByID({ collection: 'users', id: customerId })).shootCredits
    const accepted = await customer.post('/api/generate', request())
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('failed')
    expect((generation.images ?? []).map((i) => [i.state, i.attempts])).toEqual([
      ['failed', 3],
      ['failed', 3],
      ['failed', 3],
    ])
    const view = (await customer.get(`/api/generations/${accepted.body.generationId}`)).body.generation
    expect(view.message).toMatch(/refunded/i)
    expect(view.message).not.toMatch(/safety/i)
    for (const image of view.images) expect(image.error).not.toMatch(/safety|blocked/i)
    expect((await payload.findByID({ collection: 'users', id: customerId })).shootCredits).toBe(before)
    const analytics = await payload.find({
      collection: 'package-analytics',
      where: { generation: { equals: accepted.body.generationId } },
    })
    expect(analytics.docs[0].status).not.toBe('blocked')
  })

  it('retries 429 and 503 answers and charges when at least one image arrives', async () => {
    gemini.setDefault({ kind: 'image' })
    // image 1: 429 then image; image 2: 503 three times; image 3: image
    gemini.enqueue({ kind: 'rateLimited', retryDelay: '0.2s' }, { kind: 'overloaded' }, { kind: 'image' })
    gemini.enqueue({ kind: 'overloaded' }, { kind: 'image' }, { kind: 'overloaded' })
    const accepted = await customer.post('/api/generate', request())
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    const states = (generation.images ?? []).map((i) => i.state).sort()
    expect(states.filter((s) => s === 'succeeded').length).toBeGreaterThanOrEqual(1)
    expect(generation.creditsRefunded).toBe(false)
    expect(generation.images?.some((i) => (i.attempts ?? 0) >= 2)).toBe(true)
  })

  it('gives up on an image after three tries and refunds when none could be made', async () => {
    gemini.setDefault({ kind: 'overloaded' })
    const before = (await payload.findByID({ collection: 'users', id: customerId })).shootCredits
    const accepted = await customer.post('/api/generate', request())
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('failed')
    expect((generation.images ?? []).map((i) => i.attempts)).toEqual([3, 3, 3])
    expect(generation.creditsRefunded).toBe(true)
    expect((await payload.findByID({ collection: 'users', id: customerId })).shootCredits).toBe(before)
  })

  it('costs premium themes settings.premiumShootCost shoots', async () => {
    const premium = wedding.themes.find((t) => t.isPremium)!
    const accepted = await customer.post('/api/generate', request({ themeId: premium.id }))
    expect(accepted.status).toBe(202)
    expect(accepted.body.shootCost).toBe(2)
    await waitForGeneration(payload, accepted.body.generationId)
  })

  it('lets the owner rate once, 1 to 5, and download a ZIP of the portraits', async () => {
    const accepted = await customer.post('/api/generate', request())
    const id = accepted.body.generationId
    await waitForGeneration(payload, id)
    expect((await customer.post(`/api/generations/${id}/rating`, { rating: 6 })).status).toBe(400)
    expect((await customer.post(`/api/generations/${id}/rating`, { rating: 'five' })).status).toBe(400)
    const rated = await customer.post(`/api/generations/${id}/rating`, { rating: 5 })
    expect(rated.status).toBe(200)
    expect((await customer.post(`/api/generations/${id}/rating`, { rating: 4 })).status).toBe(409)
    const analytics = await payload.find({
      collection: 'package-analytics',
      where: { generation: { equals: id } },
    })
    expect(analytics.docs[0].rating).toBe(5)
    const zip = await fetch(`${server.url}/api/generations/${id}/download`, {
      headers: { authorization: `JWT ${customer.token}` },
    })
    expect(zip.status).toBe(200)
    expect(zip.headers.get('content-type')).toBe('application/zip')
    const bytes = Buffer.from(await zip.arrayBuffer())
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    expect(bytes.toString('latin1').match(/portrait-\d\.webp/g)?.length).toBeGreaterThanOrEqual(3)
  })

  it('streams progress as server-sent events until the generation closes', async () => {
    gemini.setLatency(200)
    const accepted = await customer.post('/api/generate', request())
    const response = await fetch(`${server.url}/api/generations/${accepted.body.generationId}/events`, {
      headers: { authorization: `JWT ${customer.token}` },
    })
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/)
    const text = await response.text()
    gemini.setLatency(0)
    const events = text.split('\n\n').filter((chunk) => chunk.startsWith('event: status'))
    expect(events.length).toBeGreaterThanOrEqual(2)
    const last = JSON.parse(events.at(-1)!.split('data: ')[1])
    expect(last.progress).toBe(100)
    expect(last.status).toBe('succeeded')
  })
})
