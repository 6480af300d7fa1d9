import type { PayloadRequest } from 'payload'

import { formatMoney, plural } from '@/lib/format'
import type { Purchase } from '@/payload-types'

/** "Engaged to Married bundle" or "Wedding Portraits: Starter" from a purchase read at depth 1. */
export const purchaseLabel = (purchase: Purchase): string => {
  if (purchase.bundle)
    return typeof purchase.bundle === 'object' ? `${purchase.bundle.name} bundle` : 'Bundle'
  const pkg = typeof purchase.package === 'object' && purchase.package ? purchase.package.name : null
  const tier = typeof purchase.tier === 'object' && purchase.tier ? purchase.tier.name : null
  return [pkg, tier].filter(Boolean).join(': ') || 'Shoots'
}

/** The receipt e-mail's fields for one purchase (read on `req`'s transaction). */
export const receiptDetails = async (req: PayloadRequest, purchaseId: number) => {
  const purchase = (await req.payload.findByID({
    collection: 'purchases',
    id: purchaseId,
    depth: 1,
    req,
    overrideAccess: true,
  })) as Purchase
  return {
    purchaseId,
    description: `${purchaseLabel(purchase)} (${plural(purchase.shoots, 'shoot')})`,
    amount: formatMoney(purchase.amountCents, purchase.currency),
    shoots: purchase.shoots,
    paidAt: new Date(purchase.paidAt ?? Date.now()).toISOString().slice(0, 10),
  }
}
