import type { CollectionAfterChangeHook } from 'payload'

import { createStripeClient, readStripeConfig } from '@/billing/stripeClient'
import { relationId } from '@/lib/relationId'
import { withContextFlags } from '@/lib/scopedContext'
import type { PackagePricingTier, PhotoPackage } from '@/payload-types'

/**
 * With Stripe configured, keeps a Product per tier and a Price for its current amount.
 * Prices are immutable in Stripe, so a price change makes a new Price and archives the old.
 * A failed sync never blocks the admin's save; if the amount changed, the stale Price id is
 * dropped so checkout falls back to the tier's own amount rather than charge the old one.
 */
export const syncTierToStripe: CollectionAfterChangeHook<PackagePricingTier> = async ({
  doc,
  previousDoc,
  req,
  context,
}) => {
  const config = readStripeConfig()
  if (!config || context.skipStripeSync) return doc
  const priceChanged = !doc.stripePriceId || previousDoc?.priceCents !== doc.priceCents
  const nameChanged = previousDoc?.name !== doc.name
  if (!priceChanged && !nameChanged && doc.stripeProductId) return doc
  // Storing the ids is not an edit the catalog or Stripe must hear about; the flags hold for this save only.
  const save = (data: Partial<PackagePricingTier>) =>
    withContextFlags(req, { skipStripeSync: true, disableRevalidate: true }, () =>
      req.payload.update({
        collection: 'package-pricing-tiers',
        id: doc.id,
        data,
        req,
        overrideAccess: true,
        depth: 0,
      }),
    )
  try {
    const stripe = createStripeClient(config)
    const packageId = relationId(doc.package)
    const pkg = (await req.payload.findByID({
      collection: 'photo-packages',
      id: packageId,
      depth: 0,
      req,
      overrideAccess: true,
    })) as PhotoPackage
    const name = `${pkg.name}: ${doc.name} (${doc.shootsCount} shoots)`
    let productId = doc.stripeProductId
    if (!productId) {
      productId = (await stripe.products.create({ name, metadata: { tierId: String(doc.id) } })).id
    } else if (nameChanged) {
      await stripe.products.update(productId, { name })
    }
    let priceId = doc.stripePriceId
    if (priceChanged) {
      const price = await stripe.prices.create({
        product: productId,
        unit_amount: doc.priceCents,
        currency: 'usd',
        metadata: { tierId: String(doc.id) },
      })
      if (doc.stripePriceId) await stripe.prices.update(doc.stripePriceId, { active: false })
      priceId = price.id
    }
    await save({ stripeProductId: productId, stripePriceId: priceId })
    return { ...doc, stripeProductId: productId, stripePriceId: priceId }
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `Stripe sync failed for tier ${doc.id}` })
    if (priceChanged && doc.stripePriceId) await save({ stripePriceId: null })
    return doc
  }
}
