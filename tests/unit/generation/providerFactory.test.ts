import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createImageProvider, GeminiProvider, OfflineProvider } from '@/generation/providers'

import { FAKE_GEMINI_API_KEY, type FakeGemini, startFakeGemini } from '../../fakes/geminiServer'
import { photoJpeg } from './samples'

describe('createImageProvider', () => {
  let fake: FakeGemini
  let photo: Buffer

  beforeAll(async () => {
    fake = await startFakeGemini()
    photo = await photoJpeg(200, 200)
  })
  afterAll(() => fake.close())

  const generateWith = (env: Record<string, string | undefined>) =>
    createImageProvider(env).generate({
      prompt: 'p',
      image: { data: photo, mimeType: 'image/jpeg' },
      aspectRatio: '1:1',
      quality: 'standard',
    })

  it('is the offline renderer without GEMINI_API_KEY (or with a blank one)', () => {
    for (const env of [{}, { GEMINI_API_KEY: '' }, { GEMINI_API_KEY: '   ' }]) {
      const provider = createImageProvider(env)
      expect(provider).toBeInstanceOf(OfflineProvider)
      expect(provider.isPreview).toBe(true)
    }
  })

  it('is Gemini with a key, on the default model', () => {
    const provider = createImageProvider({ GEMINI_API_KEY: 'k' })
    expect(provider).toBeInstanceOf(GeminiProvider)
    expect((provider as GeminiProvider).model).toBe('gemini-3.1-flash-image')
    expect(provider.isPreview).toBe(false)
  })

  it('sends to GEMINI_BASE_URL with GEMINI_IMAGE_MODEL', async () => {
    fake.requests.length = 0
    const outcome = await generateWith({
      GEMINI_API_KEY: FAKE_GEMINI_API_KEY,
      GEMINI_BASE_URL: fake.url,
      GEMINI_IMAGE_MODEL: 'gemini-3.1-flash-image',
    })
    expect(outcome.kind).toBe('image')
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/v1beta/models/gemini-3.1-flash-image:generateContent',
    ])
  })

  it('also accepts the SDK-style GOOGLE_GEMINI_BASE_URL', async () => {
    fake.requests.length = 0
    const outcome = await generateWith({
      GEMINI_API_KEY: FAKE_GEMINI_API_KEY,
      GOOGLE_GEMINI_BASE_URL: fake.url,
    })
    expect(outcome.kind).toBe('image')
    expect(fake.requests).toHaveLength(1)
  })
})
