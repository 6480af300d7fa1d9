import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { dollarsText, formatMoney, MAX_PRICE_CENTS, parseDollars } from '@/lib/format'

describe('prices typed in dollars, stored in cents', () => {
  it('reads what staff type', () => {
    expect(parseDollars('9.99')).toBe(999)
    expect(parseDollars('$12.34')).toBe(1234)
    expect(parseDollars(' 5 ')).toBe(500)
    expect(parseDollars('9.')).toBe(900)
    expect(parseDollars('9.9')).toBe(990)
    expect(parseDollars('.5')).toBe(50)
    expect(parseDollars('0')).toBe(0)
    expect(parseDollars('9999.99')).toBe(MAX_PRICE_CENTS)
    expect(parseDollars('')).toBeNull()
    expect(parseDollars('$')).toBeNull()
  })

  it('refuses what is not dollars and cents', () => {
    for (const text of ['9,99', '9.999', 'nine', '10000', '-1', '1e3', '9.9.9', '$ 9 99'])
      expect(parseDollars(text), text).toBeUndefined()
  })

  it('shows stored cents as the dollars that read back to them', () => {
    expect(dollarsText(999)).toBe('9.99')
    expect(dollarsText(500)).toBe('5.00')
    expect(dollarsText(5)).toBe('0.05')
    expect(dollarsText(null)).toBe('')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_PRICE_CENTS }),
        (cents) => parseDollars(dollarsText(cents)) === cents,
      ),
    )
  })
})

describe('money shown in the currency it is charged in', () => {
  it('divides by the currency’s own minor unit: hundredths for most, none for yen (Stripe’s zero-decimal)', () => {
    expect(formatMoney(4900)).toBe('$49.00')
    expect(formatMoney(4900, 'usd')).toBe('$49.00')
    expect(formatMoney(4900, 'eur')).toBe('€49.00')
    expect(formatMoney(4900, 'EUR')).toBe('€49.00')
    expect(formatMoney(1234, 'gbp')).toBe('£12.34')
    expect(formatMoney(999, 'cad')).toBe('CA$9.99')
    expect(formatMoney(4900, 'jpy')).toBe('¥4,900')
    expect(formatMoney(-250, 'sek')).toBe('-SEK\u00a02.50') // Intl's no-break space
  })
})
