/**
 * The front: one small process that owns the public port, in production (`npm start` runs it after
 * `payload migrate`) and in development (`npm run dev` runs it with `--dev`). It refuses what
 * Next.js cannot serve (server/refusals.mjs, body limits), answers the public catalog reads it
 * holds a copy of, and proxies everything else to the Next.js app (site, admin, API), its child:
 * - production: server/app.mjs on a Unix socket the front alone reaches;
 * - `--dev`: `next dev` on a free loopback port, with no catalog copies (an edit shows at once)
 *   and WebSocket upgrades passed through (hot reload). The refusals are the same.
 * What the front and the app share (header names, the purge message, security headers, the value
 * parsers) is in server/contract.mjs.
 *
 * Why two processes: Next.js turns on Node's async context tracking, which on Node 20 costs
 * every request in its process a share of CPU; the catalog copies here pay none of it.
 * The child marks what may be copied with Surrogate-Control (and whose studio's catalog it is) and
 * sends a purge over the IPC channel on every catalog change, its own or another node's, naming
 * the studios it concerns when it knows them (src/catalog/cache.ts).
 */
import { randomBytes } from 'node:crypto'
import http from 'node:http'

import { createProxyServer } from 'http-proxy-3'

import { bodyLimitOf, limitBody } from './bodyLimit.mjs'
import { timeBody } from './bodyTimeout.mjs'
import {
  CATALOG_STUDIO_HEADER,
  CLIENT_ADDRESS_HEADER,
  clientAddressOf,
  frontSettingsOrExit,
  INTERNAL_TOKEN_HEADER,
  purgeOfMessage,
  REQUEST_HOST_HEADER,
  SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
} from './contract.mjs'
import { countCatalogCopy, serveMetrics, serveReadiness, timeRequest } from './frontMetrics.mjs'
import { answerClientError, askAllow, refuseBadHost, refuseUnservable } from './refusals.mjs'
import { assignRequestId } from './requestId.mjs'
import { requireRedis } from './requireRedis.mjs'
import { startChild } from './startChild.mjs'
import { CACHE_STATUS_MISS, createSurrogateCache } from './surrogateCache.mjs'

const dev = process.argv.includes('--dev')
// A wrong value stops the node here, with one line naming the variable.
const settings = frontSettingsOrExit()
const { port, hostname, metricsPort, trustProxy, bodyLimits, bodyTimeout } = settings

const frontHeaders = { ...SECURITY_HEADERS }
if (settings.httpsOrigin) frontHeaders['strict-transport-security'] = STRICT_TRANSPORT_SECURITY
// In development nothing is copied: an edit shows on the next request, purge or not.
const catalog = dev ? null : createSurrogateCache({ headers: frontHeaders, trustProxy })

// A wrong REDIS_URL stops the node here, with one line naming it, before the child starts.
await requireRedis(settings.redisUrl)

// Lets the child tell the front's own /metrics request from anything the front proxies.
const internalToken = randomBytes(32).toString('base64url')
// The child: its address (`{ socketPath }` or `{ host, port }`), its process, and `ready`.
const child = await startChild({ dev, internalToken, frontPort: port })
const { target, app } = child
// next dev compiles a route on its first request (tens of seconds on a busy machine).
const allowOf = askAllow(target, dev ? 90_000 : 10_000)
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal))

const proxy = createProxyServer({
  target,
  // Idle sockets to the child close before the child's keep-alive timeout (65 s) could close one
  // under a request just sent on it.
  agent: new http.Agent({ keepAlive: true, timeout: 60_000 }),
  // The request target goes on exactly as received (no URL normalisation in between).
  toProxy: true,
  prependPath: false,
  // Connection is hop-by-hop (RFC 9110 §7.6.1): the client's (nginx sends its upstream
  // `Connection: close`) says nothing of the front's socket to the child. Forwarded, it made the
  // child close that socket right after an answer it gave before reading the body, while the
  // front was still writing the body: EPIPE, and a 502 instead of the app's answer.
  headers: { connection: 'keep-alive' },
})
const copyToken = Symbol('surrogate cache token')
const childRequest = Symbol('request to the child')
const bodyRefused = Symbol('body over its limit')
proxy.on('proxyReq', (proxyReq, req) => {
  req[childRequest] = proxyReq
})
proxy.on('proxyRes', (proxyRes, req) => {
  // Hop-by-hop fields of the child's connection, not the client's (RFC 9110 §7.6.1).
  delete proxyRes.headers['keep-alive']
  delete proxyRes.headers.connection
  // The app's own marks for the front: whose catalog an answer is, and its in-process cache's
  // verdict (the front's copies are the cache a client sees: it sets its own Cache-Status).
  const studio = proxyRes.headers[CATALOG_STUDIO_HEADER]
  delete proxyRes.headers[CATALOG_STUDIO_HEADER]
  delete proxyRes.headers['cache-status']
  const surrogateControl = proxyRes.headers['surrogate-control']
  if (surrogateControl === undefined) return
  delete proxyRes.headers['surrogate-control']
  if (req.method !== 'GET' || !catalog) return
  countCatalogCopy('miss')
  proxyRes.headers['cache-status'] = CACHE_STATUS_MISS
  const chunks = []
  proxyRes.on('data', (chunk) => chunks.push(chunk))
  proxyRes.on('end', () =>
    catalog.store(req[copyToken], req, proxyRes, surrogateControl, Buffer.concat(chunks), studio),
  )
})
proxy.on('error', (error, req, res) => {
  // The front aborted it: the client has its 413 (server/bodyLimit.mjs) or 408 (server/bodyTimeout.mjs).
  if (req[bodyRefused]) return
  // The child is restarting or gone; a request the client abandoned needs no answer.
  if (!(res instanceof http.ServerResponse) || res.headersSent) return void res.destroy?.()
  console.error(`proxy ${req.method} ${req.url}: ${error.message}`)
  const message = 'The app is not answering; try again shortly.'
  res
    .writeHead(502, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...frontHeaders,
    })
    .end(JSON.stringify({ error: message, errors: [{ message }] }))
})

// RFC 9112 §3.2.2: a server must accept a target in absolute form (`GET http://host/path`), which
// Next reads as a path. The path goes on as sent; the target's authority replaces Host.
const ABSOLUTE_FORM = /^https?:\/\/([^/?#]*)(.*)$/i
const toOriginForm = (req) => {
  const match = ABSOLUTE_FORM.exec(req.url ?? '/')
  if (!match) return
  const [, authority, rest] = match
  req.url = rest.startsWith('/') ? rest : `/${rest}`
  if (authority) req.headers.host = authority.slice(authority.lastIndexOf('@') + 1)
}

// An Upgrade offer (curl --http2 offers h2c) describes the client's connection (RFC 9110 §7.8),
// not the front's to the child; forwarded, it reached Next, which ends the socket of any upgrade
// but its dev-mode HMR one, and the client got an empty reply. Only close/keep-alive go on.
const PERSISTENCE = new Set(['close', 'keep-alive'])
const dropUpgradeOffer = (req) => {
  if (req.headers.upgrade === undefined) return
  delete req.headers.upgrade
  delete req.headers['http2-settings']
  const kept = String(req.headers.connection ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => PERSISTENCE.has(token))
  if (kept.length) req.headers.connection = kept.join(', ')
  else delete req.headers.connection
}

// Health, readiness and metrics: answered here, never proxied (the front alone reaches the child's).
const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics'])
const serveOps = (req, res, pathname, open) => {
  const headers = { ...frontHeaders }
  if (pathname === '/metrics')
    return void serveMetrics(req, res, { target, internalToken, open, headers, token: settings.metricsToken })
  if (pathname === '/readyz') return serveReadiness(res, { target, headers })
  res
    .writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    })
    .end(JSON.stringify({ status: 'ok' }))
}

const server = http.createServer((req, res) => {
  toOriginForm(req)
  timeRequest(req, res)
  assignRequestId(req, res)
  // Before a copy is looked up by Host: a request naming two hosts is no request for either.
  if (refuseBadHost(req, res)) return
  if (req.method === 'GET' || req.method === 'HEAD') {
    const pathname = (req.url ?? '/').split('?')[0]
    if (OPS_PATHS.has(pathname)) return serveOps(req, res, pathname, false)
    // A copy answers HEAD as GET; Node sends no body in answer to HEAD.
    const copy = catalog?.lookup(req)
    if (copy) {
      countCatalogCopy('hit')
      return void res.writeHead(copy.status, copy.headers).end(copy.body)
    }
    if (req.method === 'GET' && catalog) req[copyToken] = catalog.begin()
  }
  // Only the front's own requests may carry the child's internal token.
  delete req.headers[INTERNAL_TOKEN_HEADER]
  for (const [name, value] of Object.entries(frontHeaders)) res.setHeader(name, value)
  if (refuseUnservable(req, res, allowOf)) return
  dropUpgradeOffer(req)
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req, trustProxy)
  req.headers[REQUEST_HOST_HEADER] = req.headers.host ?? ''
  // Past its limit or its deadline, the body stops here and the request to the child is aborted.
  const abortChildRequest = () => {
    req[bodyRefused] = true
    req[childRequest]?.destroy()
  }
  let timing
  const limited = limitBody(req, res, bodyLimitOf(req, bodyLimits), () => {
    timing?.stop()
    abortChildRequest()
  })
  if (!limited) return
  timing = timeBody(req, res, limited, bodyTimeout, abortChildRequest)
  proxy.web(req, res, timing.body === req ? {} : { buffer: timing.body })
})
// A load balancer in front keeps idle connections open for up to 60 s (an AWS ALB's default): the
// front must not close one first, or the balancer may send a request on a closing socket (its 502).
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000
// An unknown method gets 405 like any other a path does not take; parser errors keep Node's answers.
server.on('clientError', (error, socket) => answerClientError(error, socket, allowOf))
// In production no 'upgrade' listener: the app serves no WebSockets, and with none Node answers a
// request that offers an Upgrade as an ordinary request instead of handing over the socket. In
// development the hot-reload socket (/_next/hmr) goes through to `next dev`.
if (dev) {
  // Not the proxy's `connection: keep-alive`: an upgrade keeps the client's Connection: Upgrade, and
  // its socket is its own (no pooled agent).
  server.on('upgrade', (req, socket, head) => proxy.ws(req, socket, head, { headers: {}, agent: false }))
}

app.on('message', (message) => {
  const purge = purgeOfMessage(message)
  if (purge) catalog?.purge(purge.studios)
})
// (If the child fails to start, its exit ends the front: see above.)
child.ready.then(
  () => {
    server.listen(port, hostname, () => console.log(`Photo Packages ready on http://${hostname}:${port}`))
    if (metricsPort) {
      http
        .createServer((req, res) => {
          const pathname = (req.url ?? '/').split('?')[0]
          if (req.method === 'GET' && pathname === '/metrics') return serveOps(req, res, pathname, true)
          res.writeHead(404).end()
        })
        // A port taken is a wrong setting: one line naming it, and the pair stops for its supervisor.
        .on('error', (error) => {
          console.error(`METRICS_PORT ${metricsPort}: ${error.message}`)
          process.exit(1)
        })
        .listen(metricsPort, '127.0.0.1')
    }
  },
  () => {},
)
