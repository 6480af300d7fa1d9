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
    const key = catalogCacheKey(1, 'package', 'engagement')
    expect(readCatalogEntry(key)).toBeUndefined()
    const entry = storeCatalogBody(1, key, '{"package":{}}')
    expect(readCatalogEntry(key)).toBe(entry)
    expect(entry.etag).toMatch(/^"[\w-]{27}"$/)
    const headers = catalogHeaders(entry)
    expect(headers.etag).toBe(entry.etag)
    expect(headers['x-photo-packages-studio']).toBe('1')
    expect(headers['cache-status']).toBe('photo-packages-app; fwd=miss; stored')
    expect(catalogHeaders(entry, { hit: true })['cache-status']).toBe('photo-packages-app; hit')
    expect(headers['cache-control']).toContain('no-transform')
    const maxAge = Number(/^max-age=(\d+)$/.exec(headers['surrogate-control'])?.[1])
    expect(maxAge).toBeGreaterThan(0)
    expect(maxAge).toBeLessThanOrEqual(300)

    const generation = catalogGeneration(1)
    clearCatalogCache()
    expect(catalogCacheSize()).toBe(0)
    expect(catalogGeneration(1)).not.toBe(generation)
    expect(readCatalogEntry(key)).toBeUndefined()
  })

  it('does not keep a body built across an invalidation, and gives it no Surrogate-Control', () => {
    clearCatalogCache()
    const key = catalogCacheKey(1, 'bundles', undefined)
    const before = catalogGeneration(1)
    clearCatalogCache()
    const entry = storeCatalogBody(1, key, '{"bundles":[]}', before)
    expect(entry.kept).toBe(false)
    expect(readCatalogEntry(key)).toBeUndefined()
    expect(catalogHeaders(entry)['surrogate-control']).toBeUndefined()
    expect(catalogHeaders(entry)['x-photo-packages-studio']).toBeUndefined()
    expect(catalogHeaders(entry)['cache-status']).toBe('photo-packages-app; fwd=miss')
  })

  it("a clear of one studio drops that studio's bodies and moves its generation only", () => {
    clearCatalogCache()
    const keyA = catalogCacheKey(1, 'packages', undefined)
    const keyB = catalogCacheKey(2, 'packages', undefined)
    // Studio 1's prefix is not studio 12's.
    const key12 = catalogCacheKey(12, 'packages', undefined)
    storeCatalogBody(1, keyA, '{"packages":["a"]}')
    const b = storeCatalogBody(2, keyB, '{"packages":["b"]}')
    const twelve = storeCatalogBody(12, key12, '{"packages":["12"]}')
    const [genA, genB] = [catalogGeneration(1), catalogGeneration(2)]
    // A body of B built while A was cleared is still kept; one of A is not.
    clearCatalogCache([1])
    expect(readCatalogEntry(keyA)).toBeUndefined()
    expect(readCatalogEntry(keyB)).toBe(b)
    expect(readCatalogEntry(key12)).toBe(twelve)
    expect(catalogCacheSize()).toBe(2)
    expect(catalogGeneration(1)).not.toBe(genA)
    expect(catalogGeneration(2)).toBe(genB)
    expect(storeCatalogBody(2, catalogCacheKey(2, 'bundles', undefined), '{}', genB).kept).toBe(true)
    expect(storeCatalogBody(1, keyA, '{}', genA).kept).toBe(false)
    // A full clear moves every studio's generation.
    clearCatalogCache()
    expect(catalogGeneration(2)).not.toBe(genB)
    expect(catalogCacheSize()).toBe(0)
  })

  it('ends an entry at UTC midnight, when the date in its key changes, even with time left on the TTL', () => {
    vi.useFakeTimers({ now: new Date('2026-12-24T23:58:30Z') })
    try {
      clearCatalogCache()
      const entry = storeCatalogBody(1, catalogCacheKey(1, 'packages', undefined), '{"packages":[]}')
      expect(new Date(entry.expiresAt).toISOString()).toBe('2026-12-25T00:00:00.000Z')
      expect(catalogHeaders(entry)['surrogate-control']).toBe('max-age=90')
      expect(catalogHeaders(entry, { now: entry.expiresAt - 500 })['surrogate-control']).toBeUndefined()
    } finally {
      vi.useRealTimers()
    }
  })
})
