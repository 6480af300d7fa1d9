import fresh from 'fresh'
import { LRUCache } from 'lru-cache'

/**
 * The front's copies of the responses that Next.js marks `Surrogate-Control: max-age=<s>`
 * (W3C Edge Architecture Specification 1.0): the public catalog reads. A copy is keyed by the
 * request target as the client sent it and kept for max-age seconds or until purge(). The
 * bound (entries and bytes) matters: a client can spell one URL many ways (query order, repeats).
 */

// A copy keeps the representation's own fields (RFC 9110 §8) and the caching fields (RFC 9111
// §5), nothing Next.js adds for pages (client hints, Vary on its router headers, CORS preflight
// answers), so each answer is a few small fields: a copy is served at bare-server speed.
const STORED = new Set([
  'cache-control',
  'content-language',
  'content-type',
  'etag',
  'expires',
  'last-modified',
])
// RFC 9211: which cache answered, and how.
export const CACHE_STATUS_HIT = 'photo-packages-front; hit'
export const CACHE_STATUS_MISS = 'photo-packages-front; fwd=miss'
const NO_CACHE = /(?:^|,)\s*no-cache\s*(?:,|$)/i
const MAX_AGE = /(?:^|,)\s*max-age=(\d+)/i

/** Seconds from a Surrogate-Control value, or 0 when it gives none. */
export const surrogateMaxAge = (value) => Number(MAX_AGE.exec(String(value ?? ''))?.[1] ?? 0)

/**
 * @param {{ maxEntries?: number, maxBytes?: number, headers?: Record<string, string> }} options
 *   bounds (default 1000 copies, 64 MiB of bodies) and headers the front adds to every answer.
 */
export const createSurrogateCache = ({
  maxEntries = 1000,
  maxBytes = 64 * 1024 * 1024,
  headers = {},
} = {}) => {
  const copies = new LRUCache({
    max: maxEntries,
    maxSize: maxBytes,
    maxEntrySize: maxBytes / 16,
    sizeCalculation: (copy) => copy.ok.body.length + 1,
  })
  // Moves on every purge: a response whose request began before a purge may hold what was purged.
  let generation = 0

  return {
    /**
     * The copy's answer to a GET: 200 with the bytes, 304 when If-None-Match holds its ETag
     * (weak comparison, RFC 9110 §13.1.2). None when the client asks for a response validated
     * by the origin (`Cache-Control: no-cache`, RFC 9111 §5.2.1.4; `Pragma: no-cache`, §5.4).
     */
    lookup(req) {
      const { 'cache-control': cacheControl, pragma } = req.headers
      if ((cacheControl && NO_CACHE.test(cacheControl)) || (pragma && NO_CACHE.test(pragma))) return undefined
      const copy = copies.get(req.url)
      if (!copy) return undefined
      return req.headers['if-none-match'] && fresh(req.headers, copy.ok.headers) ? copy.notModified : copy.ok
    },
    /** A token to pass to store() for a response to a request starting now. */
    begin: () => generation,
    /**
     * Keeps a copy of a complete response when it may be kept: a 200 to a GET, with a
     * Surrogate-Control max-age, no Set-Cookie, no Content-Encoding, no purge since `token`.
     * @param {number} token from begin()
     * @param {string} url the request target
     * @param {{ statusCode?: number, headers: Record<string, string | string[] | undefined> }} response
     * @param {string | undefined} surrogateControl the header's value (the caller removes it)
     * @param {Buffer} body
     */
    store(token, url, response, surrogateControl, body) {
      const seconds = surrogateMaxAge(surrogateControl)
      const { headers: received } = response
      if (token !== generation || response.statusCode !== 200 || seconds <= 0) return false
      if (received['set-cookie'] || (received['content-encoding'] ?? 'identity') !== 'identity') return false
      const kept = { ...headers }
      for (const [name, value] of Object.entries(received)) {
        if (STORED.has(name) && value !== undefined) kept[name] = value
      }
      kept['cache-status'] = CACHE_STATUS_HIT
      const { 'content-type': _type, ...notModified } = kept
      copies.set(
        url,
        {
          ok: { status: 200, headers: { ...kept, 'content-length': String(body.length) }, body },
          notModified: { status: 304, headers: notModified, body: '' },
        },
        { ttl: seconds * 1000 },
      )
      return copies.has(url)
    },
    /** Drops every copy (the catalog changed somewhere). */
    purge() {
      generation++
      copies.clear()
    },
    get size() {
      return copies.size
    },
  }
}
