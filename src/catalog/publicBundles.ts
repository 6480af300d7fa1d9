import type { Payload } from 'payload'

import type { PackageBundle, PhotoPackage } from '@/payload-types'

export interface PublicBundleItem {
  packageId: number
  packageName: string
  packageSlug: string
  shoots: number
}

export interface PublicBundle {
  id: number
  name: string
  slug: string
  description: string | null
  priceCents: number
  originalPriceCents: number | null
  badge: string | null
  features: string[]
  totalShoots: number
  pricePerShootCents: number
  items: PublicBundleItem[]
}

const toBundle = (bundle: PackageBundle, items: PublicBundleItem[]): PublicBundle => {
  const totalShoots = items.reduce((sum, item) => sum + item.shoots, 0)
  return {
    id: bundle.id,
    name: bundle.name,
    slug: bundle.slug as string,
    description: bundle.description ?? null,
    priceCents: bundle.priceCents,
    originalPriceCents: bundle.originalPriceCents ?? null,
    badge: bundle.badge ?? null,
    features: bundle.features ?? [],
    totalShoots,
    pricePerShootCents: Math.round(bundle.priceCents / Math.max(totalShoots, 1)),
    items,
  }
}

/**
 * Active bundles whose packages are all active (a bundle with a package off sale cannot be
 * bought, so it is not shown), in one query. Sorted by sortOrder, then price.
 */
export const loadPublicBundles = async (payload: Payload): Promise<PublicBundle[]> => {
  const { docs } = await payload.find({
    collection: 'package-bundles',
    where: { isActive: { equals: true } },
    sort: ['sortOrder', 'priceCents'],
    pagination: false,
    depth: 1,
    overrideAccess: true,
    populate: { 'photo-packages': { name: true, slug: true, isActive: true } },
  })
  const bundles: PublicBundle[] = []
  for (const bundle of docs as PackageBundle[]) {
    const packages = (bundle.items ?? []).map((item) => ({ pkg: item.package as PhotoPackage, shoots: item.shoots }))
    if (packages.length < 2 || packages.some(({ pkg }) => typeof pkg !== 'object' || !pkg?.isActive)) continue
    bundles.push(
      toBundle(
        bundle,
        packages.map(({ pkg, shoots }) => ({ packageId: pkg.id, packageName: pkg.name, packageSlug: pkg.slug as string, shoots })),
      ),
    )
  }
  return bundles
}
