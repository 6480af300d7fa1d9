import http from 'node:http'
import net from 'node:net'

import sharp from 'sharp'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { ApiClient, type ApiResponse } from '../support/clients/client'
import { uploadPhoto } from '../support/fixtures/generation'
import { pngPixelBomb, svgImage, truncated } from '../support/fixtures/images'
import { signUpByApi } from '../support/clients/signUp'

const appUrl = inject('appUrl')

/** Payload's error body: `{ errors: [{ message }] }`; the message the client shows. */
const firstMessage = (response: ApiResponse): string => response.body?.errors?.[0]?.message

/**
 * The production build (minified, `server/front.mjs`) keeps a hook's refusal: its status and its exact
 * message, never "An unknown error occurred." (the bundle loses class names; DomainError sets `name`).
 */
describe('refusals raised in hooks, through the production build', () => {
  const customer = new ApiClient(appUrl)
  const admin = new ApiClient(appUrl)
  let customerId: number

  beforeAll(async () => {
    const email = `refusals-${Date.now()}@example.com`
    await signUpByApi(customer, { mailboxUrl: inject('fakeMailboxUrl'), email, password: 'refusals-pass-1' })
    // The sign-up's answer names no account (a taken address is answered alike).
    customerId = (await customer.get('/api/users/me')).body.user.id
    await admin.login('admin@photo-packages.local', 'admin-demo-pass')
  })

  it('refuses an SVG, a GIF, a truncated JPEG and a pixel bomb on the customer photo upload, each with its reason', async () => {
    const gif = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#888' } })
      .gif()
      .toBuffer()
    const cases: [Buffer, string, string, number, string][] = [
      [
        svgImage(),
        'me.svg',
        'image/svg+xml',
        400,
        'That file is an SVG drawing, not a photo. Upload a JPEG, PNG, WebP, AVIF or HEIC image.',
      ],
      [
        svgImage(),
        'me.jpg',
        'image/jpeg',
        400,
        'That file is an SVG drawing, not a photo. Upload a JPEG, PNG, WebP, AVIF or HEIC image.',
      ],
      [
        gif,
        'me.gif',
        'image/gif',
        400,
        'That file is a GIF, not a photo. Upload a JPEG, PNG, WebP, AVIF or HEIC image.',
      ],
      [
        await truncated(),
        'me.jpg',
        'image/jpeg',
        400,
        'The photo is damaged or truncated and could not be decoded (VipsJpeg: premature end of JPEG image).',
      ],
      [
        await pngPixelBomb(),
        'me.png',
        'image/png',
        400,
        'The photo is 8000 x 8000 (64 megapixels); the limit is 50 megapixels.',
      ],
    ]
    for (const [bytes, name, type, status, message] of cases) {
      const response = await uploadPhoto(customer, bytes, name, type)
      expect({ status: response.status, message: firstMessage(response) }, name).toEqual({ status, message })
    }
    const stored = await customer.get('/api/photo-uploads?limit=1&depth=0')
    expect(stored.body.totalDocs).toBe(0)
  })

  it('refuses a credit adjustment that would deduct more shoots than the customer has, and one that is not whole', async () => {
    const balance = async () => (await customer.get('/api/users/me')).body.user.shootCredits
    const before = await balance()
    expect(before).toBe(3)
    const tooMuch = await admin.post('/api/credit-adjustments', {
      user: customerId,
      amount: -5,
      reason: 'production refusal check',
    })
    expect({ status: tooMuch.status, message: firstMessage(tooMuch) }).toEqual({
      status: 402,
      message: 'Not enough shoots: this needs 5 and the balance is 3.',
    })
    const fraction = await admin.post('/api/credit-adjustments', {
      user: customerId,
      amount: 1.5,
      reason: 'production refusal check',
    })
    expect({ status: fraction.status, message: firstMessage(fraction) }).toEqual({
      status: 400,
      message: 'amount: a whole number of shoots between -10000 and 10000, not 0.',
    })
    expect(await balance()).toBe(before)
  })

  it('names each error by its class, as development does, never by a minified name (it answered "name": "p")', async () => {
    const answers: [string, ApiResponse][] = [
      ['ValidationError', await admin.post('/api/photo-packages', { name: '' })],
      [
        'ValidationError',
        await new ApiClient(appUrl).post('/api/users', {
          email: 'not-an-email',
          password: 'long-enough-pass-1',
        }),
      ],
      ['QueryError', await customer.get('/api/users?where[flagged][equals]=true')],
      [
        'DomainError',
        await admin.post('/api/credit-adjustments', { user: customerId, amount: 1.5, reason: 'x' }),
      ],
    ]
    for (const [name, response] of answers) {
      expect(response.status, JSON.stringify(response.body)).toBe(400)
      expect(
        response.body.errors.map((error: { name?: string }) => error.name),
        JSON.stringify(response.body),
      ).toEqual([name])
    }
  })

  it('refuses a bulk PATCH or DELETE without where with a 400 naming where (it said "An unknown error occurred.")', async () => {
    const patch = await admin.patch('/api/photo-packages', { name: 'Renamed' })
    expect({ status: patch.status, message: firstMessage(patch) }).toEqual({
      status: 400,
      message:
        'where: name the photo-packages documents to change (e.g. ?where[id][equals]=1), or use /api/photo-packages/<id>.',
    })
    const remove = await admin.delete('/api/package-themes')
    expect({ status: remove.status, message: firstMessage(remove) }).toEqual({
      status: 400,
      message:
        'where: name the package-themes documents to delete (e.g. ?where[id][equals]=1), or use /api/package-themes/<id>.',
    })
  })

  it('keeps the message of client errors raised as Payload\'s plain APIError (fresh tester: forgot and reset password said "An unknown error occurred.")', async () => {
    const visitor = new ApiClient(appUrl)
    // The tester's samples, then the kind: an address that is no text, none at all, a token that is no token.
    for (const body of [{ email: { equals: 'a@example.com' } }, {}]) {
      const response = await visitor.post('/api/users/forgot-password', body)
      expect(
        { status: response.status, named: /email/i.test(firstMessage(response)) },
        JSON.stringify(response.body),
      ).toEqual({
        status: 400,
        named: true,
      })
    }
    const reset = await visitor.post('/api/users/reset-password', {
      token: 'x',
      password: 'long-enough-pass-1',
    })
    expect({ status: reset.status, message: firstMessage(reset) }).toEqual({
      status: 403,
      message: 'Token is either invalid or has expired.',
    })
  })

  it('answers 404 for missing files, directly and through the image optimizer', async () => {
    for (const path of [
      '/api/media/file/no-such-file.png',
      '/api/photo-uploads/file/nope.jpg',
      '/api/generation-results/file/nope.jpg',
    ]) {
      const response = await admin.get(path)
      expect(response.status, path).toBe(404)
    }
    // A customer may read only their own photos: "not yours" and "not there" get the same 404.
    const privateFile = await customer.get('/api/photo-uploads/file/nope.jpg')
    expect({ status: privateFile.status, message: firstMessage(privateFile) }).toEqual({
      status: 404,
      message: 'No photo-uploads file nope.jpg among yours.',
    })
    expect(privateFile.headers.get('cache-control')).toBe('private, no-store')
    const result = await customer.get('/api/generation-results/file/nope.webp')
    expect(result.status).toBe(404)
    const optimized = await fetch(`${appUrl}/_next/image?url=%2Fapi%2Fmedia%2Ffile%2Fno-such.png&w=640&q=75`)
    expect(optimized.status).toBe(404)
  })

  it('answers malformed percent-encoding in a path 400, before Next decodes a route segment (a bare 500 before)', async () => {
    for (const path of [
      '/api/packages/%ff%fe',
      '/api/photo-packages/%ff%fe',
      '/api/generations/%E0%A4%A',
      '/packages/%ff%fe',
    ]) {
      const response = await fetch(`${appUrl}${path}`)
      expect({ path, status: response.status, body: await response.json() }).toMatchObject({
        path,
        status: 400,
        body: { error: 'The path has invalid percent-encoding.' },
      })
    }
  })

  it('answers a multipart form post to a page 400 (Next took it for a server-action form and answered a bare 500)', async () => {
    const bodies: [string, string][] = [
      ['multipart/form-data', 'garbage'],
      ['multipart/form-data; boundary=xx', 'garbage'],
      ['multipart/form-data; boundary=xx', '--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'],
    ]
    for (const path of ['/', '/packages/wedding-portraits', '/login', '/admin', '/api', '/no-such-page']) {
      for (const [type, body] of bodies) {
        const response = await fetch(`${appUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': type },
          body,
        })
        expect({ path, type, status: response.status }).toEqual({ path, type, status: 400 })
        expect((await response.json()).field).toBe('body')
      }
    }
    // The pages themselves still render.
    expect((await fetch(`${appUrl}/packages/wedding-portraits`)).status).toBe(200)
  })

  it('answers TRACE, PROPFIND and any method a route handler cannot take 405 on every path (a bare 500, or a 400 with no body, under /api)', async () => {
    // fetch refuses to send TRACE, so node:http sends it, as any other client can.
    const trace = (path: string, method = 'TRACE') =>
      new Promise<{ status?: number; allow?: string }>((resolve, reject) => {
        const request = http.request(`${appUrl}${path}`, { method }, (response) => {
          response.resume()
          response.on('end', () =>
            resolve({ status: response.statusCode, allow: String(response.headers.allow ?? '') }),
          )
        })
        request.on('error', reject)
        request.end()
      })
    // Each path's own Allow (the app's OPTIONS answer under /api; the pages' methods elsewhere), not
    // every method the API has; a path that serves nothing is a 404.
    const sorted = (allow?: string) => (allow ?? '').split(', ').filter(Boolean).sort()
    for (const [path, status, allow] of [
      ['/api/packages', 405, ['GET', 'HEAD', 'OPTIONS']],
      ['/api/users', 405, ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST']],
      ['/api/generate', 405, ['OPTIONS', 'POST']],
      ['/api/nope', 404, []],
      ['/', 405, ['GET', 'HEAD', 'POST']],
      ['/admin', 405, ['GET', 'HEAD', 'POST']],
    ] as const) {
      const answer = await trace(path)
      expect({ path, status: answer.status, allow: sorted(answer.allow) }).toEqual({
        path,
        status,
        allow: [...allow],
      })
    }
    // The fresh tester's sample (PROPFIND /api/packages: 400, no body), then the kind: WebDAV's and others.
    for (const method of ['PROPFIND', 'MKCOL', 'LOCK', 'SEARCH', 'PURGE']) {
      const answer = await trace('/api/packages', method)
      expect({ method, status: answer.status, allow: sorted(answer.allow) }).toEqual({
        method,
        status: 405,
        allow: ['GET', 'HEAD', 'OPTIONS'],
      })
    }
  })
})

/** One request written by hand on a socket (methods and pacing fetch will not send); the raw answer and when it came. */
const rawRequest = (head: string, body: string[] = [], everyMs = 1000) =>
  new Promise<{ status: number; headers: string; body: string; afterMs: number }>((resolve, reject) => {
    const { hostname, port } = new URL(appUrl)
    const startedAt = Date.now()
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(head)
      let index = 0
      const timer = setInterval(() => {
        if (index >= body.length || socket.destroyed) return clearInterval(timer)
        socket.write(body[index++])
      }, everyMs)
    })
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      const split = answer.indexOf('\r\n\r\n')
      if (split < 0) return reject(new Error(`no answer: ${JSON.stringify(answer)}`))
      const headers = answer.slice(0, split).toLowerCase()
      let body = answer.slice(split + 4)
      // A chunked answer: its chunks' data, in order (RFC 9112 §7.1).
      if (headers.includes('transfer-encoding: chunked')) {
        let data = ''
        for (let at = 0, size = 0; (size = parseInt(body.slice(at), 16)) > 0;) {
          const start = body.indexOf('\r\n', at) + 2
          data += body.slice(start, start + size)
          at = start + size + 2
        }
        body = data
      }
      resolve({
        status: Number(answer.split(' ')[1]),
        headers,
        body,
        afterMs: Date.now() - startedAt,
      })
    })
    socket.setTimeout(90_000, () => socket.destroy())
  })

describe('methods and slow bodies, answered by the front', () => {
  it('answers 405 with Allow: GET, HEAD, POST to a page asked with any other method, known to Node or not', async () => {
    const pages = ['/', '/packages/wedding-portraits', '/admin', '/login', '/no-such-page', '/healthz']
    for (const path of pages) {
      for (const method of ['DELETE', 'PUT', 'PATCH', 'OPTIONS', 'PROPFIND', 'MKCOL', 'BREW']) {
        const answer = await rawRequest(`${method} ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
        expect({ path, method, status: answer.status }).toEqual({ path, method, status: 405 })
        expect(answer.headers, `${method} ${path}`).toContain('\r\nallow: get, head, post\r\n')
        expect(JSON.parse(answer.body).field).toBe('method')
      }
    }
    // The API keeps its own answers to its methods (a catalog route's 405 names its own GET, not
    // the pages' GET, HEAD, POST); an unknown one is 405 there too.
    const apiDelete = await fetch(`${appUrl}/api/packages/wedding-portraits`, { method: 'DELETE' })
    expect({ status: apiDelete.status, allow: apiDelete.headers.get('allow') }).toEqual({
      status: 405,
      allow: 'GET',
    })
    // An unknown method under /api gets the path's own Allow (the fresh tester saw every method
    // listed), and a path that serves nothing a 404.
    for (const [path, status, allow] of [
      ['/api/packages', 405, 'get, head, options'],
      ['/api/generate', 405, 'post, options'],
      ['/api/no-such-route', 404, null],
    ] as const) {
      const brew = await rawRequest(`BREW ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
      expect({
        path,
        status: brew.status,
        allow: /\r\nallow: ([^\r]*)/.exec(brew.headers)?.[1] ?? null,
      }).toEqual({
        path,
        status,
        allow,
      })
    }
    // Pages still render and HEAD still answers.
    expect((await fetch(`${appUrl}/packages/wedding-portraits`)).status).toBe(200)
    expect((await fetch(`${appUrl}/`, { method: 'HEAD' })).status).toBe(200)
  })

  it('answers 408 to a body that stops after the headers and to one trickled a byte a second (BODY_TIMEOUT_MS, 20 s)', async () => {
    const message =
      'The request body came too slowly: it must arrive within 20 s of the headers, plus 1 s for every 1024 bytes sent.'
    const [stopped, trickled] = await Promise.all([
      // The tester's sample: a sign-up's headers, then nothing.
      rawRequest(
        'POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"email":',
      ),
      // Chunked, one byte a second: it never stops, it only never finishes.
      rawRequest(
        'POST /api/users/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
        Array.from({ length: 80 }, () => '1\r\n \r\n'),
        1000,
      ),
    ])
    for (const answer of [stopped, trickled]) {
      expect({ status: answer.status, message: JSON.parse(answer.body).errors[0].message }).toEqual({
        status: 408,
        message,
      })
      expect(answer.headers).toContain('connection: close')
      expect(answer.afterMs).toBeGreaterThanOrEqual(19_000)
      expect(answer.afterMs).toBeLessThan(40_000)
    }
    // The front still answers.
    expect((await fetch(`${appUrl}/api/packages`)).status).toBe(200)
  })
})

/** server/front.mjs answers cached catalog reads before Next (src/catalog/cache.ts), with the same refusals around it. */
describe('the catalog through the production server', () => {
  it('gives each catalog read an ETag and answers a matching If-None-Match with 304; ?at= stays staff-only and uncached', async () => {
    for (const path of ['/api/packages', '/api/packages/wedding-portraits/themes', '/api/bundles']) {
      const first = await fetch(`${appUrl}${path}`)
      expect(first.status, path).toBe(200)
      const etag = first.headers.get('etag')
      expect(etag, path).toMatch(/^"[\w-]+"$/)
      // The second read is a cache hit on the fast path; the third sends the ETag back.
      const second = await fetch(`${appUrl}${path}`)
      expect(second.headers.get('etag')).toBe(etag)
      expect(await second.json()).toEqual(await first.json())
      const revalidated = await fetch(`${appUrl}${path}`, { headers: { 'if-none-match': etag! } })
      expect(revalidated.status, path).toBe(304)
      expect(revalidated.headers.get('x-content-type-options')).toBe('nosniff')
    }
    const dated = await fetch(`${appUrl}/api/packages?at=2026-12-20`)
    expect(dated.status).toBe(403)
    const badCategory = await fetch(`${appUrl}/api/packages?category=nope`)
    expect(badCategory.status).toBe(400)
  })
})
