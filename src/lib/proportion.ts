/**
 * Splits a whole `total` into whole parts in proportion to `weights` (largest remainder):
 * the parts always add up to the total, and each is within 1 of its exact share. Ties go
 * to the earlier weight, so the split is deterministic.
 */
export const splitInProportion = (total: number, weights: number[]): number[] => {
  const weightSum = weights.reduce((sum, weight) => sum + Math.max(weight, 0), 0)
  if (weights.length === 0) return []
  if (weightSum <= 0) return weights.map((_, index) => (index === 0 ? total : 0))
  const exact = weights.map((weight) => (total * Math.max(weight, 0)) / weightSum)
  const parts = exact.map(Math.floor)
  const order = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index)
  let left = total - parts.reduce((sum, part) => sum + part, 0)
  for (const { index } of order) {
    if (left <= 0) break
    parts[index]++
    left--
  }
  return parts
}
