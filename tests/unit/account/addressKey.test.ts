import { createHash } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { addressKey } from '@/account/addressKey'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** The one hashing of an address for the rate limiter: the keys stay what they were, so live counters carry on. */
describe('addressKey', () => {
  it('is the first 40 hex characters of the SHA-256 of the trimmed, lower-cased address', () => {
    expect(addressKey(' Someone@Example.com ')).toBe(sha256('someone@example.com').slice(0, 40))
    expect(addressKey('someone@example.com')).toHaveLength(40)
  })

  it('takes further parts (a client address) after a newline, as the login throttle keyed them', () => {
    expect(addressKey('Someone@Example.com', '203.0.113.7')).toBe(
      sha256('someone@example.com\n203.0.113.7').slice(0, 40),
    )
    expect(addressKey('a@example.com', '203.0.113.7')).not.toBe(addressKey('a@example.com', '203.0.113.8'))
  })
})
