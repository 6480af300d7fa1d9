import { describe, expect, it } from 'vitest'

import {
  catalogCacheKey,
  catalogCacheSize,
  catalogFastResponse,
  catalogGeneration,
  catalogKeyForUrl,
  clearCatalogCache,
  etagMatches,
  storeCatalogBody,
} from '@/catalog/cache'

const june1 = new Date('2026-06-01T12:00:00Z')

describe('the catalog cache key', () => {
  it('maps each public catalog URL to the key its endpoint fills', () => {
    expect(catalogKeyForUrl('/api/packages', june1)).toBe(catalogCacheKey('packages', undefined, june1))
    expect(catalogKeyForUrl('/api/packages?category=wedding', june1)).toBe('packages:wedding@06-01')
    expect(catalogKeyForUrl('/api/packages/engagement', june1)).toBe('package:engagement@06-01')
    expect(catalogKeyForUrl('/api/packages/engagement/themes', june1)).toBe('themes:engagement@06-01')
    expect(catalogKeyForUrl('/api/packages/engagement/pricing', june1)).toBe('pricing:engagement@06-01')
    expect(catalogKeyForUrl('/api/bundles', june1)).toBe('bundles:*@06-01')
  })

  it('has no key for what is never cached: ?at=, other parameters, other paths', () => {
    expect(catalogKeyForUrl('/api/packages?at=2026-12-24')).toBeUndefined()
    expect(catalogKeyForUrl('/api/packages/engagement?category=wedding')).toBeUndefined()
    expect(catalogKeyForUrl('/api/packages/Engagement')).toBeUndefined()
    expect(catalogKeyForUrl('/api/photo-packages')).toBeUndefined()
    expect(catalogKeyForUrl('/api/packages/engagement/other')).toBeUndefined()
  })
})

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

describe('the fast path', () => {
  it('answers a cached URL with 200 and its ETag, then 304 for that ETag; a clear empties it and moves the generation', () => {
    clearCatalogCache()
    expect(catalogFastResponse('/api/packages/engagement')).toBeUndefined()
    const entry = storeCatalogBody(catalogCacheKey('package', 'engagement'), '{"package":{}}')
    const hit = catalogFastResponse('/api/packages/engagement')
    expect(hit).toMatchObject({
      status: 200,
      body: Buffer.from('{"package":{}}'),
      headers: { etag: entry.etag },
    })
    expect(hit?.headers['content-length']).toBe('14')
    expect(hit?.headers['content-type']).toMatch(/^application\/json/)
    expect(catalogFastResponse('/api/packages/engagement', entry.etag)).toMatchObject({
      status: 304,
      body: '',
    })
    expect(catalogFastResponse('/api/packages/engagement?at=2026-01-01')).toBeUndefined()

    const generation = catalogGeneration()
    clearCatalogCache()
    expect(catalogCacheSize()).toBe(0)
    expect(catalogGeneration()).not.toBe(generation)
    expect(catalogFastResponse('/api/packages/engagement')).toBeUndefined()
  })
})
