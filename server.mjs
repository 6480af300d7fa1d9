/**
 * Production server: Next.js (site, admin, API) behind one small shortcut. Public catalog
 * reads that the in-process catalog cache already holds are answered here, before Next's
 * per-request work; everything else, cache misses included, goes to Next and Payload,
 * which fill and clear that cache. `npm start` runs this after `payload migrate`.
 */
import http from 'node:http'

import next from 'next'

const port = Number(process.env.PORT ?? 3000)
const hostname = process.env.HOSTNAME ?? '0.0.0.0'
const app = next({ dev: false, hostname, port })
const handle = app.getRequestHandler()

// Mirrors CLIENT_ADDRESS_HEADER in src/endpoints/guard: the rate limits' client key. Behind a
// reverse proxy set TRUST_PROXY=1 to take the address the proxy appended to X-Forwarded-For.
const CLIENT_HEADER = 'x-photo-packages-client'
const HSTS = process.env.SERVER_URL?.startsWith('https://') ?? false
// The same reading as the flag in src/lib/settings.ts ("0" is off).
const TRUST_PROXY = ['1', 'true', 'yes', 'on'].includes(process.env.TRUST_PROXY?.trim().toLowerCase() ?? '')
const clientAddress = (req) => {
  const forwarded = TRUST_PROXY
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .pop()
        ?.trim()
    : ''
  return forwarded || req.socket.remoteAddress || 'unknown'
}

// Next decodes a dynamic route's segments itself and answers malformed percent-encoding
// (/api/packages/%ff) with a bare 500 before our route or guard runs: refuse it here.
const hasMalformedPath = (rawUrl) => {
  try {
    decodeURIComponent((rawUrl ?? '/').split('?')[0])
    return false
  } catch {
    return true
  }
}
// Next reads a multipart POST to a page as a no-JavaScript server-action form and answers a body it
// cannot parse (no boundary, truncated) with a bare 500. This site posts no such forms (its forms
// call the API, and Payload's admin calls its server functions with a Next-Action header): refuse them.
const isStrayFormPost = (req) =>
  req.method === 'POST' &&
  !(req.url ?? '/').startsWith('/api/') &&
  !req.headers['next-action'] &&
  String(req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('multipart/form-data')
const FORM_POST_REFUSAL = JSON.stringify({
  error: 'Pages take no form posts; send requests to the API under /api/.',
  field: 'body',
  errors: [{ message: 'Pages take no form posts; send requests to the API under /api/.', field: 'body' }],
})
// TRACE echoes a request back (cross-site tracing) and Next cannot build a Request for it: /api
// routes answered it with a bare 500. Nothing here serves it.
const METHOD_REFUSAL = JSON.stringify({
  error: 'TRACE is not served here.',
  errors: [{ message: 'TRACE is not served here.' }],
})
const PATH_REFUSAL = JSON.stringify({
  error: 'The path has invalid percent-encoding.',
  field: 'path',
  errors: [{ message: 'The path has invalid percent-encoding.', field: 'path' }],
})

// The fast path's answers carry their headers built once per cache entry; ours are added once
// per entry too (writeHead after setHeader would merge them header by header on every request).
const withOurHeaders = new WeakMap()
const ourHeaders = (headers) => {
  let merged = withOurHeaders.get(headers)
  if (!merged) {
    merged = { ...headers, 'x-content-type-options': 'nosniff' }
    if (HSTS) merged['strict-transport-security'] = 'max-age=31536000; includeSubDomains'
    withOurHeaders.set(headers, merged)
  }
  return merged
}

await app.prepare()
http
  .createServer((req, res) => {
    // The catalog's fast path (src/catalog/cache.ts), on globalThis once Next has loaded it. Only a
    // plain catalog path can hit, so it goes first; everything else goes on to Next.
    const hit =
      req.method === 'GET'
        ? globalThis.__photoPackagesCatalogFastPath?.(req.url ?? '/', req.headers['if-none-match'])
        : undefined
    if (hit) {
      res.writeHead(hit.status, ourHeaders(hit.headers))
      res.end(hit.body)
      return
    }
    req.headers[CLIENT_HEADER] = clientAddress(req)
    res.setHeader('x-content-type-options', 'nosniff')
    if (HSTS) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains')
    if (hasMalformedPath(req.url)) {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      res.end(PATH_REFUSAL)
      return
    }
    if (req.method === 'TRACE') {
      res.writeHead(405, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      })
      res.end(METHOD_REFUSAL)
      return
    }
    if (isStrayFormPost(req)) {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      res.end(FORM_POST_REFUSAL)
      return
    }
    handle(req, res)
  })
  .listen(port, hostname, () => console.log(`Photo Packages ready on http://${hostname}:${port}`))
