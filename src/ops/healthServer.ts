import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Payload } from 'payload'

import { metricsAccess } from './metricsAccess'
import { metricsText } from './metricsEndpoint'
import { healthResponse, readinessResponse } from './readiness'

export interface OpsServer {
  port: number
  close: () => Promise<void>
}

const send = async (res: http.ServerResponse, response: Response) => {
  res.writeHead(response.status, Object.fromEntries(response.headers))
  res.end(Buffer.from(await response.arrayBuffer()))
}

/**
 * A worker's own small HTTP server (it serves no other HTTP): GET /healthz, /readyz, and
 * /metrics. With `open` (METRICS_PORT, bound to loopback) /metrics needs no token; otherwise
 * (WORKER_HEALTH_PORT) it needs `Authorization: Bearer $METRICS_TOKEN`. Anything else is 404.
 */
export const startOpsServer = async (
  payload: Payload,
  options: { port: number; host: string; open: boolean },
): Promise<OpsServer> => {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value)
    const answer = async (): Promise<Response> => {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } })
      if (path === '/healthz' && !options.open) return healthResponse()
      if (path === '/readyz' && !options.open) return readinessResponse()
      if (path === '/metrics') {
        const access = options.open ? 'token' : metricsAccess(headers)
        return access instanceof Response ? access : metricsText(payload)
      }
      return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
    }
    answer()
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        payload.logger.error({ err: error, msg: `ops server ${req.method} ${path} failed` })
        if (!res.headersSent) res.writeHead(500).end()
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
