import { describe, expect, it, vi } from 'vitest'

import {
  catalogCacheKey,
  catalogCacheSize,
  catalogGeneration,
  catalogHeaders,
  clearCatalogCache,
  etagMatches,
  readCatalogEntry,
  storeCatalogBody,
} from '@/catalog/cache'

describe('ETags', () => {
  it('matches strong, weak, listed and * forms, and nothing else', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true)
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true)
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true)
    expect(etagMatches('*', '"abc"')).toBe(true)
    expect(etagMatches('"abd"', '"abc"')).toBe(false)
    expect(etagMatches(undefined, '"abc"')).toBe(false)
    expect(etagMatches('', '"abc"')).toBe(false)
  })
})

describe('the cache and its Surrogate-Control', () => {
  it('keeps a body under its key with an ETag and a max-age no longer than its TTL; a clear empties it and moves the generation', () => {
    clearCatalogCache()
    const key = catalogCacheKey('package', 'engagement')
    expect(readCatalogEntry(key)).toBeUndefined()
    const entry = storeCatalogBody(key, '{"package":{}}')
    expect(readCatalogEntry(key)).toBe(entry)
    expect(entry.etag).toMatch(/^"[\w-]{27}"$/)
    const headers = catalogHeaders(entry)
    expect(headers.etag).toBe(entry.etag)
    expect(headers['cache-control']).toContain('no-transform')
    const maxAge = Number(/^max-age=(\d+)$/.exec(headers['surrogate-control'])?.[1])
    expect(maxAge).toBeGreaterThan(0)
    expect(maxAge).toBeLessThanOrEqual(300)

    const generation = catalogGeneration()
    clearCatalogCache()
    expect(catalogCacheSize()).toBe(0)
    expect(catalogGeneration()).not.toBe(generation)
    expect(readCatalogEntry(key)).toBeUndefined()
  })

  it('does not keep a body built across an invalidation, and gives it no Surrogate-Control', () => {
    clearCatalogCache()
    const key = catalogCacheKey('bundles', undefined)
    const before = catalogGeneration()
    clearCatalogCache()
    const entry = storeCatalogBody(key, '{"bundles":[]}', before)
    expect(entry.kept).toBe(false)
    expect(readCatalogEntry(key)).toBeUndefined()
    expect(catalogHeaders(entry)['surrogate-control']).toBeUndefined()
  })

  it('ends an entry at UTC midnight, when the date in its key changes, even with time left on the TTL', () => {
    vi.useFakeTimers({ now: new Date('2026-12-24T23:58:30Z') })
    try {
      clearCatalogCache()
      const entry = storeCatalogBody(catalogCacheKey('packages', undefined), '{"packages":[]}')
      expect(new Date(entry.expiresAt).toISOString()).toBe('2026-12-25T00:00:00.000Z')
      expect(catalogHeaders(entry)['surrogate-control']).toBe('max-age=90')
      expect(catalogHeaders(entry, entry.expiresAt - 500)['surrogate-control']).toBeUndefined()
    } finally {
      vi.useRealTimers()
    }
  })
})
