import { describe, expect, it } from 'vitest'

import {
  DEFAULT_HIGH_QUALITY_MODEL,
  DEFAULT_STANDARD_MODEL,
  IMAGE_MODEL_SEEDS,
  RETIRED_IMAGE_MODELS,
  replacementFor,
} from '@/generation/imageModels'
import { DEFAULT_GEMINI_MODEL, GeminiProvider, createImageProvider } from '@/generation/providers'
import { configuredModelFor } from '@/generation/shootOptions'

import { FAKE_MODEL_LIMITS, RETIRED_MODEL_IDS } from '../../fakes/geminiServer'

const seedOf = (id: string) => IMAGE_MODEL_SEEDS.find((seed) => seed.id === id)

// Google shut down the three models the studio used to default to (issue 21): never again.
describe('the image model seed', () => {
  it('defaults to models Google serves, never a retired id', () => {
    for (const model of [DEFAULT_STANDARD_MODEL, DEFAULT_HIGH_QUALITY_MODEL, DEFAULT_GEMINI_MODEL]) {
      expect(RETIRED_IMAGE_MODELS[model], `${model} is retired`).toBeUndefined()
      expect(RETIRED_MODEL_IDS).not.toContain(model)
      expect(seedOf(model)?.status).toBe('served')
      // The fake serves exactly what Google serves: a default it 404s is a default Google 404s.
      expect(FAKE_MODEL_LIMITS[model], `the fake Gemini does not serve ${model}`).toBeDefined()
    }
    expect([DEFAULT_STANDARD_MODEL, DEFAULT_HIGH_QUALITY_MODEL]).toEqual([
      'gemini-3.1-flash-image',
      'gemini-3-pro-image',
    ])
    expect(configuredModelFor('standard', {})).toBe('gemini-3.1-flash-image')
    expect(configuredModelFor('high', {})).toBe('gemini-3-pro-image')
  })

  it("maps every retired id to a served replacement (Google's deprecations page)", () => {
    expect(RETIRED_IMAGE_MODELS).toEqual({
      'gemini-2.5-flash-image': 'gemini-3.1-flash-image',
      'gemini-3-pro-image-preview': 'gemini-3-pro-image',
      'gemini-3.1-flash-image-preview': 'gemini-3.1-flash-image',
    })
    for (const replacement of Object.values(RETIRED_IMAGE_MODELS))
      expect(seedOf(replacement)?.status).toBe('served')
    expect(replacementFor('gemini-3-pro-image')).toBe('gemini-3-pro-image')
  })

  it('reads a retired id in GEMINI_IMAGE_MODEL / GEMINI_HIGH_QUALITY_MODEL as its replacement (env cannot be migrated)', () => {
    expect(configuredModelFor('standard', { standard: 'gemini-2.5-flash-image' })).toBe(
      'gemini-3.1-flash-image',
    )
    expect(configuredModelFor('high', { high: 'gemini-3-pro-image-preview' })).toBe('gemini-3-pro-image')
    const provider = createImageProvider({
      GEMINI_API_KEY: 'key',
      GEMINI_IMAGE_MODEL: 'gemini-3.1-flash-image-preview',
    }) as GeminiProvider
    expect(provider.model).toBe('gemini-3.1-flash-image')
  })

  it("keeps sizes and reference limits as Google documents them, the same as the fake Gemini's table", () => {
    for (const [id, limits] of Object.entries(FAKE_MODEL_LIMITS)) {
      const seed = seedOf(id)
      expect(seed?.imageSizes).toEqual(limits.imageSizes)
      expect(seed?.maxReferenceImages).toBe(limits.maxImages)
      expect(seed?.maxPeopleReferences).toBe(limits.maxPeople)
    }
    expect(seedOf('gemini-3.1-flash-image')).toMatchObject({ maxReferenceImages: 14, maxPeopleReferences: 4 })
    expect(seedOf('gemini-3-pro-image')).toMatchObject({ maxReferenceImages: 14, maxPeopleReferences: 5 })
  })

  it('prices every served model per size, with where and when the price was read', () => {
    expect(seedOf('gemini-3-pro-image')?.prices).toEqual([
      { imageSize: '1K', usdPerImage: 0.134 },
      { imageSize: '2K', usdPerImage: 0.134 },
      { imageSize: '4K', usdPerImage: 0.24 },
    ])
    expect(seedOf('gemini-3.1-flash-image')?.prices).toContainEqual({ imageSize: '1K', usdPerImage: 0.067 })
    for (const seed of IMAGE_MODEL_SEEDS) {
      expect(seed.priceSource.url).toMatch(/^https:\/\//)
      expect(seed.priceSource.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      for (const price of seed.prices) expect(seed.imageSizes).toContain(price.imageSize)
    }
  })
})
