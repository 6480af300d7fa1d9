import { createLocalReq, type Payload } from 'payload'

import { inTransaction } from '@/lib/transactions'

interface SeedBundle {
  name: string
  slug: string
  description: string
  items: Array<{ packageSlug: string; shoots: number }>
  priceCents: number
  badge: string | null
  features: string[]
}

export const bundleSeed: SeedBundle[] = [
  {
    name: 'Engaged to Married',
    slug: 'engaged-to-married',
    description: 'Engagement portraits now and wedding portraits for the big day, in one purchase.',
    items: [
      { packageSlug: 'engagement', shoots: 20 },
      { packageSlug: 'wedding-portraits', shoots: 25 },
    ],
    // The saving (16% against the Forever and Wedding tiers) is computed, not typed.
    priceCents: 1599,
    badge: null,
    features: ['Engagement shoots spend on Engagement, wedding shoots on Wedding Portraits', 'ZIP downloads'],
  },
]

/**
 * Creates studio `studio`'s demo bundles that are missing, matched by slug. An existing bundle is left
 * as staff last saved it. A bundle whose packages are not all seeded is skipped.
 */
export const seedBundles = async (
  payload: Payload,
  studio: number,
  log: (line: string) => void,
): Promise<void> => {
  const req = await createLocalReq({ context: { disableRevalidate: true } }, payload)
  await inTransaction(req, async (req) => {
    for (const { items, ...bundle } of bundleSeed) {
      const existing = await payload.count({
        collection: 'package-bundles',
        where: { and: [{ slug: { equals: bundle.slug } }, { studio: { equals: studio } }] },
        req,
        overrideAccess: true,
      })
      if (existing.totalDocs > 0) continue
      const { docs: packages } = await payload.find({
        collection: 'photo-packages',
        where: {
          and: [{ slug: { in: items.map((item) => item.packageSlug) } }, { studio: { equals: studio } }],
        },
        select: { slug: true },
        pagination: false,
        depth: 0,
        req,
        overrideAccess: true,
      })
      const idOf = new Map(packages.map((pkg) => [pkg.slug, pkg.id]))
      if (items.some((item) => !idOf.has(item.packageSlug))) {
        log(`seed: bundle ${bundle.slug} skipped: not all of its packages exist`)
        continue
      }
      await payload.create({
        collection: 'package-bundles',
        data: {
          ...bundle,
          studio,
          items: items.map((item) => ({
            package: idOf.get(item.packageSlug) as number,
            shoots: item.shoots,
          })),
        },
        req,
        overrideAccess: true,
        depth: 0,
      })
      log(`seed: bundle ${bundle.slug} created`)
    }
  })
}
