import type { Payload } from 'payload'

import { minOf } from '@/lib/extent'
import { relationId } from '@/lib/relationId'
import type { Media, PackagePricingTier, PackageTheme, PhotoPackage } from '@/payload-types'

import { loadSaleCurrencies } from '@/billing/saleAccount'
import { type Catalogue, loadCatalogue } from '@/generation/modelCatalogue'
import { mostPhotosPerShoot, servedQualities } from '@/generation/modelChoice'
import { type QualityOption, shootOptionsOf } from '@/generation/shootOptions'

import { isInSeason } from './season'

/** What the public may see of a package: never the prompt fields. */
export interface PublicImage {
  url: string
  alt: string
  width: number | null
  height: number | null
  thumbnailUrl: string | null
}

export interface PublicTheme {
  id: number
  name: string
  description: string | null
  isPremium: boolean
  isSeasonal: boolean
  seasonStart: string | null
  seasonEnd: string | null
  colorPalette: string[]
  previewImage: PublicImage | null
}

export interface PublicTier {
  id: number
  name: string
  shootsCount: number
  priceCents: number
  originalPriceCents: number | null
  pricePerShootCents: number
  badge: string | null
  features: string[]
  isDefault: boolean
}

export interface PublicPackage {
  id: number
  name: string
  slug: string
  description: string | null
  category: PhotoPackage['category']
  imagesPerGeneration: number
  isFeatured: boolean
  premiumShootCost: number
  /**
   * The most photos one shoot takes, of any offered quality (the package's maxReferencePhotos
   * capped by each quality's model). The form limits photos by the chosen quality's own
   * `qualities[].maxReferencePhotos`, the number POST /api/generate enforces.
   */
  maxReferencePhotos: number
  /** Qualities on offer, with the model and size each uses and its cost factor. */
  qualities: QualityOption[]
  coverImage: PublicImage | null
  themeCount: number
  fromPricePerShootCents: number | null
  /** The currency of every price here (lower-case ISO 4217), the one its studio charges in; prices are in its minor unit. */
  currency: string
  themes: PublicTheme[]
  pricing: PublicTier[]
}

/**
 * The media fields a public image needs. Payload computes `url` from `filename` after reading, so
 * `filename` must be selected too (without it every cover and preview image came back null).
 */
const PUBLIC_MEDIA_SELECT = {
  url: true,
  filename: true,
  alt: true,
  width: true,
  height: true,
  sizes: true,
} as const

const toImage = (value: Media | number | null | undefined): PublicImage | null => {
  if (!value || typeof value !== 'object' || !value.url) return null
  return {
    url: value.url,
    alt: value.alt ?? '',
    width: value.width ?? null,
    height: value.height ?? null,
    thumbnailUrl: value.sizes?.card?.url ?? value.sizes?.thumbnail?.url ?? null,
  }
}

export const premiumShootCostOf = (pkg: Pick<PhotoPackage, 'settings'>): number =>
  shootOptionsOf(pkg).premiumShootCost

const toTheme = (theme: PackageTheme): PublicTheme => ({
  id: theme.id,
  name: theme.name,
  description: theme.description ?? null,
  isPremium: Boolean(theme.isPremium),
  isSeasonal: Boolean(theme.isSeasonal),
  seasonStart: theme.seasonStart ?? null,
  seasonEnd: theme.seasonEnd ?? null,
  colorPalette: theme.colorPalette ?? [],
  previewImage: toImage(theme.previewImage),
})

const toTier = (tier: PackagePricingTier): PublicTier => ({
  id: tier.id,
  name: tier.name,
  shootsCount: tier.shootsCount,
  priceCents: tier.priceCents,
  originalPriceCents: tier.originalPriceCents ?? null,
  pricePerShootCents: Math.round(tier.priceCents / tier.shootsCount),
  badge: tier.badge ?? null,
  features: tier.features ?? [],
  isDefault: Boolean(tier.isDefault),
})

/** A quality whose model Google stopped serving (and no served fallback) is not offered. */
const offeredQualities = (pkg: PhotoPackage, catalogue: Catalogue) => {
  const qualities = servedQualities(shootOptionsOf(pkg, undefined, catalogue), catalogue)
  return { maxReferencePhotos: mostPhotosPerShoot(qualities), qualities }
}

const toPackage = (
  pkg: PhotoPackage,
  themes: PublicTheme[],
  pricing: PublicTier[],
  catalogue: Catalogue,
  currency: string,
): PublicPackage => ({
  id: pkg.id,
  name: pkg.name,
  slug: pkg.slug as string,
  description: pkg.description ?? null,
  category: pkg.category,
  imagesPerGeneration: pkg.imagesPerGeneration,
  isFeatured: Boolean(pkg.isFeatured),
  premiumShootCost: premiumShootCostOf(pkg),
  ...offeredQualities(pkg, catalogue),
  coverImage: toImage(pkg.coverImage),
  themeCount: themes.length,
  fromPricePerShootCents: minOf(pricing.map((tier) => tier.pricePerShootCents)),
  currency,
  themes,
  pricing,
})

export interface CatalogQuery {
  /** The studio whose catalog this is (the request's, src/studios/resolveStudio.ts); unset: every studio's. */
  studio?: number
  category?: PhotoPackage['category']
  slug?: string
  /** Themes shown are those in season on this date. */
  at?: Date
}

/**
 * Active packages with their active, in-season themes and active tiers, in three queries
 * whatever the number of packages. Featured first, then sortOrder. A package with no theme
 * in season or no tier on sale is not listed (nothing could be bought or made with it); the
 * admin says why (catalogStatus).
 */
export const loadPublicCatalog = async (
  payload: Payload,
  query: CatalogQuery = {},
): Promise<PublicPackage[]> => {
  const { docs: packages } = await payload.find({
    collection: 'photo-packages',
    where: {
      and: [
        { isActive: { equals: true } },
        ...(query.studio !== undefined ? [{ studio: { equals: query.studio } }] : []),
        ...(query.category ? [{ category: { equals: query.category } }] : []),
        ...(query.slug ? [{ slug: { equals: query.slug } }] : []),
      ],
    },
    sort: ['-isFeatured', 'sortOrder', 'name'],
    pagination: false,
    depth: 1,
    overrideAccess: true,
    populate: { media: PUBLIC_MEDIA_SELECT },
    select: {
      name: true,
      slug: true,
      description: true,
      category: true,
      imagesPerGeneration: true,
      isFeatured: true,
      sortOrder: true,
      settings: true,
      coverImage: true,
      studio: true,
    },
  })
  if (packages.length === 0) return []
  const ids = packages.map((pkg) => pkg.id)
  const inPackages = { package: { in: ids } }
  const [themes, tiers, catalogue, currencies] = await Promise.all([
    payload.find({
      collection: 'package-themes',
      where: { and: [inPackages, { isActive: { equals: true } }] },
      sort: ['sortOrder', 'name'],
      pagination: false,
      depth: 1,
      overrideAccess: true,
      populate: { media: PUBLIC_MEDIA_SELECT },
      select: {
        package: true,
        name: true,
        description: true,
        isPremium: true,
        isSeasonal: true,
        seasonStart: true,
        seasonEnd: true,
        colorPalette: true,
        previewImage: true,
      },
    }),
    payload.find({
      collection: 'package-pricing-tiers',
      where: { and: [inPackages, { isActive: { equals: true } }] },
      sort: ['sortOrder', 'priceCents'],
      pagination: false,
      depth: 0,
      overrideAccess: true,
    }),
    loadCatalogue(payload),
    loadSaleCurrencies(
      payload,
      packages.flatMap((pkg) => relationId(pkg.studio) ?? []),
    ),
  ])
  const at = query.at ?? new Date()
  return packages.flatMap((pkg) => {
    const ownThemes = themes.docs
      .filter((theme) => relationId(theme.package) === pkg.id && isInSeason(theme, at))
      .map((theme) => toTheme(theme as PackageTheme))
    const ownTiers = tiers.docs.filter((tier) => relationId(tier.package) === pkg.id).map(toTier)
    return ownThemes.length && ownTiers.length
      ? [
          toPackage(
            pkg as PhotoPackage,
            ownThemes,
            ownTiers,
            catalogue,
            currencies.get(relationId(pkg.studio) ?? 0) ?? 'usd',
          ),
        ]
      : []
  })
}
