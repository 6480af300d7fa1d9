/** A whole number in [min, max], with the field's label in the message. */
export const wholeNumberIn =
  (label: string, min: number, max: number) => (value: null | number | undefined) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? true
      : `${label} must be a whole number from ${min} to ${max}.`

/** The seed's `price_consistency` check: a was-price is never below the price. */
export const wasPriceAtLeastPrice = (
  value: null | number | undefined,
  { siblingData }: { siblingData: Record<string, unknown> },
): string | true => {
  if (value === null || value === undefined) return true
  if (!Number.isInteger(value) || value < 0 || value > 999_999) {
    return 'Original price must be a whole number from 0 to 999999.'
  }
  const price = Number(siblingData?.priceCents)
  return Number.isFinite(price) && value < price ? `Original price (${value}) must be at least the price (${price}).` : true
}
