/**
 * The front's own Prometheus series (prom-client) and GET /metrics for the whole app node: the
 * front's registry merged with its Next.js child's (asked over the child's socket with a per-start
 * token, src/ops/metricsAccess.ts), so one scrape covers the pair. Every series carries
 * `component` ("front" here, "app" for the child).
 *
 * Served with `Authorization: Bearer $METRICS_TOKEN` on the public port, or with no token on
 * 127.0.0.1:$METRICS_PORT. Without METRICS_TOKEN the public /metrics answers 404.
 */
import { timingSafeEqual } from 'node:crypto'
import http from 'node:http'

import { AggregatorRegistry, collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client'

import { INTERNAL_TOKEN_HEADER } from './contract.mjs'

export const registry = new Registry()
registry.setDefaultLabels({ component: 'front' })
collectDefaultMetrics({ register: registry })
// Gauges named `_total`, which promtool refuses; by-type counts stay (src/lib/metrics.ts says more).
for (const name of ['handles', 'requests', 'resources'])
  registry.removeSingleMetric(`nodejs_active_${name}_total`)

const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Requests the app node answered (from a copy, a refusal or the app), by route template, method and status code; from arrival to the last byte.',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
})

const catalogCopies = new Counter({
  name: 'photo_packages_catalog_copy_lookups_total',
  help: 'Catalog reads the front could copy: result hit (answered from its copy) or miss (asked the app, which may fill the copy).',
  labelNames: ['result'],
  registers: [registry],
})
catalogCopies.inc({ result: 'hit' }, 0)
catalogCopies.inc({ result: 'miss' }, 0)

export const countCatalogCopy = (result) => catalogCopies.inc({ result })

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
// Past this many distinct templates new ones count as "other": no client can grow the series.
const MAX_ROUTES = 300
const seenRoutes = new Set()

// Segments that are data, not route: numbers and ids, and the variable tails of a few routes.
const ID = /^(\d+|[0-9a-f]{24}|[0-9a-f-]{36})$/i
const templateOf = (path) => {
  if (path === '/' || path === '') return '/'
  if (path.startsWith('/_next/')) return '/_next/*'
  if (path === '/admin' || path.startsWith('/admin/')) return '/admin/*'
  if (path.startsWith('/monaco-editor/')) return '/monaco-editor/*'
  const segments = path.split('/').slice(1)
  if (segments.length > 8) return 'other'
  return `/${segments
    .map((segment, index) => {
      const before = segments[index - 1]
      if (ID.test(segment)) return ':id'
      if (before === 'file' && segments[0] === 'api') return ':filename'
      if (before === 'packages' && segment !== 'compare' && index <= 2) return ':slug'
      return segment.length > 40 ? ':value' : segment
    })
    .join('/')}`
}

/**
 * The route template of a request, for the `route` label: ids become `:id`, file names
 * `:filename`, package slugs `:slug`; a 404 is `unmatched` whatever its path.
 */
export const routeOf = (url, status) => {
  if (status === 404) return 'unmatched'
  const path = String(url ?? '/').split('?')[0]
  const route = templateOf(path)
  if (seenRoutes.has(route)) return route
  if (seenRoutes.size >= MAX_ROUTES) return 'other'
  seenRoutes.add(route)
  return route
}

/** Observes `res` once it has been sent (or the client went away). */
export const timeRequest = (req, res) => {
  const started = process.hrtime.bigint()
  const url = req.url
  res.once('close', () => {
    const method = METHODS.has(req.method) ? req.method : 'other'
    httpDuration.observe(
      { method, route: routeOf(url, res.statusCode), status_code: String(res.statusCode) },
      Number(process.hrtime.bigint() - started) / 1e9,
    )
  })
}

const authorized = (header, token) => {
  const bearer = `Bearer ${token}`
  if (typeof header !== 'string') return false
  const given = Buffer.from(header)
  const expected = Buffer.from(bearer)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The child's series as prom-client JSON, or [] when it does not answer within `timeoutMs`. */
const childMetrics = (target, internalToken, timeoutMs = 2000) =>
  new Promise((resolve) => {
    const request = http.get(
      { ...target, path: '/metrics', headers: { [INTERNAL_TOKEN_HEADER]: internalToken } },
      (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () => {
          try {
            resolve(response.statusCode === 200 ? JSON.parse(Buffer.concat(chunks).toString()) : [])
          } catch {
            resolve([])
          }
        })
      },
    )
    request.setTimeout(timeoutMs, () => request.destroy())
    request.on('error', () => resolve([]))
  })

/**
 * Answers GET /metrics: `open` (the loopback METRICS_PORT) needs no token; otherwise 404 without
 * `token` (METRICS_TOKEN) and 401 without the right bearer token. `target`: the child's address.
 */
export const serveMetrics = async (req, res, { target, internalToken, open, token, headers = {} }) => {
  const plain = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }
  if (!open && !token) {
    return void res.writeHead(404, plain).end(JSON.stringify({ errors: [{ message: 'Not Found' }] }))
  }
  if (!open && !authorized(req.headers.authorization, token)) {
    const message = 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.'
    return void res
      .writeHead(401, { ...plain, 'www-authenticate': 'Bearer realm="metrics"' })
      .end(JSON.stringify({ errors: [{ message }] }))
  }
  const merged = AggregatorRegistry.aggregate([
    await registry.getMetricsAsJSON(),
    await childMetrics(target, internalToken),
  ])
  res
    .writeHead(200, { 'content-type': merged.contentType, 'cache-control': 'no-store', ...headers })
    .end(await merged.metrics())
}

/**
 * Answers GET /readyz with the child's checks (src/ops/readiness.ts), or 503 naming `app` when the
 * child does not answer within `timeoutMs` (it is starting, hung or gone).
 */
export const serveReadiness = (res, { target, headers = {}, timeoutMs = 1800 }) => {
  const started = performance.now()
  const answer = (status, body) =>
    res
      .writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...headers,
      })
      .end(body)
  const request = http.get({ ...target, path: '/readyz' }, (response) => {
    const chunks = []
    response.on('data', (chunk) => chunks.push(chunk))
    response.on('end', () => answer(response.statusCode === 200 ? 200 : 503, Buffer.concat(chunks)))
    response.on('error', () => request.destroy())
  })
  request.setTimeout(timeoutMs, () =>
    request.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })),
  )
  request.on('error', (error) => {
    if (res.headersSent) return
    const latencyMs = Math.round(performance.now() - started)
    const check = { name: 'app', ok: false, latencyMs, error: error.code ?? 'timeout' }
    answer(503, JSON.stringify({ status: 'unavailable', checks: [check], failing: ['app'] }))
  })
}
