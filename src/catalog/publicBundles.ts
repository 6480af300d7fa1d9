import type { Payload } from 'payload'

import { bundleValue } from '@/billing/bundleValue'
import type { PackageBundle, PhotoPackage } from '@/payload-types'

import { loadPublicCatalog, type PublicPackage } from './publicCatalog'

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
  /** What the same shoots cost as each package's cheapest tiers (cents); null if not comparable. */
  replacedPriceCents: number | null
  /** Whole percent saved against `replacedPriceCents`; null when the bundle saves nothing. */
  savingPercent: number | null
  badge: string | null
  features: string[]
  totalShoots: number
  pricePerShootCents: number
  /** The currency of its prices (lower-case ISO 4217): its packages', which are its studio's. */
  currency: string
  items: PublicBundleItem[]
}

const toBundle = (
  bundle: PackageBundle,
  items: Array<{ pkg: PublicPackage; shoots: number }>,
): PublicBundle => {
  const value = bundleValue(
    bundle.priceCents,
    items.map(({ pkg, shoots }) => ({
      packageId: pkg.id,
      packageName: pkg.name,
      shoots,
      tiers: pkg.pricing,
    })),
  )
  return {
    id: bundle.id,
    name: bundle.name,
    slug: bundle.slug as string,
    description: bundle.description ?? null,
    priceCents: bundle.priceCents,
    replacedPriceCents: value.replacedCents,
    savingPercent: value.savingPercent,
    badge: bundle.badge ?? null,
    features: bundle.features ?? [],
    totalShoots: value.totalShoots,
    pricePerShootCents: Math.round(value.bundleCentsPerShoot),
    currency: items[0]?.pkg.currency ?? 'usd',
    items: items.map(({ pkg, shoots }) => ({
      packageId: pkg.id,
      packageName: pkg.name,
      packageSlug: pkg.slug,
      shoots,
    })),
  }
}

/**
 * Active bundles whose packages are all listed in the public catalog (active, with a theme in
 * season and a tier on sale): a bundle with a package off sale cannot be bought, so it is not
 * shown. `studio`: that studio's bundles only (the request's); unset: every studio's. Each
 * carries its saving, computed from the tiers it replaces (see bundleValue).
 * Sorted by sortOrder, then price.
 */
export const loadPublicBundles = async (payload: Payload, studio?: number): Promise<PublicBundle[]> => {
  const [{ docs }, catalog] = await Promise.all([
    payload.find({
      collection: 'package-bundles',
      where: {
        and: [
          { isActive: { equals: true } },
          ...(studio !== undefined ? [{ studio: { equals: studio } }] : []),
        ],
      },
      sort: ['sortOrder', 'priceCents'],
      pagination: false,
      depth: 0,
      overrideAccess: true,
    }),
    loadPublicCatalog(payload, { studio }),
  ])
  const listed = new Map(catalog.map((pkg) => [pkg.id, pkg]))
  const bundles: PublicBundle[] = []
  for (const bundle of docs as PackageBundle[]) {
    const items = (bundle.items ?? []).map((item) => ({
      pkg: listed.get(typeof item.package === 'object' ? (item.package as PhotoPackage).id : item.package),
      shoots: item.shoots,
    }))
    if (items.length < 2 || items.some(({ pkg }) => !pkg)) continue
    bundles.push(toBundle(bundle, items as Array<{ pkg: PublicPackage; shoots: number }>))
  }
  return bundles
}
