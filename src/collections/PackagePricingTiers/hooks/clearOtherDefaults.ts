import type { CollectionAfterChangeHook } from 'payload'

import { withContextFlags } from '@/lib/scopedContext'
import type { PackagePricingTier } from '@/payload-types'

/**
 * At most one default tier per package: saving a default clears the package's others. Their
 * own revalidation is skipped (this tier's save revalidates once), scoped to this update only.
 */
export const clearOtherDefaults: CollectionAfterChangeHook<PackagePricingTier> = async ({ doc, req }) => {
  if (!doc.isDefault) return doc
  const packageId = typeof doc.package === 'object' ? doc.package?.id : doc.package
  await withContextFlags(req, { disableRevalidate: true }, () =>
    req.payload.update({
      collection: 'package-pricing-tiers',
      where: {
        and: [
          { package: { equals: packageId } },
          { isDefault: { equals: true } },
          { id: { not_equals: doc.id } },
        ],
      },
      data: { isDefault: false },
      req,
      overrideAccess: true,
    }),
  )
  return doc
}
