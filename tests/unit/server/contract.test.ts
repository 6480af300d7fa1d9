import { describe, expect, it } from 'vitest'

import { clearCatalogCache } from '@/catalog/cache'
import { readSettings } from '@/lib/settings'
import { catalogPurgeMessage, onCatalogPurge, purgeOfMessage, readFrontSettings } from '@server/contract.mjs'

const outcome = (read: () => unknown): unknown => {
  try {
    return read()
  } catch (error) {
    return `refused: ${(error as Error).message}`
  }
}

describe('server/contract.mjs: what the front and the app share', () => {
  it('a catalog change reaches the purge listeners (server/app.mjs passes it on to the front)', () => {
    const purges: unknown[] = []
    const stop = onCatalogPurge((studios) => purges.push(studios))
    clearCatalogCache()
    clearCatalogCache([3, 7])
    expect(purges).toEqual([undefined, ['3', '7']])
    stop()
    clearCatalogCache()
    expect(purges).toHaveLength(2)
  })

  it('the purge message to the front names the studios, and anything else reads as a full purge', () => {
    expect(purgeOfMessage(catalogPurgeMessage(['3']))).toEqual({ studios: ['3'] })
    expect(purgeOfMessage(catalogPurgeMessage(undefined))).toEqual({ studios: undefined })
    // The message of a front and app from before per-studio purges.
    expect(purgeOfMessage({ type: 'photo-packages:catalog-purge' })).toEqual({ studios: undefined })
    expect(purgeOfMessage({ type: 'photo-packages:catalog-purge', studios: [3] })).toEqual({
      studios: undefined,
    })
    expect(purgeOfMessage({ type: 'photo-packages:catalog-purge', studios: [] })).toEqual({
      studios: undefined,
    })
    expect(purgeOfMessage({ type: 'ready' })).toBeNull()
    expect(purgeOfMessage(undefined)).toBeNull()
  })

  it.each([
    ['TRUST_PROXY', ['', ' yes ', 'On', '0', 'off', 'maybe'], 'trustProxy', 'trustProxy'],
    ['METRICS_PORT', ['', '9100', '0', '65536', 'x'], 'metricsPort', 'metricsPort'],
    ['METRICS_TOKEN', ['', 'short', 'a-long-enough-token-1234'], 'metricsToken', 'metricsToken'],
    ['REDIS_URL', ['', 'redis://127.0.0.1:6379', 'localhost:6379'], 'redisUrl', 'redisUrl'],
    ['BODY_MAX_BYTES', ['', '2048', '10', 'lots'], 'bodyMaxBytes', 'body'],
    ['SERVER_URL', ['', 'https://studio.example', 'studio.example'], 'serverUrl', 'httpsOrigin'],
    [
      'BODY_TIMEOUT_MS',
      ['', '5000', '999', '600001', 'soon'],
      'bodyTimeout.timeoutMs',
      'bodyTimeout.timeoutMs',
    ],
    [
      'BODY_MIN_BYTES_PER_SECOND',
      ['', '1', '0', 'fast'],
      'bodyTimeout.minBytesPerSecond',
      'bodyTimeout.minBytesPerSecond',
    ],
  ] as const)('the front reads %s as the settings schema does', (name, values, appKey, frontKey) => {
    /** `settings.a.b` for the key `a.b`. */
    const at = (settings: object, key: string): unknown =>
      key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown>)[part], settings)
    for (const value of values) {
      const app = outcome(() => at(readSettings({ [name]: value }), appKey))
      const front = outcome(() => {
        const settings = readFrontSettings({ [name]: value })
        return frontKey === 'body' ? settings.bodyLimits.body : at(settings, frontKey)
      })
      if (typeof app === 'string' && app.startsWith('refused')) expect(front, `${name}=${value}`).toBe(app)
      else if (frontKey === 'httpsOrigin')
        expect(front).toBe(Boolean((app as string | undefined)?.startsWith('https://')))
      else expect(front, `${name}=${value}`).toEqual(app)
    }
  })
})
