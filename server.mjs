/**
 * Production front (`npm start` runs it after `payload migrate`): one small process that owns
 * the public port. It answers the public catalog reads it holds a copy of, refuses what Next.js
 * cannot serve, and proxies everything else to the Next.js app (site, admin, API), which it
 * runs as a child on a Unix socket (server/app.mjs).
 *
 * Why two processes: Next.js turns on Node's async context tracking, which on Node 20 costs
 * every request in its process a share of CPU; the catalog copies here pay none of it.
 * The child marks what may be copied with Surrogate-Control and sends a purge over the IPC
 * channel on every catalog change, its own or another node's (src/catalog/cache.ts).
 */
import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { createProxyServer } from 'http-proxy-3'

import { countCatalogCopy, serveMetrics, serveReadiness, timeRequest } from './server/frontMetrics.mjs'
import { bodyLimitOf, limitBody, readBodyLimits } from './server/bodyLimit.mjs'
import { refuseUnservable } from './server/refusals.mjs'
import { assignRequestId } from './server/requestId.mjs'
import { requireRedis } from './server/requireRedis.mjs'
import { CACHE_STATUS_MISS, createSurrogateCache } from './server/surrogateCache.mjs'

const port = Number(process.env.PORT ?? 3000)
// METRICS_PORT (src/lib/settings.ts parses it in the child, which stops the pair on a bad value).
const metricsPort = Number(process.env.METRICS_PORT?.trim() || 0)
const hostname = process.env.HOSTNAME ?? '0.0.0.0'

// Mirrors CLIENT_ADDRESS_HEADER in src/endpoints/guard: the rate limits' client key. Behind a
// reverse proxy set TRUST_PROXY=1 to take the address the proxy appended to X-Forwarded-For.
const CLIENT_HEADER = 'x-photo-packages-client'
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

const frontHeaders = { 'x-content-type-options': 'nosniff' }
if (process.env.SERVER_URL?.startsWith('https://')) {
  frontHeaders['strict-transport-security'] = 'max-age=31536000; includeSubDomains'
}
// Must match CATALOG_PURGE_MESSAGE in src/catalog/cache.ts.
const CATALOG_PURGE_MESSAGE = 'photo-packages:catalog-purge'
const catalog = createSurrogateCache({ headers: frontHeaders })
const bodyLimits = readBodyLimits(process.env)

// A wrong REDIS_URL stops the node here, with one line naming it, before the child starts.
await requireRedis()

const socketPath = path.join(tmpdir(), `photo-packages-${process.pid}.sock`)
// Lets the child tell the front's own /metrics request from anything the front proxies.
const internalToken = randomBytes(32).toString('base64url')
const app = fork(new URL('./server/app.mjs', import.meta.url), {
  env: {
    ...process.env,
    PHOTO_PACKAGES_APP_SOCKET: socketPath,
    PHOTO_PACKAGES_INTERNAL_TOKEN: internalToken,
  },
})
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
// The child's socket file goes with the pair (the child removes it too when the front is killed).
process.on('exit', () => rmSync(socketPath, { force: true }))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal))

const proxy = createProxyServer({
  target: { socketPath },
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
  const surrogateControl = proxyRes.headers['surrogate-control']
  if (surrogateControl === undefined) return
  delete proxyRes.headers['surrogate-control']
  if (req.method !== 'GET') return
  countCatalogCopy('miss')
  proxyRes.headers['cache-status'] = CACHE_STATUS_MISS
  const chunks = []
  proxyRes.on('data', (chunk) => chunks.push(chunk))
  proxyRes.on('end', () =>
    catalog.store(req[copyToken], req.url, proxyRes, surrogateControl, Buffer.concat(chunks)),
  )
})
proxy.on('error', (error, req, res) => {
  // The front aborted it: the client has its 413 (server/bodyLimit.mjs).
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
    return void serveMetrics(req, res, { socketPath, internalToken, open, headers })
  if (pathname === '/readyz') return serveReadiness(res, { socketPath, headers })
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
  if (req.method === 'GET' || req.method === 'HEAD') {
    const pathname = (req.url ?? '/').split('?')[0]
    if (OPS_PATHS.has(pathname)) return serveOps(req, res, pathname, false)
    // A copy answers HEAD as GET; Node sends no body in answer to HEAD.
    const copy = catalog.lookup(req)
    if (copy) {
      countCatalogCopy('hit')
      return void res.writeHead(copy.status, copy.headers).end(copy.body)
    }
    if (req.method === 'GET') req[copyToken] = catalog.begin()
  }
  // Only the front's own requests may carry the child's internal token.
  delete req.headers['x-photo-packages-internal']
  for (const [name, value] of Object.entries(frontHeaders)) res.setHeader(name, value)
  if (refuseUnservable(req, res)) return
  dropUpgradeOffer(req)
  req.headers[CLIENT_HEADER] = clientAddress(req)
  const body = limitBody(req, res, bodyLimitOf(req, bodyLimits), () => {
    req[bodyRefused] = true
    req[childRequest]?.destroy()
  })
  if (body) proxy.web(req, res, body === req ? {} : { buffer: body })
})
// A load balancer in front keeps idle connections open for up to 60 s (an AWS ALB's default): the
// front must not close one first, or the balancer may send a request on a closing socket (its 502).
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000
// No 'upgrade' listener: the app serves no WebSockets, and with none Node answers a request that
// offers an Upgrade as an ordinary request instead of handing over the socket.

app.on('message', (message) => {
  if (message?.type === CATALOG_PURGE_MESSAGE) catalog.purge()
  else if (message?.type === 'ready') {
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
  }
})
