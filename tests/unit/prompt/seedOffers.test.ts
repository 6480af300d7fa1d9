import { describe, expect, it } from 'vitest'

import { bundleSeed } from '@/seed/bundles'
import { catalogSeed } from '@/seed/catalog'

/** Promises the product does not keep (no priority queue, no tier-only themes, no per-tier perks). */
const UNKEPT = [
  /priority/i,
  /all premium themes/i,
  /premium .* theme$/i,
  /consistent/i,
  /couple shoots/i,
  /save \d+%/i,
]

// Seeded offers tell the truth: each feature line is something the product does for that tier.
describe('seeded offers', () => {
  it.each(catalogSeed.map((pkg) => [pkg.slug, pkg] as const))(
    '%s: features name its own shoots and image count',
    (_slug, pkg) => {
      for (const tier of pkg.tiers) {
        const features = tier.features ?? []
        expect(features[0], `${tier.name}`).toBe(`${tier.shootsCount} ${pkg.name} shoots`)
        const images = features.find((line) => /images per shoot/.test(line))
        if (images) expect(images).toBe(`${pkg.imagesPerGeneration} images per shoot`)
        for (const line of features)
          for (const claim of UNKEPT) expect(line, `${tier.name}: ${line}`).not.toMatch(claim)
      }
    },
  )

  it('bundles carry no typed saving', () => {
    for (const bundle of bundleSeed) {
      expect(bundle.badge ?? '').not.toMatch(/%|save/i)
      for (const line of bundle.features) for (const claim of UNKEPT) expect(line).not.toMatch(claim)
    }
  })
})
