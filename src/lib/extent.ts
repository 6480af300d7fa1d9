/**
 * Smallest and largest of a list, in one pass. Unlike Math.min(...values) these take any
 * number of values (a spread passes each as an argument, and V8 throws a RangeError past
 * about a hundred thousand). Null for an empty list.
 */
export const minOf = (values: Iterable<number>): number | null => {
  let min: number | null = null
  for (const value of values) if (min === null || value < min) min = value
  return min
}

export const maxOf = (values: Iterable<number>): number | null => {
  let max: number | null = null
  for (const value of values) if (max === null || value > max) max = value
  return max
}
