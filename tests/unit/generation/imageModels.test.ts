import { describe, expect, it } from 'vitest'

import {
  DEFAULT_HIGH_QUALITY_MODEL,
  DEFAULT_STANDARD_MODEL,
  IMAGE_MODEL_SEEDS,
  PRICE_BASES,
  RETIRED_IMAGE_MODELS,
  replacementFor,
} from '@/generation/imageModels'
import { describePriceSource } from '@/generation/modelCatalogue'
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
      expect(PRICE_BASES).toContain(seed.priceSource.basis)
      expect(seed.priceSource.note.length).toBeGreaterThan(20)
      for (const price of seed.prices) expect(seed.imageSizes).toContain(price.imageSize)
    }
  })

  it("prices every size Flash makes from Google's tokens per image, and says the per-token price is unverified", () => {
    const flash = seedOf('gemini-3.1-flash-image')!
    // Google's Vertex AI model page: output image tokens per size; $60 per 1M tokens: third-party pages only.
    const tokens = { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 } as const
    expect(flash.prices.map((price) => price.imageSize)).toEqual([...flash.imageSizes])
    for (const price of flash.prices)
      expect(price.usdPerImage).toBe(Math.round(tokens[price.imageSize] * 60e-6 * 1000) / 1000)
    expect(flash.priceSource).toMatchObject({ basis: 'unverified', checkedOn: '2026-12-06' })
    expect(flash.priceSource.url).toMatch(/^https:\/\/docs\.cloud\.google\.com\/.*3-1-flash-image$/)
    expect(describePriceSource(flash.priceSource)).toMatch(
      /^https:\/\/docs\.cloud\.google\.com\/\S+, 2026-12-06, unverified: \$60 per 1M image output tokens \(third-party/,
    )
    // Pro's per-image figures are Google's listed ones: 1120 tokens (1K, 2K) and 2000 (4K) at $120 per 1M.
    const pro = seedOf('gemini-3-pro-image')!
    expect(pro.priceSource.basis).toBe('listed')
    const proTokens = { '1K': 1120, '2K': 1120, '4K': 2000 } as Record<string, number>
    for (const price of pro.prices)
      expect(price.usdPerImage).toBe(Math.round(proTokens[price.imageSize] * 120e-6 * 1000) / 1000)
  })
})
