import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { GeminiProvider } from '@/generation/providers/gemini'
import { OfflineProvider, outputSize } from '@/generation/providers/offline'
import type { GenerateInput } from '@/generation/providers/types'

import { FAKE_GEMINI_API_KEY, type FakeGemini, startFakeGemini } from '../../fakes/geminiServer'
import { portraitJpeg } from '../../support/images'

describe('GeminiProvider against a local Gemini speaking the wire format', () => {
  let fake: FakeGemini
  let provider: GeminiProvider
  let input: GenerateInput

  beforeAll(async () => {
    fake = await startFakeGemini()
    provider = new GeminiProvider({ apiKey: FAKE_GEMINI_API_KEY, baseUrl: fake.url, timeoutMs: 2000 })
    input = { prompt: 'A portrait', image: { data: await portraitJpeg(200, 250), mimeType: 'image/jpeg' }, aspectRatio: '3:4', quality: 'standard' }
  })
  afterAll(() => fake.close())

  it('sends one generateContent call with the photo inline, the prompt, IMAGE modality and the aspect ratio', async () => {
    const outcome = await provider.generate(input)
    expect(outcome.kind).toBe('image')
    const request = fake.requests.at(-1)!
    expect(request.path).toBe('/v1beta/models/gemini-2.5-flash-image:generateContent')
    expect(request.apiKey).toBe(FAKE_GEMINI_API_KEY)
    expect(request.body.contents[0].parts[0].inlineData.mimeType).toBe('image/jpeg')
    expect(request.body.contents[0].parts[1].text).toBe('A portrait')
    expect(request.body.generationConfig).toMatchObject({ candidateCount: 1, responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '3:4' } })
  })

  it('takes the final image, not an interim "thought" image', async () => {
    fake.enqueue({ kind: 'image', withThought: true })
    const outcome = await provider.generate(input)
    if (outcome.kind !== 'image') throw new Error(outcome.kind)
    const { dominant } = await sharp(outcome.data).stats()
    expect(dominant.b).toBeGreaterThan(150) // the fake's final image is blue; its thought image is not
  })

  it('maps safety blocks and text-only answers to blocked', async () => {
    fake.enqueue({ kind: 'promptBlocked', reason: 'PROHIBITED_CONTENT' }, { kind: 'finishBlocked', reason: 'IMAGE_SAFETY' }, { kind: 'textOnly' })
    expect(await provider.generate(input)).toMatchObject({ kind: 'blocked', reason: 'PROHIBITED_CONTENT' })
    expect(await provider.generate(input)).toMatchObject({ kind: 'blocked', reason: 'IMAGE_SAFETY' })
    expect(await provider.generate(input)).toMatchObject({ kind: 'blocked', reason: 'NO_IMAGE' })
  })

  it('maps 429 (with RetryInfo), 500 and 503 to retryable, and 400 or malformed JSON to failed', async () => {
    fake.enqueue({ kind: 'rateLimited', retryDelay: '15s' }, { kind: 'internal' }, { kind: 'overloaded' }, { kind: 'badRequest' }, { kind: 'malformedJson' })
    expect(await provider.generate(input)).toMatchObject({ kind: 'retryable', status: 429, retryAfterMs: 15000 })
    expect(await provider.generate(input)).toMatchObject({ kind: 'retryable', status: 500 })
    expect(await provider.generate(input)).toMatchObject({ kind: 'retryable', status: 503 })
    expect(await provider.generate(input)).toMatchObject({ kind: 'failed' })
    expect(await provider.generate(input)).toMatchObject({ kind: 'failed' })
  })

  it('treats a slow answer past the timeout as retryable', async () => {
    fake.enqueue({ kind: 'slow', ms: 3000 })
    expect(await provider.generate(input)).toMatchObject({ kind: 'retryable' })
  })
})

describe('OfflineProvider', () => {
  it('renders a deterministic, labelled preview at the requested aspect ratio', async () => {
    const provider = new OfflineProvider()
    const photo = { data: await portraitJpeg(), mimeType: 'image/jpeg' }
    const hints = { themeName: 'Garden <Romance> & "Co"', palette: ['#f7e1d7', '#b0c4b1'], variant: 1 }
    const first = await provider.generate({ prompt: '', image: photo, aspectRatio: '16:9', quality: 'standard', hints })
    const second = await provider.generate({ prompt: '', image: photo, aspectRatio: '16:9', quality: 'standard', hints })
    if (first.kind !== 'image' || second.kind !== 'image') throw new Error('no image')
    expect(first.data.equals(second.data)).toBe(true)
    const meta = await sharp(first.data).metadata()
    expect([meta.width, meta.height]).toEqual([1024, 576])
    expect(provider.isPreview).toBe(true)
    expect(outputSize('9:16', 'high')).toEqual({ width: 864, height: 1536 })
  })
})
