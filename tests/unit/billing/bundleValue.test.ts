import { describe, expect, it } from 'vitest'

import { bundleValue, cheapestCover } from '@/billing/bundleValue'

const wedding = [
  { shootsCount: 10, priceCents: 499 },
  { shootsCount: 25, priceCents: 999 },
  { shootsCount: 75, priceCents: 2499 },
]
const engagement = [
  { shootsCount: 8, priceCents: 399 },
  { shootsCount: 20, priceCents: 899 },
]

describe('bundle value', () => {
  it('covers a number of shoots with the cheapest mix of tiers, a tier bought as often as needed', () => {
    expect(cheapestCover(wedding, 25)).toBe(999)
    expect(cheapestCover(wedding, 26)).toBe(3 * 499) // three Starter packs beat Wedding + Starter
    expect(cheapestCover(wedding, 60)).toBe(2 * 999 + 499)
    expect(cheapestCover(wedding, 70)).toBe(2499) // one Party pack (75) beats 25+25+10+10
    expect(cheapestCover(engagement, 16)).toBe(798)
    expect(cheapestCover([], 5)).toBeNull()
  })

  it('derives the seeded Engaged to Married saving from the tiers it replaces (16%)', () => {
    const value = bundleValue(1599, [
      { packageId: 2, packageName: 'Engagement', shoots: 20, tiers: engagement },
      { packageId: 1, packageName: 'Wedding Portraits', shoots: 25, tiers: wedding },
    ])
    expect(value.replacedCents).toBe(1898)
    expect(value.savingPercent).toBe(16)
    expect(value.totalShoots).toBe(45)
    // 35.5 cents a shoot is more than Wedding's Party tier (33.3): the admin is told.
    expect(value.warnings).toEqual([
      expect.stringContaining('the best-value Wedding Portraits tier sells one for'),
    ])
  })

  it('shows no saving and warns when the bundle costs as much as or more than its tiers', () => {
    const value = bundleValue(2000, [
      { packageId: 2, packageName: 'Engagement', shoots: 20, tiers: engagement },
      { packageId: 1, packageName: 'Wedding Portraits', shoots: 25, tiers: wedding },
    ])
    expect(value.savingPercent).toBeNull()
    expect(value.warnings[0]).toBe(
      'Costs $20.00, but the same shoots bought as tiers cost $18.98: no saving.',
    )
  })

  it('cannot compare a package without tiers, and says so', () => {
    const value = bundleValue(1000, [
      { packageId: 1, packageName: 'Wedding Portraits', shoots: 25, tiers: wedding },
      { packageId: 3, packageName: 'Empty', shoots: 5, tiers: [] },
    ])
    expect(value.replacedCents).toBeNull()
    expect(value.savingPercent).toBeNull()
    expect(value.warnings).toContain('Empty has no pricing tier on sale to compare with.')
  })
})
