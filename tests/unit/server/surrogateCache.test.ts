import { describe, expect, it } from 'vitest'

import { createSurrogateCache, surrogateMaxAge } from '../../../server/surrogateCache.mjs'

const catalogResponse = (headers: Record<string, string> = {}, statusCode = 200) => ({
  statusCode,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'public, max-age=0, must-revalidate, no-transform',
    etag: '"abc"',
    date: 'Mon, 30 Nov 2026 23:00:00 GMT',
    connection: 'keep-alive',
    'keep-alive': 'timeout=65',
    'transfer-encoding': 'chunked',
    vary: 'rsc, next-router-state-tree',
    'accept-ch': 'Sec-CH-Prefers-Color-Scheme',
    ...headers,
  },
})
const body = Buffer.from('{"packages":[]}')
const get = (url: string, headers: Record<string, string> = {}) => ({ url, headers })

describe("the front's surrogate cache", () => {
  it('reads max-age from Surrogate-Control, and nothing else', () => {
    expect(surrogateMaxAge('max-age=120')).toBe(120)
    expect(surrogateMaxAge('no-store, max-age=7')).toBe(7)
    expect(surrogateMaxAge('s-max-age=7')).toBe(0)
    expect(surrogateMaxAge(undefined)).toBe(0)
  })

  it("keeps a marked 200 with only the representation's and caching fields, and answers 200 or 304 from it", () => {
    const cache = createSurrogateCache({ headers: { 'x-content-type-options': 'nosniff' } })
    expect(cache.lookup(get('/api/packages'))).toBeUndefined()
    expect(cache.store(cache.begin(), get('/api/packages'), catalogResponse(), 'max-age=60', body)).toBe(true)
    const ok = cache.lookup(get('/api/packages'))
    expect(ok).toEqual({
      status: 200,
      headers: {
        'x-content-type-options': 'nosniff',
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'public, max-age=0, must-revalidate, no-transform',
        etag: '"abc"',
        'cache-status': 'photo-packages-front; hit',
        'content-length': String(body.length),
      },
      body,
    })
    expect(cache.lookup(get('/api/packages', { 'if-none-match': 'W/"abc"' }))).toMatchObject({
      status: 304,
      body: '',
      headers: { etag: '"abc"' },
    })
    expect(cache.lookup(get('/api/packages', { 'if-none-match': '"other"' }))?.status).toBe(200)
    // A client asking for origin validation goes on to the app.
    expect(cache.lookup(get('/api/packages', { 'cache-control': 'no-cache' }))).toBeUndefined()
    expect(cache.lookup(get('/api/packages', { pragma: 'no-cache' }))).toBeUndefined()
    expect(cache.lookup(get('/api/packages', { 'cache-control': 'max-age=0' }))?.status).toBe(200)
    // Another spelling of the target is another copy: the child decides what each one is.
    expect(cache.lookup(get('/api/packages?category=wedding'))).toBeUndefined()
  })

  it('keeps nothing unmarked, not a 200, with a cookie or a content coding', () => {
    const cache = createSurrogateCache()
    expect(cache.store(cache.begin(), get('/a'), catalogResponse(), undefined, body)).toBe(false)
    expect(cache.store(cache.begin(), get('/a'), catalogResponse(), 'max-age=0', body)).toBe(false)
    expect(cache.store(cache.begin(), get('/a'), catalogResponse({}, 404), 'max-age=60', body)).toBe(false)
    expect(
      cache.store(cache.begin(), get('/a'), catalogResponse({ 'set-cookie': 'a=b' }), 'max-age=60', body),
    ).toBe(false)
    expect(
      cache.store(
        cache.begin(),
        get('/a'),
        catalogResponse({ 'content-encoding': 'gzip' }),
        'max-age=60',
        body,
      ),
    ).toBe(false)
    expect(cache.size).toBe(0)
  })

  it('drops every copy on purge, and refuses a response whose request began before the purge', () => {
    const cache = createSurrogateCache()
    const early = cache.begin()
    cache.store(cache.begin(), get('/api/bundles'), catalogResponse(), 'max-age=60', body)
    cache.purge()
    expect(cache.lookup(get('/api/bundles'))).toBeUndefined()
    expect(cache.store(early, get('/api/packages'), catalogResponse(), 'max-age=60', body)).toBe(false)
    expect(cache.store(cache.begin(), get('/api/packages'), catalogResponse(), 'max-age=60', body)).toBe(true)
  })

  it("a purge of studio A drops A's copies (and unmarked ones) and keeps B's", () => {
    const cache = createSurrogateCache()
    const at = (host: string, url = '/api/packages') => get(url, { host })
    const keep = (host: string, studio: string | undefined, url?: string) =>
      cache.store(cache.begin(), at(host, url), catalogResponse(), 'max-age=60', body, studio)
    expect(keep('a.test', '1')).toBe(true)
    expect(keep('a.test', '1', '/api/bundles')).toBe(true)
    expect(keep('b.test', '2')).toBe(true)
    // Studio 12's copy is not studio 1's.
    expect(keep('c.test', '12')).toBe(true)
    expect(keep('old.test', undefined)).toBe(true)
    const beforeA = cache.begin()
    cache.purge(['1'])
    expect(cache.lookup(at('a.test'))).toBeUndefined()
    expect(cache.lookup(at('a.test', '/api/bundles'))).toBeUndefined()
    expect(cache.lookup(at('old.test'))).toBeUndefined()
    expect(cache.lookup(at('b.test'))?.status).toBe(200)
    expect(cache.lookup(get('/api/packages', { host: 'b.test', 'if-none-match': '"abc"' }))?.status).toBe(304)
    expect(cache.lookup(at('c.test'))?.status).toBe(200)
    expect(cache.size).toBe(2)
    // The race guard, per studio: a response begun before A's purge is not kept for A (nor
    // unmarked), and is for B, whose catalog the purge did not touch.
    const store = (host: string, studio: string | undefined) =>
      cache.store(beforeA, at(host, '/api/packages?late'), catalogResponse(), 'max-age=60', body, studio)
    expect(store('a.test', '1')).toBe(false)
    expect(store('old.test', undefined)).toBe(false)
    expect(store('b.test', '2')).toBe(true)
    // A full purge drops every copy and refuses every response begun before it.
    const beforeAll = cache.begin()
    cache.purge()
    expect(cache.size).toBe(0)
    expect(store('b.test', '2')).toBe(false)
    expect(cache.store(beforeAll, at('c.test'), catalogResponse(), 'max-age=60', body, '12')).toBe(false)
    expect(keep('c.test', '12')).toBe(true)
  })

  it('holds at most maxEntries copies, dropping the least recently used', () => {
    const cache = createSurrogateCache({ maxEntries: 3 })
    for (const n of [1, 2, 3])
      cache.store(cache.begin(), get(`/p?n=${n}`), catalogResponse(), 'max-age=60', body)
    cache.lookup(get('/p?n=1'))
    cache.store(cache.begin(), get('/p?n=4'), catalogResponse(), 'max-age=60', body)
    expect(cache.size).toBe(3)
    expect(cache.lookup(get('/p?n=2'))).toBeUndefined()
    expect(cache.lookup(get('/p?n=1'))?.status).toBe(200)
  })

  it('keeps one copy per host: two studios’ catalogs at one URL never share one', () => {
    const cache = createSurrogateCache()
    const a = (url: string) => get(url, { host: 'a.test' })
    cache.store(cache.begin(), a('/api/packages'), catalogResponse(), 'max-age=60', body)
    expect(cache.lookup(a('/api/packages'))?.status).toBe(200)
    expect(cache.lookup(get('/api/packages', { host: 'A.TEST' }))?.status).toBe(200)
    expect(cache.lookup(get('/api/packages', { host: 'b.test' }))).toBeUndefined()
    // X-Forwarded-Host names the host only behind a trusted proxy (TRUST_PROXY).
    expect(
      cache.lookup(get('/api/packages', { host: 'b.test', 'x-forwarded-host': 'a.test' })),
    ).toBeUndefined()
    const proxied = createSurrogateCache({ trustProxy: true })
    proxied.store(
      proxied.begin(),
      get('/api/packages', { host: 'front', 'x-forwarded-host': 'a.test' }),
      catalogResponse(),
      'max-age=60',
      body,
    )
    expect(
      proxied.lookup(get('/api/packages', { host: 'front', 'x-forwarded-host': 'a.test' }))?.status,
    ).toBe(200)
    expect(
      proxied.lookup(get('/api/packages', { host: 'front', 'x-forwarded-host': 'b.test' })),
    ).toBeUndefined()
  })
})
