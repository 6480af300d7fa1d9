import { describe, expect, it } from 'vitest'

import { splitBundlePrice } from '@/billing/offers'
import { splitInProportion } from '@/lib/proportion'

describe('splitInProportion', () => {
  it('gives the cents rounding leaves over to the largest remainders, adding up exactly', () => {
    expect(splitInProportion(1000, [10, 5])).toEqual([667, 333])
    expect(splitInProportion(300, [667, 333])).toEqual([200, 100])
    expect(splitInProportion(4, [10, 5])).toEqual([3, 1])
    expect(splitInProportion(100, [1, 1, 1])).toEqual([34, 33, 33])
  })

  it('keeps every part within 1 of its exact share and the sum equal to the total', () => {
    for (let seed = 1; seed < 300; seed++) {
      const weights = Array.from({ length: 1 + (seed % 6) }, (_, index) => ((seed * (index + 7)) % 97) + 1)
      const total = (seed * 7919) % 100_000
      const parts = splitInProportion(total, weights)
      const weightSum = weights.reduce((a, b) => a + b, 0)
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
      parts.forEach((part, index) =>
        expect(Math.abs(part - (total * weights[index]) / weightSum)).toBeLessThan(1),
      )
    }
  })

  it('handles no weights and all-zero weights', () => {
    expect(splitInProportion(10, [])).toEqual([])
    expect(splitInProportion(10, [0, 0])).toEqual([10, 0])
  })
})

describe('splitBundlePrice', () => {
  it('prices each package line by its shoots and keeps the bundle price', () => {
    expect(
      splitBundlePrice(1599, [
        { package: 1, shoots: 20 },
        { package: 2, shoots: 25 },
      ]),
    ).toEqual([
      { package: 1, shoots: 20, amountCents: 711 },
      { package: 2, shoots: 25, amountCents: 888 },
    ])
    expect(
      splitBundlePrice(0, [
        { package: 1, shoots: 3 },
        { package: 2, shoots: 3 },
      ]).map((line) => line.amountCents),
    ).toEqual([0, 0])
  })
})
