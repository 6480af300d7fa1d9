import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { GeminiProvider } from '@/generation/providers/gemini'
import type { GenerateInput, GenerateOutcome } from '@/generation/providers/types'

import {
  FAKE_GEMINI_API_KEY,
  type FakeGemini,
  geminiBehaviours as b,
  startFakeGemini,
} from '../../fakes/geminiServer'
import { photoJpeg } from './samples'

// The real @google/genai SDK against the local fake: every outcome below went over HTTP.
describe('GeminiProvider through the real SDK', () => {
  let fake: FakeGemini
  let provider: GeminiProvider
  let input: GenerateInput

  beforeAll(async () => {
    fake = await startFakeGemini({ portraits: 'flat' })
    provider = new GeminiProvider({
      apiKey: FAKE_GEMINI_API_KEY,
      baseUrl: fake.url,
      timeoutMs: 5_000,
      defaultRetryAfterMs: 1234,
    })
    input = {
      prompt: 'A warm studio portrait',
      image: { data: await photoJpeg(300, 400), mimeType: 'image/jpeg' },
      aspectRatio: '3:4',
      quality: 'standard',
    }
  })
  beforeEach(() => fake.reset())
  afterAll(() => fake.close())

  const expectImage = (outcome: GenerateOutcome) => {
    if (outcome.kind !== 'image') throw new Error(`expected an image, got ${JSON.stringify(outcome)}`)
    return outcome
  }

  it('sends every reference as its own inlineData part, in order, each after its label; high asks the model at 2K', async () => {
    const first = await photoJpeg(300, 400)
    const second = await photoJpeg(320, 400)
    const references = [
      { data: first, mimeType: 'image/jpeg', label: 'Reference photo 1 of 2: person 1 of the couple.' },
      { data: second, mimeType: 'image/jpeg', label: 'Reference photo 2 of 2: person 2 of the couple.' },
    ]
    const outcome = expectImage(
      await provider.generate({
        ...input,
        image: references[0],
        references,
        quality: 'high',
        model: 'gemini-3-pro-image',
        imageSize: '2K',
      }),
    )
    expect(outcome).toMatchObject({ model: 'gemini-3-pro-image', imageSize: '2K' })
    const [request] = fake.requests
    expect(request.model).toBe('gemini-3-pro-image')
    expect(request.body.generationConfig.imageConfig).toEqual({ aspectRatio: '3:4', imageSize: '2K' })
    expect(request.body.contents[0].parts).toEqual([
      { text: references[0].label },
      { inlineData: { mimeType: 'image/jpeg', data: first.toString('base64') } },
      { text: references[1].label },
      { inlineData: { mimeType: 'image/jpeg', data: second.toString('base64') } },
      { text: input.prompt },
    ])
  })

  it('sends the imageSize to a model that makes several sizes, and records it', async () => {
    expect(expectImage(await provider.generate({ ...input, imageSize: '1K' })).imageSize).toBe('1K')
    expect(fake.requests[0].body.generationConfig.imageConfig).toEqual({
      aspectRatio: '3:4',
      imageSize: '1K',
    })
  })

  it('sends one generateContent call in the documented wire shape', async () => {
    expectImage(await provider.generate(input))
    expect(fake.requests).toHaveLength(1)
    const [request] = fake.requests
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/v1beta/models/gemini-3.1-flash-image:generateContent')
    expect(request.apiKey).toBe(FAKE_GEMINI_API_KEY)
    expect(request.headers['x-goog-api-key']).toBe(FAKE_GEMINI_API_KEY)
    expect(request.headers['content-type']).toContain('application/json')
    expect(request.body.contents).toHaveLength(1)
    expect(request.body.contents[0].role).toBe('user')
    const [imagePart, textPart] = request.body.contents[0].parts
    expect(imagePart.inlineData.mimeType).toBe('image/jpeg')
    expect(Buffer.from(imagePart.inlineData.data, 'base64').equals(input.image.data)).toBe(true)
    expect(textPart).toEqual({ text: 'A warm studio portrait' })
    expect(request.body.generationConfig).toEqual({
      candidateCount: 1,
      responseModalities: ['IMAGE'],
      imageConfig: { aspectRatio: '3:4', imageSize: '1K' },
    })
  })

  it('returns the image bytes, mime type, model and token usage', async () => {
    const outcome = expectImage(await provider.generate({ ...input, aspectRatio: '16:9' }))
    expect(outcome.mimeType).toBe('image/png')
    expect(outcome.model).toBe('gemini-3.1-flash-image')
    expect(outcome.usage).toEqual({ promptTokens: 1300, outputTokens: 1290, totalTokens: 2590 })
    const meta = await sharp(outcome.data).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 512, 288])
  })

  it('uses the configured model in the request path', async () => {
    const other = new GeminiProvider({
      apiKey: FAKE_GEMINI_API_KEY,
      baseUrl: fake.url,
      model: 'gemini-3-pro-image',
    })
    const outcome = expectImage(await other.generate(input))
    expect(fake.requests[0].path).toBe('/v1beta/models/gemini-3-pro-image:generateContent')
    expect(outcome.model).toBe('gemini-3-pro-image')
  })

  it('takes the final image and skips interim "thought" images', async () => {
    fake.enqueue(b.image({ withThought: true }))
    const outcome = expectImage(await provider.generate(input))
    const { dominant } = await sharp(outcome.data).stats()
    // The fake draws final images blue and thought drafts orange.
    expect(dominant.b).toBeGreaterThan(150)
    expect(dominant.r).toBeLessThan(100)
  })

  it('maps a blocked prompt to blocked with a plain-words message', async () => {
    fake.enqueue(b.promptBlocked('PROHIBITED_CONTENT'))
    const outcome = await provider.generate(input)
    expect(outcome).toEqual({
      kind: 'blocked',
      reason: 'PROHIBITED_CONTENT',
      message:
        "The request was blocked by the provider's safety filter before any image was made (PROHIBITED_CONTENT).",
    })
  })

  it('maps IMAGE_SAFETY to blocked', async () => {
    fake.enqueue(b.imageSafety())
    expect(await provider.generate(input)).toEqual({
      kind: 'blocked',
      reason: 'IMAGE_SAFETY',
      message: "The image was blocked by the provider's safety filter (IMAGE_SAFETY).",
    })
  })

  it.each([
    'IMAGE_PROHIBITED_CONTENT',
    'PROHIBITED_CONTENT',
    'SAFETY',
    'BLOCKLIST',
    'SPII',
    'IMAGE_RECITATION',
    'RECITATION',
  ])('maps the safety verdict %s to blocked', async (reason) => {
    fake.enqueue(b.finishBlocked(reason))
    const outcome = await provider.generate(input)
    expect(outcome).toMatchObject({ kind: 'blocked', reason })
    if (outcome.kind === 'blocked') expect(outcome.message).toMatch(new RegExp(`^The .+ \\(${reason}\\)\\.$`))
  })

  it.each(['NO_IMAGE', 'IMAGE_OTHER', 'OTHER'])(
    'maps finishReason %s to "no image this time", not a safety block',
    async (reason) => {
      fake.enqueue(b.finishBlocked(reason))
      expect(await provider.generate(input)).toEqual({
        kind: 'noImage',
        reason,
        message: `The image model returned no image this time (${reason}).`,
      })
    },
  )

  it('maps a text-only STOP answer to "no image this time"', async () => {
    fake.enqueue(b.textOnly('Sure, here it is:'))
    expect(await provider.generate(input)).toEqual({
      kind: 'noImage',
      reason: 'STOP',
      message: 'The image model returned no image this time (it answered with text only).',
    })
  })

  it('maps `candidates: []` to "no image this time"', async () => {
    fake.enqueue(b.emptyCandidates())
    expect(await provider.generate(input)).toMatchObject({ kind: 'noImage', reason: 'EMPTY' })
  })

  it('ignores thoughtSignature on the image part', async () => {
    expectImage(await provider.generate(input))
    expect(fake.requests).toHaveLength(1)
  })

  it('reads an error body wrapped in an array (RetryInfo and message)', async () => {
    fake.enqueue(b.inArray(b.rateLimited('1.5s')), b.inArray(b.badRequest('Bad thing')))
    expect(await provider.generate(input)).toMatchObject({
      kind: 'retryable',
      status: 429,
      retryAfterMs: 1500,
    })
    expect(await provider.generate(input)).toEqual({
      kind: 'failed',
      message: 'The image service refused the request (HTTP 400): Bad thing',
    })
  })

  it('is refused (400, failed) for an aspect ratio outside the documented list', async () => {
    const outcome = await provider.generate({ ...input, aspectRatio: '7:5' as never })
    expect(outcome).toEqual({
      kind: 'failed',
      message: 'The image service refused the request (HTTP 400): Unsupported aspect ratio: 7:5.',
    })
  })

  it('maps an unexpected stop without an image to failed', async () => {
    fake.enqueue(b.finishBlocked('MAX_TOKENS'))
    expect(await provider.generate(input)).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('MAX_TOKENS'),
    })
  })

  it.each([
    ['15s', 15_000],
    ['1.5s', 1_500],
    ['0.200s', 200],
  ])('maps 429 with RetryInfo %s to retryable after %i ms', async (retryDelay, expected) => {
    fake.enqueue(b.rateLimited(retryDelay))
    expect(await provider.generate(input)).toMatchObject({
      kind: 'retryable',
      status: 429,
      retryAfterMs: expected,
    })
  })

  it('falls back to the default backoff for 429 without RetryInfo, 500 and 503', async () => {
    fake.enqueue(b.rateLimited(null), b.internal(), b.overloaded())
    expect(await provider.generate(input)).toMatchObject({
      kind: 'retryable',
      status: 429,
      retryAfterMs: 1234,
    })
    expect(await provider.generate(input)).toMatchObject({
      kind: 'retryable',
      status: 500,
      retryAfterMs: 1234,
    })
    expect(await provider.generate(input)).toMatchObject({
      kind: 'retryable',
      status: 503,
      retryAfterMs: 1234,
      message: expect.stringContaining('overloaded'),
    })
  })

  it('maps 400 to failed, with the service message', async () => {
    fake.enqueue(b.badRequest('Unsupported MIME type: image/x-nope'))
    expect(await provider.generate(input)).toEqual({
      kind: 'failed',
      message: 'The image service refused the request (HTTP 400): Unsupported MIME type: image/x-nope',
    })
  })

  it('maps 404 NOT_FOUND for a retired model to modelNotServed, naming the model (not an ordinary failure)', async () => {
    const outcome = await provider.generate({ ...input, model: 'gemini-2.5-flash-image' })
    expect(outcome).toEqual({
      kind: 'modelNotServed',
      model: 'gemini-2.5-flash-image',
      message: expect.stringMatching(
        /does not serve gemini-2\.5-flash-image \(HTTP 404\): models\/gemini-2\.5-flash-image is not found/,
      ),
    })
  })

  it('probes a model with models.get: served, not served (404), or no verdict when the service does not answer', async () => {
    expect(await provider.probeModel('gemini-3-pro-image')).toEqual({ kind: 'served' })
    expect(await provider.probeModel('gemini-3-pro-image-preview')).toEqual({
      kind: 'notServed',
      message: expect.stringContaining('models/gemini-3-pro-image-preview is not found'),
    })
    expect(fake.modelRequests.map((request) => [request.method, request.path])).toEqual([
      ['GET', '/v1beta/models/gemini-3-pro-image'],
      ['GET', '/v1beta/models/gemini-3-pro-image-preview'],
    ])
    const dead = await startFakeGemini()
    await dead.close()
    const unreachable = new GeminiProvider({ apiKey: FAKE_GEMINI_API_KEY, baseUrl: dead.url })
    expect(await unreachable.probeModel('gemini-3-pro-image')).toMatchObject({ kind: 'unknown' })
  })

  it('maps a wrong API key to failed', async () => {
    const wrongKey = new GeminiProvider({ apiKey: 'not-the-key', baseUrl: fake.url })
    expect(await wrongKey.generate(input)).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('API key not valid'),
    })
  })

  it.each(['truncated', 'html'] as const)('maps a malformed 200 answer (%s) to failed', async (variant) => {
    fake.enqueue(b.malformedJson(variant))
    expect(await provider.generate(input)).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('unreadable'),
    })
  })

  it('maps a dropped connection to retryable', async () => {
    fake.enqueue(b.disconnect())
    expect(await provider.generate(input)).toMatchObject({
      kind: 'retryable',
      retryAfterMs: 1234,
      message: expect.stringContaining('Could not reach'),
    })
  })

  it('maps an unreachable service to retryable', async () => {
    const dead = await startFakeGemini()
    const url = dead.url
    await dead.close()
    const offline = new GeminiProvider({ apiKey: FAKE_GEMINI_API_KEY, baseUrl: url })
    expect(await offline.generate(input)).toMatchObject({
      kind: 'retryable',
      message: expect.stringContaining('Could not reach'),
    })
  })

  it('gives up at its timeout and reports retryable', async () => {
    const impatient = new GeminiProvider({ apiKey: FAKE_GEMINI_API_KEY, baseUrl: fake.url, timeoutMs: 200 })
    fake.enqueue(b.slow(3_000))
    const started = performance.now()
    const outcome = await impatient.generate(input)
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(outcome).toMatchObject({
      kind: 'retryable',
      message: 'The image service did not answer within 200 ms.',
    })
  })

  it('stops when the caller aborts, and reports the cancel as retryable', async () => {
    fake.enqueue(b.slow(3_000))
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const started = performance.now()
    const outcome = await provider.generate({ ...input, signal: controller.signal })
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(outcome).toEqual({
      kind: 'retryable',
      retryAfterMs: 0,
      message: 'The image request was cancelled before the service answered.',
    })
  })

  it('does not call the service at all with an already aborted signal', async () => {
    const outcome = await provider.generate({ ...input, signal: AbortSignal.abort() })
    expect(outcome).toMatchObject({ kind: 'retryable', retryAfterMs: 0 })
    expect(fake.requests).toHaveLength(0)
  })

  it('defaults to gemini-3.1-flash-image and a 120 s timeout', () => {
    const defaults = new GeminiProvider({ apiKey: 'k' })
    expect(defaults.model).toBe('gemini-3.1-flash-image')
    expect(defaults.isPreview).toBe(false)
    expect(defaults.name).toBe('gemini')
    expect(() => new GeminiProvider({ apiKey: '' })).toThrow(/API key/)
  })
})
