import http from 'node:http'
import net from 'node:net'

import { describe, expect, inject, it } from 'vitest'

const appUrl = inject('appUrl')

interface RawAnswer {
  status?: number
  headers: http.IncomingHttpHeaders
  body: string
}

/**
 * One request through node:http, which sends what fetch will not: any request target (`path` is
 * sent as written) and hop-by-hop fields such as Upgrade. Rejects when the server closes the
 * connection without an answer ("socket hang up").
 */
const send = (path: string, options: { method?: string; headers?: Record<string, string> } = {}) =>
  new Promise<RawAnswer>((resolve, reject) => {
    const { hostname, port } = new URL(appUrl)
    const request = http.request(
      { hostname, port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }))
      },
    )
    request.on('error', reject)
    request.end()
  })

/** The status line and body of one request written byte for byte (several Host lines, say), read to the close. */
const sendRaw = (head: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(appUrl)
    const socket = net.connect(Number(port), hostname, () => socket.write(head))
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('end', () =>
      resolve({ status: Number(answer.split(' ')[1]), body: answer.slice(answer.indexOf('\r\n\r\n') + 4) }),
    )
    socket.on('error', reject)
  })

const packageNames = (answer: RawAnswer): string[] =>
  JSON.parse(answer.body).packages.map((pkg: { name: string }) => pkg.name)

/**
 * Request shapes an ordinary client sends, answered by the front (server/front.mjs) as Next.js alone
 * answered them, or as HTTP says: never a dropped connection, never a redirect to nowhere.
 */
describe('the production front answers every well-formed request', () => {
  it('answers a request that offers an Upgrade (curl --http2 offers h2c) as an ordinary request', async () => {
    const expected = packageNames(await send('/api/packages'))
    const offers: Record<string, string>[] = [
      // What `curl --http2 http://…` sends.
      { connection: 'Upgrade, HTTP2-Settings', upgrade: 'h2c', 'http2-settings': 'AAMAAABkAAQCAAAAAAIAAAAA' },
      { connection: 'Upgrade', upgrade: 'websocket' },
      { connection: 'Upgrade', upgrade: 'TLS/1.2' },
    ]
    for (const headers of offers) {
      const answer = await send('/api/packages', { headers }).catch((error: Error) => ({
        status: undefined,
        headers: {},
        body: `no answer: ${error.message}`,
      }))
      expect({ upgrade: headers.upgrade, status: answer.status }).toEqual({
        upgrade: headers.upgrade,
        status: 200,
      })
      expect(packageNames(answer)).toEqual(expected)
    }
    const page = await send('/', { headers: offers[0] }).catch((error: Error) => ({
      status: undefined,
      headers: {},
      body: `no answer: ${error.message}`,
    }))
    expect(page.status).toBe(200)
  })

  it('answers 400 naming host to two Host lines or a Host that is no host[:port] (RFC 9112 §3.2), and serves every well-formed one', async () => {
    const { host } = new URL(appUrl)
    // The fresh tester's samples (the first Host was served), then the kind.
    for (const hosts of [
      ['127.0.0.1', 'localhost'],
      ['127.0.0.1, localhost'],
      ['a@127.0.0.1'],
      ['127.0.0.1/x'],
      ['127.0.0.1%00'],
      [`${host}`, `${host}`],
      ['local host'],
    ]) {
      const head = `GET /api/packages HTTP/1.1\r\n${hosts.map((value) => `Host: ${value}\r\n`).join('')}Connection: close\r\n\r\n`
      const answer = await sendRaw(head)
      expect({
        hosts,
        status: answer.status,
        field: /"field":"host"/.test(answer.body) ? 'host' : answer.body.slice(0, 200),
      }).toEqual({
        hosts,
        status: 400,
        field: 'host',
      })
    }
    for (const value of [host, `${new URL(appUrl).hostname}.:${new URL(appUrl).port}`]) {
      const answer = await sendRaw(
        `GET /api/packages HTTP/1.1\r\nHost: ${value}\r\nConnection: close\r\n\r\n`,
      )
      expect({ value, status: answer.status }).toEqual({ value, status: 200 })
    }
  })

  it('serves the absolute form of a request target (GET http://host/path) as its path, not a redirect', async () => {
    const { host } = new URL(appUrl)
    const expected = packageNames(await send('/api/packages'))
    for (const target of [`http://${host}/api/packages`, `http://${host}/api/packages?category=wedding`]) {
      const answer = await send(target)
      expect({ target, status: answer.status, location: answer.headers.location }).toEqual({
        target,
        status: 200,
        location: undefined,
      })
      expect(expected).toEqual(expect.arrayContaining(packageNames(answer)))
    }
    const page = await send(`http://${host}/packages/wedding-portraits`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('Wedding')
  })

  it('answers HEAD on the API with the status and fields GET has, from a copy and from the app', async () => {
    const paths = [
      '/api/packages',
      '/api/packages/wedding-portraits',
      `/api/bundles?head=${Date.now()}`,
      '/api/photo-packages?limit=1',
      '/api/users/me',
      '/api/packages/no-such-package',
    ]
    for (const path of paths) {
      const get = await fetch(`${appUrl}${path}`)
      await get.arrayBuffer()
      const head = await fetch(`${appUrl}${path}`, { method: 'HEAD' })
      expect({ path, status: head.status, type: head.headers.get('content-type') }).toEqual({
        path,
        status: get.status,
        type: get.headers.get('content-type'),
      })
      expect(await head.text()).toBe('')
    }
    // A copy answers HEAD too, with its validator.
    const copied = await fetch(`${appUrl}/api/packages`, { method: 'HEAD' })
    expect(copied.headers.get('cache-status')).toBe('photo-packages-front; hit')
    expect(copied.headers.get('etag')).toMatch(/^"/)
  })

  it("answers the app's refusal, never a 502, when a client that sends Connection: close uploads a body the app refuses unread", async () => {
    // nginx talks to its upstream this way by default (HTTP/1.0, Connection: close). Forwarded to
    // the child, the header made it close the front's socket right after an early answer, while
    // the front was still writing the body: EPIPE, and the client got a 502 instead of the 415.
    // Under the anonymous body limit (1 MiB), so the front passes it on and the app refuses it;
    // still far more than the socket buffers hold while the early answer comes back.
    const body = Buffer.alloc(1_000_000, 97)
    const upload = () =>
      new Promise<number | string>((resolve) => {
        const request = http.request(
          `${appUrl}/api/photo-uploads`,
          {
            method: 'POST',
            agent: false,
            headers: {
              connection: 'close',
              'content-type': 'application/octet-stream',
              'content-length': body.length,
            },
          },
          (response) => {
            response.resume()
            response.on('end', () => resolve(response.statusCode ?? 'no status'))
          },
        )
        request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
        request.end(body)
      })
    const statuses: (number | string)[] = []
    for (let attempt = 0; attempt < 60; attempt++) statuses.push(await upload())
    expect(statuses).toEqual(statuses.map(() => 415))
  })
})
