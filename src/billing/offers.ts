import type { PayloadRequest } from 'payload'

import { badRequest, notFound } from '@/lib/errors'
import { relationId } from '@/lib/relationId'
import { splitInProportion } from '@/lib/proportion'
import type { PackageBundle, PackagePricingTier, PhotoPackage, Purchase } from '@/payload-types'

/** What a customer can buy: one package's pricing tier, or a bundle of packages. */
export type OfferRef = { tierId: number } | { bundleId: number }

export interface PurchaseLine {
  package: number
  shoots: number
  amountCents: number
}

/** A priced offer, read from the server's own records: the client sends only its id. */
export interface Offer {
  kind: 'bundle' | 'tier'
  purchase: Pick<Purchase, 'amountCents' | 'shoots'> & {
    tier?: number
    package?: number
    bundle?: number
    lines?: PurchaseLine[]
  }
  productName: string
  stripePriceId: string | null
  metadata: Record<string, string>
  /** Where Stripe's cancel button lands. */
  cancelPath: string
  /** The studio selling it (the tier's or bundle's `studio`); undefined on a row without one. */
  studio?: number
}

/** A bundle's price over its packages in proportion to their shoots, adding up to the price. */
export const splitBundlePrice = (
  priceCents: number,
  items: Array<{ package: number; shoots: number }>,
): PurchaseLine[] => {
  const amounts = splitInProportion(
    priceCents,
    items.map((item) => item.shoots),
  )
  return items.map((item, index) => ({ ...item, amountCents: amounts[index] }))
}

const tierOffer = async (req: PayloadRequest, tierId: number): Promise<Offer> => {
  const tier = (await req.payload
    .findByID({ collection: 'package-pricing-tiers', id: tierId, depth: 1, req, overrideAccess: true })
    .catch(() => null)) as PackagePricingTier | null
  if (!tier || !tier.isActive) throw notFound(`No pricing tier ${tierId} is on sale.`)
  const pkg = tier.package as PhotoPackage
  if (!pkg?.isActive)
    throw badRequest(`${pkg?.name ?? 'That package'} is not on sale right now.`, { field: 'tierId' })
  return {
    kind: 'tier',
    purchase: { tier: tier.id, package: pkg.id, shoots: tier.shootsCount, amountCents: tier.priceCents },
    productName: `${pkg.name}: ${tier.name} (${tier.shootsCount} shoots)`,
    stripePriceId: tier.stripePriceId ?? null,
    metadata: { tierId: String(tier.id), packageId: String(pkg.id), shoots: String(tier.shootsCount) },
    cancelPath: `/checkout/cancel?package=${encodeURIComponent(pkg.slug ?? '')}`,
    studio: relationId(tier.studio),
  }
}

const bundleOffer = async (req: PayloadRequest, bundleId: number): Promise<Offer> => {
  const bundle = (await req.payload
    .findByID({ collection: 'package-bundles', id: bundleId, depth: 1, req, overrideAccess: true })
    .catch(() => null)) as PackageBundle | null
  if (!bundle || !bundle.isActive) throw notFound(`No bundle ${bundleId} is on sale.`)
  const items = (bundle.items ?? []).map((item) => ({
    pkg: item.package as PhotoPackage,
    shoots: item.shoots,
  }))
  const offSale = items.find((item) => !item.pkg?.isActive)
  if (offSale) {
    throw badRequest(
      `${bundle.name} is not on sale right now: ${offSale.pkg?.name ?? 'one of its packages'} is unavailable.`,
      {
        field: 'bundleId',
      },
    )
  }
  const lines = splitBundlePrice(
    bundle.priceCents,
    items.map((item) => ({ package: item.pkg.id, shoots: item.shoots })),
  )
  const shoots = lines.reduce((sum, line) => sum + line.shoots, 0)
  return {
    kind: 'bundle',
    purchase: { bundle: bundle.id, shoots, amountCents: bundle.priceCents, lines },
    productName: `${bundle.name} bundle (${items.map((item) => `${item.shoots} ${item.pkg.name}`).join(' + ')} shoots)`,
    stripePriceId: null,
    metadata: { bundleId: String(bundle.id), shoots: String(shoots) },
    cancelPath: '/checkout/cancel',
    studio: relationId(bundle.studio),
  }
}

export const loadOffer = (req: PayloadRequest, ref: OfferRef): Promise<Offer> =>
  'bundleId' in ref ? bundleOffer(req, ref.bundleId) : tierOffer(req, ref.tierId)
