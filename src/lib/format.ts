/**
 * An amount in a currency's minor unit, as Stripe counts it (`unit_amount`, `amount`), shown in that
 * currency: 4900 usd -> "$49.00", 4900 eur -> "€49.00", 4900 jpy -> "¥4,900". `currency`: ISO 4217,
 * any case; default `usd`. The minor unit's size is the currency's own (Intl's fraction digits from
 * CLDR: 2 for usd/eur/gbp..., 0 for jpy, which Stripe also treats as zero-decimal:
 * docs.stripe.com/currencies#zero-decimal). The one money format (pages, admin, e-mails, CSV).
 */
export const formatMoney = (minorUnits: number, currency = 'usd'): string => {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() })
  return format.format(minorUnits / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2))
}

export const formatDate = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    new Date(iso),
  )

/** "1 shoot", "2 shoots", "0 themes": the count with its noun in the right number. */
export const plural = (count: number, singular: string, pluralForm = `${singular}s`): string =>
  `${count} ${count === 1 ? singular : pluralForm}`

/** The most a price field holds: $9,999.99, in cents. */
export const MAX_PRICE_CENTS = 999_999

/**
 * Staff type prices in dollars; we store whole cents. Partial typing is allowed ("9." is $9.00, ".5"
 * is $0.50); an optional leading "$" is ignored. Returns the cents, null for an empty box, or
 * undefined when the text is not dollars and cents (a comma, a third decimal, letters, > $9,999.99).
 */
export const parseDollars = (text: string): number | null | undefined => {
  const match = /^\$?\s*(\d{0,4})(?:\.(\d{0,2}))?$/.exec(text.trim())
  if (!match) return undefined
  const [, dollars, cents = ''] = match
  if (dollars === '' && cents === '') return null
  return Number(dollars || '0') * 100 + Number(cents.padEnd(2, '0'))
}

/** The text a price box shows for stored cents: 999 -> "9.99", 500 -> "5.00", nothing -> "". */
export const dollarsText = (cents: number | null | undefined): string => {
  if (typeof cents !== 'number' || !Number.isFinite(cents)) return ''
  if (!Number.isInteger(cents)) return (cents / 100).toFixed(2)
  return `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, '0')}`
}
