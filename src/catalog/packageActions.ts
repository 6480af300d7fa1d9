import type { PayloadRequest } from 'payload'

import { notFound } from '@/lib/errors'
import { withContextFlags } from '@/lib/scopedContext'
import { afterCommit, inTransaction } from '@/lib/transactions'
import type { PackagePricingTier, PackageTheme, PhotoPackage } from '@/payload-types'
import { studioIdOf } from '@/studios/studioOwned'

import { invalidateCatalog } from './invalidate'
import { freeCopySlug } from './slugify'
import { PACKAGE_LIST_COLUMNS } from './vocabulary'

/** Never copied: identity, timestamps, joins, derived figures and Stripe ids (a copy gets its own). */
const SYSTEM_KEYS = ['id', 'createdAt', 'updatedAt', 'package']
const PACKAGE_SKIP = [...SYSTEM_KEYS, 'themes', 'pricingTiers', ...PACKAGE_LIST_COLUMNS]
const THEME_SKIP = [...SYSTEM_KEYS, 'popularityScore', 'inSeason', 'testRenders']
const TIER_SKIP = [...SYSTEM_KEYS, 'stripeProductId', 'stripePriceId']

const without = <T extends object>(doc: T, keys: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => !keys.includes(key)))

const loadPackage = async (req: PayloadRequest, id: number): Promise<PhotoPackage> => {
  const pkg = await req.payload
    .findByID({
      collection: 'photo-packages',
      id,
      depth: 0,
      req,
      overrideAccess: true,
      joins: false,
      disableErrors: true,
    })
    .catch(() => null)
  if (!pkg) throw notFound(`No package with id ${id}.`)
  return pkg as PhotoPackage
}

export interface DuplicateResult {
  package: { id: number; name: string; slug: string; isActive: boolean }
  themes: number
  tiers: number
}

/**
 * Copies a package with every theme and pricing tier, in one transaction: the copy is
 * inactive and not featured, named "… (copy)" with a new unique slug; its tiers get their own
 * Stripe prices when first edited. Nothing is left behind if any part fails validation.
 */
export const duplicatePackage = (req: PayloadRequest, id: number): Promise<DuplicateResult> =>
  inTransaction(req, (req) =>
    // The copy is inactive (nothing public changes) and its tiers get Stripe prices when first edited.
    withContextFlags(req, { disableRevalidate: true, skipStripeSync: true }, () => copyPackage(req, id)),
  )

/** A package's themes or tiers; ties in sortOrder keep their creation order (id), so a copy lists them alike. */
const childrenOf = <Slug extends 'package-themes' | 'package-pricing-tiers'>(
  req: PayloadRequest,
  collection: Slug,
  id: number,
) =>
  req.payload.find({
    collection,
    where: { package: { equals: id } },
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
    sort: ['sortOrder', 'id'],
  })

const copyPackage = async (req: PayloadRequest, id: number): Promise<DuplicateResult> => {
  const source = await loadPackage(req, id)
  // One after the other: both run on the transaction's single connection.
  const themes = await childrenOf(req, 'package-themes', id)
  const tiers = await childrenOf(req, 'package-pricing-tiers', id)
  const copy = await req.payload.create({
    collection: 'photo-packages',
    data: {
      ...without(source, PACKAGE_SKIP),
      name: `${source.name.slice(0, 93)} (copy)`,
      slug: await freeCopySlug(req, 'photo-packages', source.slug ?? String(id), source.studio),
      isActive: false,
      isFeatured: false,
    } as never,
    req,
    overrideAccess: true,
    depth: 0,
  })
  for (const theme of themes.docs as PackageTheme[]) {
    await req.payload.create({
      collection: 'package-themes',
      data: { ...without(theme, THEME_SKIP), package: copy.id } as never,
      req,
      overrideAccess: true,
      depth: 0,
    })
  }
  for (const tier of tiers.docs as PackagePricingTier[]) {
    await req.payload.create({
      collection: 'package-pricing-tiers',
      data: { ...without(tier, TIER_SKIP), package: copy.id } as never,
      req,
      overrideAccess: true,
      depth: 0,
    })
  }
  await afterCommit(req, () => invalidateCatalog({ studio: studioIdOf(copy.studio) }))
  return {
    package: { id: copy.id, name: copy.name, slug: copy.slug as string, isActive: Boolean(copy.isActive) },
    themes: themes.docs.length,
    tiers: tiers.docs.length,
  }
}

/** Flips isFeatured (or isActive); the collection's hooks clear the catalog cache. */
export const togglePackageFlag = async (req: PayloadRequest, id: number, flag: 'isActive' | 'isFeatured') => {
  const current = await loadPackage(req, id)
  const updated = await req.payload.update({
    collection: 'photo-packages',
    id,
    data: { [flag]: !current[flag] },
    req,
    overrideAccess: true,
    depth: 0,
  })
  return {
    package: {
      id: updated.id,
      slug: updated.slug,
      isActive: Boolean(updated.isActive),
      isFeatured: Boolean(updated.isFeatured),
    },
  }
}
