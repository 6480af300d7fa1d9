import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bodyOrThrow, getJson, postJson, requestJson } from '@/components/api'

/**
 * The client helper against a real local HTTP server answering in each shape the app's two sides
 * use: our endpoints' `{ error, field }`, Payload REST's `{ errors: [...] }` (a validation error's
 * field reason inside), the guard's both-at-once, and answers that are not JSON at all.
 */
const ANSWERS: Record<string, { status: number; body: string; type?: string }> = {
  '/ours': { status: 400, body: JSON.stringify({ error: 'tierId: Expected number', field: 'tierId' }) },
  '/ours-validation': {
    status: 400,
    body: JSON.stringify({
      error: 'The following field is invalid: name',
      errors: [{ path: 'name', message: 'Required' }],
    }),
  },
  '/payload-validation': {
    status: 400,
    body: JSON.stringify({
      errors: [
        {
          name: 'ValidationError',
          message: 'The following field is invalid: password',
          data: { errors: [{ path: 'password', message: 'Choose a longer password.' }] },
        },
      ],
    }),
  },
  '/payload-refusal': {
    status: 422,
    body: JSON.stringify({
      errors: [
        { message: 'This photo shows 2 faces, but it is marked as one person.', data: { field: 'file' } },
      ],
    }),
  },
  '/guard': {
    status: 429,
    body: JSON.stringify({
      error: 'Too many attempts.',
      retryAfter: 30,
      errors: [{ message: 'Too many attempts.' }],
    }),
  },
  '/proxy-page': { status: 502, body: '<html>Bad gateway</html>', type: 'text/html' },
  '/ok': { status: 201, body: JSON.stringify({ url: 'https://checkout.example/1' }) },
  '/ok-not-json': { status: 200, body: 'fine', type: 'text/plain' },
}

let server: Server
let base = ''
const seen: Array<{ method?: string; type?: string; cookie?: string; body: string }> = []

const read = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })

beforeAll(async () => {
  server = createServer(async (request, response) => {
    seen.push({
      method: request.method,
      type: request.headers['content-type'],
      cookie: request.headers.cookie,
      body: await read(request),
    })
    const answer = ANSWERS[request.url ?? ''] ?? { status: 404, body: '{}' }
    response.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' })
    response.end(answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('client API helper (src/components/api.ts)', () => {
  it('reads our endpoints’ refusal: message and field', async () => {
    const answer = await postJson(`${base}/ours`, { tierId: 'x' })
    expect(answer).toMatchObject({
      ok: false,
      status: 400,
      error: 'tierId: Expected number',
      field: 'tierId',
    })
    expect(seen.at(-1)).toMatchObject({ method: 'POST', type: 'application/json', body: '{"tierId":"x"}' })
  })

  it('prefers our message over the field list our endpoint adds to a validation error', async () => {
    const answer = await postJson(`${base}/ours-validation`, {})
    expect(answer.error).toBe('The following field is invalid: name')
  })

  it('reads a Payload validation error as its field’s own reason and path', async () => {
    const answer = await postJson(`${base}/payload-validation`, {})
    expect(answer).toMatchObject({ ok: false, error: 'Choose a longer password.', field: 'password' })
  })

  it('reads any other Payload refusal by its first message', async () => {
    const answer = await postJson(`${base}/payload-refusal`, new FormData())
    expect(answer.error).toMatch(/^This photo shows 2 faces/)
    expect(seen.at(-1)?.type).toMatch(/^multipart\/form-data; boundary=/)
  })

  it('keeps the rest of a refusal body (the guard’s retryAfter)', async () => {
    const answer = await getJson(`${base}/guard`)
    expect(answer).toMatchObject({ ok: false, status: 429, error: 'Too many attempts.' })
    expect(answer.ok ? null : answer.body?.retryAfter).toBe(30)
    expect(seen.at(-1)).toMatchObject({ method: 'GET', body: '' })
  })

  it('gives no message for a body that is not JSON, and counts a 2xx without JSON as refused', async () => {
    expect(await getJson(`${base}/proxy-page`)).toMatchObject({
      ok: false,
      status: 502,
      body: null,
      error: undefined,
    })
    expect(await getJson(`${base}/ok-not-json`)).toMatchObject({ ok: false, status: 200, body: null })
  })

  it('returns a 2xx body, sends no body or content type for an action without input, and bodyOrThrow unwraps', async () => {
    const answer = await requestJson<{ url: string }>(`${base}/ok`, { method: 'PATCH' })
    expect(answer).toEqual({ ok: true, status: 201, body: { url: 'https://checkout.example/1' } })
    expect(seen.at(-1)).toMatchObject({ method: 'PATCH', type: undefined, body: '' })
    expect(bodyOrThrow(answer).url).toBe('https://checkout.example/1')
    expect(() => bodyOrThrow({ ok: false, status: 503, body: null })).toThrow('The server answered 503.')
    expect(() => bodyOrThrow({ ok: false, status: 400, body: null, error: 'No.' })).toThrow('No.')
  })
})
