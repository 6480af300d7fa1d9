import { describe, expect, it } from 'vitest'

import { IMAGE_MODEL_SEEDS } from '@/generation/imageModels'
import type { Catalogue } from '@/generation/modelCatalogue'
import { chooseModel, mostPhotosPerShoot, servedQualities } from '@/generation/modelChoice'
import { shootOptionsOf } from '@/generation/shootOptions'

const catalogue = (notServed: string[] = []): Catalogue =>
  new Map(
    IMAGE_MODEL_SEEDS.map((seed) => [
      seed.id,
      { ...seed, status: notServed.includes(seed.id) ? ('notServed' as const) : seed.status },
    ]),
  )

/** The wedding package's settings as seeded (5 photos, default models: standard takes 4 people, high 5), with a fallback. */
const wedding = { settings: { maxReferencePhotos: 5, fallbackModel: 'gemini-3-pro-image' } }

describe('the photo limit the form shows is the one POST /api/generate enforces (src/generation/modelChoice.ts)', () => {
  it('offers each quality with the photo limit of the model that will make it, the fallback included', () => {
    for (const notServed of [[], ['gemini-3.1-flash-image']]) {
      const models = catalogue(notServed)
      const options = shootOptionsOf(wedding as never, {}, models)
      const offered = servedQualities(options, models)
      for (const quality of offered) {
        const planned = options.qualities.find((option) => option.quality === quality.quality)!
        // What requestGeneration enforces: the choice's limit.
        const enforced = chooseModel(models, planned, options.fallbackModel, options.maxReferencePhotos)!
        expect({
          quality: quality.quality,
          photos: quality.maxReferencePhotos,
          model: quality.model,
        }).toEqual({
          quality: quality.quality,
          photos: enforced.maxReferencePhotos,
          model: enforced.model,
        })
      }
      expect(mostPhotosPerShoot(offered)).toBe(5)
    }
    // The tester's sample: standard takes 4 (gemini-3.1-flash-image), not the package's 5; with its
    // model not served, the fallback (gemini-3-pro-image) makes it and takes 5, not the planned 4.
    const standard = (notServed: string[]) =>
      servedQualities(shootOptionsOf(wedding as never, {}, catalogue(notServed)), catalogue(notServed))[0]
    expect(standard([]).maxReferencePhotos).toBe(4)
    expect(standard(['gemini-3.1-flash-image'])).toMatchObject({
      quality: 'standard',
      model: 'gemini-3-pro-image',
      maxReferencePhotos: 5,
    })
  })
})
