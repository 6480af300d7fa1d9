import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'

import config from '@payload-config'
import { handleEndpoints } from 'payload'

import { GET as healthz } from '@/app/(ops)/healthz/route'
import { GET as readyz } from '@/app/(ops)/readyz/route'
import { CLIENT_ADDRESS_HEADER, withRequestGuard } from '@/endpoints/guard'

import { inQueryScope, QUERY_SCOPE_HEADER } from './queryCount'

/** The Next routes this server answers besides Payload's REST API, with the same handlers. */
const ROUTES: Record<string, () => Response | Promise<Response>> = { '/healthz': healthz, '/readyz': readyz }

/**
 * Payload's REST API over real HTTP, without Next.js: the same handler the Next route
 * calls, behind a node:http server on a random loopback port. GET /healthz and /readyz answer
 * from their Next route handlers (src/app/(ops)), as an app node's Next child does.
 */
export const startRestServer = async (): Promise<{ url: string; close: () => Promise<void> }> => {
  // The same guard the Next route puts in front of Payload's handler.
  const handle = withRequestGuard(config, (request: Request) => handleEndpoints({ config, request }))
  const server = http.createServer(async (incoming, outgoing) => {
    try {
      const chunks: Buffer[] = []
      for await (const chunk of incoming) chunks.push(chunk as Buffer)
      const body = chunks.length ? Buffer.concat(chunks) : undefined
      const url = `http://${incoming.headers.host}${incoming.url}`
      const headers = new Headers()
      for (const [key, value] of Object.entries(incoming.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value)
      }
      // server/front.mjs sets this from the socket; here a test may name the client to act as several.
      if (!headers.has(CLIENT_ADDRESS_HEADER))
        headers.set(CLIENT_ADDRESS_HEADER, incoming.socket.remoteAddress ?? 'unknown')
      const method = incoming.method ?? 'GET'
      const request = new Request(url, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
      })
      const route = method === 'GET' ? ROUTES[new URL(url).pathname] : undefined
      const scope = incoming.headers[QUERY_SCOPE_HEADER]
      const response = route
        ? await route()
        : await inQueryScope(typeof scope === 'string' ? scope : undefined, () => handle(request))
      outgoing.statusCode = response.status
      response.headers.forEach((value, key) => outgoing.setHeader(key, value))
      const setCookies = response.headers.getSetCookie?.() ?? []
      if (setCookies.length) outgoing.setHeader('set-cookie', setCookies)
      // Streamed, as Next does: an event stream never ends on its own; a client that goes cancels it.
      if (!response.body) return void outgoing.end()
      const answer = Readable.fromWeb(response.body as NodeReadableStream)
      outgoing.on('close', () => answer.destroy())
      answer.on('error', () => outgoing.destroy())
      answer.pipe(outgoing)
    } catch (error) {
      outgoing.statusCode = 500
      outgoing.end(JSON.stringify({ error: String(error) }))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
