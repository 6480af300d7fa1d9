import type { FieldHook } from 'payload'

import { isStaffUser } from '@/access'
import { bundleValue } from '@/billing/bundleValue'
import { formatMoney } from '@/lib/format'
import { relationId } from '@/lib/relationId'
import type { PackageBundle, PackagePricingTier, PhotoPackage } from '@/payload-types'

/**
 * The bundle's value next to its packages' active tiers, for staff: what the same shoots cost
 * as tiers, the saving, and a warning when the bundle is dearer (in total or per shoot).
 */
export const bundleValueSummary: FieldHook<PackageBundle> = async ({ data, req }) => {
  const items = data?.items ?? []
  if (!isStaffUser(req.user) || items.length === 0 || typeof data?.priceCents !== 'number') return null
  const ids = items
    .map((item) => relationId(item.package as number | PhotoPackage))
    .filter((id) => id !== undefined)
  const [packages, tiers] = await Promise.all([
    req.payload.find({
      collection: 'photo-packages',
      where: { id: { in: ids } },
      select: { name: true },
      pagination: false,
      depth: 0,
      req,
      overrideAccess: true,
    }),
    req.payload.find({
      collection: 'package-pricing-tiers',
      where: { and: [{ package: { in: ids } }, { isActive: { equals: true } }] },
      select: { package: true, shootsCount: true, priceCents: true },
      pagination: false,
      depth: 0,
      req,
      overrideAccess: true,
    }),
  ])
  const value = bundleValue(
    data.priceCents,
    items.map((item) => {
      const packageId = relationId(item.package as number | PhotoPackage) as number
      return {
        packageId,
        packageName: packages.docs.find((pkg) => pkg.id === packageId)?.name ?? `package ${packageId}`,
        shoots: item.shoots,
        tiers: (tiers.docs as PackagePricingTier[]).filter((tier) => relationId(tier.package) === packageId),
      }
    }),
  )
  const lines = [
    value.replacedCents === null
      ? 'Saving: cannot be computed.'
      : `The same shoots as tiers: ${formatMoney(value.replacedCents)}. ` +
        (value.savingPercent ? `Saving shown to customers: ${value.savingPercent}%.` : 'No saving is shown.'),
    `${value.totalShoots} shoots at ${formatMoney(Math.round(value.bundleCentsPerShoot))} a shoot.`,
    ...value.warnings.map((warning) => `Warning: ${warning}`),
  ]
  return lines.join('\n')
}
