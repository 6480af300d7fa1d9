import { describe, expect, it } from 'vitest'

import { returnOrigin } from '@/billing/publicOrigin'

const headers = (values: Record<string, string>) => new Headers(values)
const dev = { linkOrigin: 'http://localhost:3000', trustProxy: false }

describe('returnOrigin (where Stripe sends a customer back)', () => {
  it('is SERVER_URL whenever it is set, whatever the request says', () => {
    const given = headers({
      host: 'evil.test',
      'x-forwarded-host': 'evil.test',
      'x-forwarded-proto': 'https',
    })
    expect(returnOrigin(given, { ...dev, publicOrigin: 'https://studio.example' })).toBe(
      'https://studio.example',
    )
  })

  it("without SERVER_URL, is the request's own Host at the link origin's scheme and port", () => {
    expect(returnOrigin(headers({ host: '127.0.0.1:3000' }), dev)).toBe('http://127.0.0.1:3000')
    expect(returnOrigin(headers({ host: '[::1]:3000' }), dev)).toBe('http://[::1]:3000')
    expect(returnOrigin(headers({}), dev)).toBe('http://localhost:3000')
  })

  it('ignores a client-sent X-Forwarded-Host and X-Forwarded-Proto without TRUST_PROXY', () => {
    const given = headers({
      host: 'localhost:3000',
      'x-forwarded-host': 'evil.test',
      'x-forwarded-proto': 'gopher',
    })
    expect(returnOrigin(given, dev)).toBe('http://localhost:3000')
    expect(returnOrigin(given, { ...dev, trustProxy: true })).toBe('http://evil.test:3000')
  })
})
