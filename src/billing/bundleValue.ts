/**
 * What a bundle is worth next to the packages' own tiers. Pure: no Payload, so the public
 * catalog, the admin and tests compute the same figures.
 *
 * A bundle "replaces", for each package, the cheapest set of that package's active tiers that
 * buys at least the bundle's shoots for it (tiers may be bought more than once). Its saving is
 * the share of that replaced price it takes off; a bundle that costs as much or more saves
 * nothing and shows no saving.
 */

import { minOf } from '@/lib/extent'
export interface TierPrice {
  shootsCount: number
  priceCents: number
}

export interface BundleLineInput {
  packageId: number
  packageName: string
  shoots: number
  tiers: TierPrice[]
}

export interface BundleLineValue {
  packageId: number
  packageName: string
  shoots: number
  /** Cheapest tiers covering these shoots, in cents; null when the package has no tier on sale. */
  replacedCents: number | null
  /** The lowest price per shoot among the package's tiers, in cents (fractional). */
  bestTierCentsPerShoot: number | null
}

export interface BundleValue {
  priceCents: number
  totalShoots: number
  /** Sum of the lines' replaced prices; null if any line has no tier to compare with. */
  replacedCents: number | null
  /** Whole percent saved against `replacedCents`, only when positive. */
  savingPercent: number | null
  bundleCentsPerShoot: number
  lines: BundleLineValue[]
  /** Plain-words problems for the admin: a bundle dearer than its tiers, per shoot or in total. */
  warnings: string[]
}

const MAX_SHOOTS = 10_000

/** Min-cost cover: the cheapest combination of tiers (each any number of times) with >= `shoots` shoots. */
export const cheapestCover = (tiers: TierPrice[], shoots: number): number | null => {
  const usable = tiers.filter((tier) => tier.shootsCount > 0 && tier.priceCents >= 0)
  if (usable.length === 0 || shoots <= 0) return usable.length === 0 ? null : 0
  const target = Math.min(Math.ceil(shoots), MAX_SHOOTS)
  // best[n]: cheapest price for at least n shoots.
  const best = new Array<number>(target + 1).fill(Number.POSITIVE_INFINITY)
  best[0] = 0
  for (let n = 1; n <= target; n++) {
    for (const tier of usable)
      best[n] = Math.min(best[n], best[Math.max(0, n - tier.shootsCount)] + tier.priceCents)
  }
  return best[target]
}

const cents = (value: number) => `$${(value / 100).toFixed(2)}`

export const bundleValue = (priceCents: number, lines: BundleLineInput[]): BundleValue => {
  const totalShoots = lines.reduce((sum, line) => sum + line.shoots, 0)
  const bundleCentsPerShoot = priceCents / Math.max(totalShoots, 1)
  const values: BundleLineValue[] = lines.map((line) => {
    const perShoot = line.tiers
      .filter((tier) => tier.shootsCount > 0)
      .map((tier) => tier.priceCents / tier.shootsCount)
    return {
      packageId: line.packageId,
      packageName: line.packageName,
      shoots: line.shoots,
      replacedCents: cheapestCover(line.tiers, line.shoots),
      bestTierCentsPerShoot: minOf(perShoot),
    }
  })
  const replacedCents = values.some((line) => line.replacedCents === null)
    ? null
    : values.reduce((sum, line) => sum + (line.replacedCents as number), 0)
  const saving =
    replacedCents && replacedCents > 0 ? Math.round(((replacedCents - priceCents) / replacedCents) * 100) : 0
  const warnings: string[] = []
  if (replacedCents !== null && priceCents >= replacedCents) {
    warnings.push(
      `Costs ${cents(priceCents)}, but the same shoots bought as tiers cost ${cents(replacedCents)}: no saving.`,
    )
  }
  for (const line of values) {
    if (line.replacedCents === null)
      warnings.push(`${line.packageName} has no pricing tier on sale to compare with.`)
    else if (line.bestTierCentsPerShoot !== null && bundleCentsPerShoot > line.bestTierCentsPerShoot) {
      warnings.push(
        `A shoot costs ${cents(bundleCentsPerShoot)} here; the best-value ${line.packageName} tier ` +
          `sells one for ${cents(line.bestTierCentsPerShoot)}.`,
      )
    }
  }
  return {
    priceCents,
    totalShoots,
    replacedCents,
    savingPercent: saving > 0 ? saving : null,
    bundleCentsPerShoot,
    lines: values,
    warnings,
  }
}
