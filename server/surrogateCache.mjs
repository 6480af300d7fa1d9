import fresh from 'fresh'
import { LRUCache } from 'lru-cache'

/**
 * The front's copies of the responses that Next.js marks `Surrogate-Control: max-age=<s>`
 * (W3C Edge Architecture Specification 1.0): the public catalog reads. A copy is keyed by the
 * host the request was addressed to (each host is a studio's catalog: src/studios/resolveStudio.ts)
 * and the request target as the client sent it, and kept for max-age seconds or until purge() of
 * its studio (the app names it: X-Photo-Packages-Studio, server/contract.mjs) or of all. The
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
 * A copy's key: the host the app reads the studio from (X-Forwarded-Host when `trustProxy`, else
 * Host; lower case, port kept: the app ignores it, so a second port only costs a miss), then the
 * request target.
 */
export const copyKeyOf = (req, trustProxy) => {
  const first = (value) =>
    String(value ?? '')
      .split(',')[0]
      .trim()
      .toLowerCase()
  const host = (trustProxy && first(req.headers['x-forwarded-host'])) || first(req.headers.host)
  return `${host} ${req.url}`
}

/**
 * @param {{ maxEntries?: number, maxBytes?: number, headers?: Record<string, string>, trustProxy?: boolean }} options
 *   bounds (default 1000 copies, 64 MiB of bodies), headers the front adds to every answer, and
 *   TRUST_PROXY (the host a copy is kept under comes from X-Forwarded-Host).
 */
export const createSurrogateCache = ({
  maxEntries = 1000,
  maxBytes = 64 * 1024 * 1024,
  headers = {},
  trustProxy = false,
} = {}) => {
  const copies = new LRUCache({
    max: maxEntries,
    maxSize: maxBytes,
    maxEntrySize: maxBytes / 16,
    sizeCalculation: (copy) => copy.ok.body.length + 1,
  })
  // The race guard. `sequence` moves on every purge; a response whose request began (begin())
  // before a purge that covers it may hold what was purged, so it is not kept. A purge covers a
  // copy of its studios, every copy when it is full, and always the copies no studio marks.
  let sequence = 0
  let lastFull = 0
  let lastAny = 0
  /** Studio id (string) → the sequence of its last purge. One entry per studio ever purged: a few. */
  const lastOfStudio = new Map()
  const purgedSince = (token, studio) =>
    lastFull > token || (studio === undefined ? lastAny > token : (lastOfStudio.get(studio) ?? 0) > token)

  return {
    /**
     * The copy's answer to a GET: 200 with the bytes, 304 when If-None-Match holds its ETag
     * (weak comparison, RFC 9110 §13.1.2). None when the client asks for a response validated
     * by the origin (`Cache-Control: no-cache`, RFC 9111 §5.2.1.4; `Pragma: no-cache`, §5.4).
     */
    lookup(req) {
      const { 'cache-control': cacheControl, pragma } = req.headers
      if ((cacheControl && NO_CACHE.test(cacheControl)) || (pragma && NO_CACHE.test(pragma))) return undefined
      const copy = copies.get(copyKeyOf(req, trustProxy))
      if (!copy) return undefined
      return req.headers['if-none-match'] && fresh(req.headers, copy.ok.headers) ? copy.notModified : copy.ok
    },
    /** A token to pass to store() for a response to a request starting now. */
    begin: () => sequence,
    /**
     * Keeps a copy of a complete response when it may be kept: a 200 to a GET, with a
     * Surrogate-Control max-age, no Set-Cookie, no Content-Encoding, and no purge of its studio
     * (or a full one) since `token`. Returns whether the copy is kept.
     * @param {number} token from begin()
     * @param {{ url?: string, headers: Record<string, string | string[] | undefined> }} req the request
     * @param {{ statusCode?: number, headers: Record<string, string | string[] | undefined> }} response
     * @param {string | undefined} surrogateControl the header's value (the caller removes it)
     * @param {Buffer} body
     * @param {string | string[]} [studio] the app's X-Photo-Packages-Studio (the caller
     *   removes it): whose catalog this is. Unmarked, any purge drops the copy.
     */
    store(token, req, response, surrogateControl, body, studio) {
      const seconds = surrogateMaxAge(surrogateControl)
      const { headers: received } = response
      const owner = typeof studio === 'string' && studio !== '' ? studio : undefined
      if (purgedSince(token, owner) || response.statusCode !== 200 || seconds <= 0) return false
      if (received['set-cookie'] || (received['content-encoding'] ?? 'identity') !== 'identity') return false
      const kept = { ...headers }
      for (const [name, value] of Object.entries(received)) {
        if (STORED.has(name) && value !== undefined) kept[name] = value
      }
      kept['cache-status'] = CACHE_STATUS_HIT
      const { 'content-type': _type, ...notModified } = kept
      const key = copyKeyOf(req, trustProxy)
      copies.set(
        key,
        {
          studio: owner,
          ok: { status: 200, headers: { ...kept, 'content-length': String(body.length) }, body },
          notModified: { status: 304, headers: notModified, body: '' },
        },
        { ttl: seconds * 1000 },
      )
      return copies.has(key)
    },
    /**
     * Drops the copies of `studios` (ids as strings: their catalogs changed) and those no studio
     * marks; without `studios` (or with none), every copy (the catalog changed somewhere). A walk
     * over at most maxEntries copies.
     * @param {string[]} [studios]
     */
    purge(studios) {
      sequence++
      lastAny = sequence
      if (!studios?.length) {
        lastFull = sequence
        copies.clear()
        return
      }
      const purged = new Set(studios.map(String))
      for (const id of purged) lastOfStudio.set(id, sequence)
      const dropped = []
      for (const [key, copy] of copies.entries())
        if (copy.studio === undefined || purged.has(copy.studio)) dropped.push(key)
      for (const key of dropped) copies.delete(key)
    },
    get size() {
      return copies.size
    },
  }
}
