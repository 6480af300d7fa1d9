import { formatMoney, MAX_PRICE_CENTS } from '@/lib/format'

/** A whole number in [min, max], with the field's label in the message. */
export const wholeNumberIn =
  (label: string, min: number, max: number) => (value: null | number | undefined) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? true
      : `${label} must be a whole number from ${min} to ${max}.`

const PRICE_RANGE = `whole cents from 0 to ${MAX_PRICE_CENTS} (${formatMoney(0)} to ${formatMoney(MAX_PRICE_CENTS)})`

/** A price in whole cents; the message fits the admin (dollars) and the API (cents) alike. */
export const priceInCents = (label: string) => (value: null | number | undefined) =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_PRICE_CENTS
    ? true
    : `${label} must be ${PRICE_RANGE}.`

/** The seed's `price_consistency` check: a was-price is never below the price. */
export const wasPriceAtLeastPrice = (
  value: null | number | undefined,
  { siblingData }: { siblingData: Record<string, unknown> },
): string | true => {
  if (value === null || value === undefined) return true
  if (!Number.isInteger(value) || value < 0 || value > MAX_PRICE_CENTS)
    return `Was-price must be ${PRICE_RANGE}.`
  const price = Number(siblingData?.priceCents)
  return Number.isFinite(price) && value < price
    ? `Was-price (${formatMoney(value)}) must be at least the price (${formatMoney(price)}).`
    : true
}
