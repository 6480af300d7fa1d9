import type { Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { faceFixture } from '../../fixtures/make-face-fixtures'
import { type Callers, signInCallers } from '../../support/clients/callers'
import { ApiClient } from '../../support/clients/client'
import { newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { databaseFingerprint } from '../../support/fixtures/hostile'
import { avifBomb6000, avifBomb7000, deepPngBomb, portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { newCustomerWithShoot } from '../../support/fixtures/shoots'
import { shootableThemeId } from '../../support/fixtures/catalog'

const BODY_LIMIT = 'The request body is too large: at most 1 MiB (1048576 bytes) on this route.'
const UPLOAD_LIMIT = 'The request body is too large: at most 15.06 MiB (15794176 bytes) on this route.'

/** `{"note":"xxx…"}` of about `bytes` bytes. */
const jsonOf = (bytes: number) => JSON.stringify({ note: 'x'.repeat(bytes) })
const boundary = 'limitsboundary'
/** A multipart photo upload whose file part holds `bytes` bytes of JPEG-looking junk. */
const multipartOf = (bytes: number): Buffer =>
  Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="me.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    Buffer.alloc(bytes, 0xff),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])

const message = (body: any): string => body?.errors?.[0]?.message ?? body?.error

/**
 * Resource exhaustion, kind by kind (issue 22, items 1-3), against the guarded REST handler on
 * Postgres: bodies over their route's limit, decompression bombs and decode floods, and progress
 * streams past their caps. Every refusal names its limit; none is a 5xx; a refused request
 * changes nothing. Status counts are logged as this suite's histogram.
 */
describe('hostile resource use', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let callers: Callers
  const histogram = new Map<number, number>()
  const saved = { ...process.env }

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    callers = await signInCallers(payload, server.url, 'limits')
  })

  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
    Object.assign(process.env, saved)
  })

  afterAll(async () => {
    await server?.close()
    console.log(`hostile limits: statuses ${JSON.stringify(Object.fromEntries([...histogram].sort()))}`)
  })

  const count = (status: number) => histogram.set(status, (histogram.get(status) ?? 0) + 1)

  const send = async (
    client: ApiClient,
    method: string,
    path: string,
    body?: string | Buffer,
    headers: Record<string, string> = {},
  ) => {
    if (client.token) headers.authorization = `JWT ${client.token}`
    const response = await fetch(`${server.url}${path}`, { method, headers, body: body as BodyInit })
    const text = await response.text()
    count(response.status)
    let json: any = null
    try {
      json = JSON.parse(text)
    } catch {
      // not JSON
    }
    return { status: response.status, body: json, headers: response.headers }
  }

  const upload = async (client: ApiClient, bytes: Buffer, name = 'me.jpg', type = 'image/jpeg') => {
    const response = await uploadPhoto(client, bytes, name, type)
    count(response.status)
    return response
  }

  it('refuses a body over its route limit with 413 naming the limit; an anonymous client gets the smallest', async () => {
    const before = await databaseFingerprint(payload)
    const json = { 'content-type': 'application/json' }
    const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` }
    const cases: [string, ApiClient, string, string, string | Buffer, Record<string, string>, string][] = [
      // The sample: an anonymous JSON body to checkout (it was read whole before the 401).
      [
        'checkout, anonymous',
        callers.anonymous,
        'POST',
        '/api/checkout',
        jsonOf(3_000_000),
        json,
        BODY_LIMIT,
      ],
      ['sign-up', callers.anonymous, 'POST', '/api/users', jsonOf(1_100_000), json, BODY_LIMIT],
      ['generate, signed in', callers.customer, 'POST', '/api/generate', jsonOf(1_100_000), json, BODY_LIMIT],
      [
        'a text body',
        callers.admin,
        'PATCH',
        '/api/users/1',
        'x'.repeat(2_000_000),
        { 'content-type': 'text/plain' },
        BODY_LIMIT,
      ],
      ['the webhook', callers.anonymous, 'POST', '/api/stripe/webhook', jsonOf(1_100_000), json, BODY_LIMIT],
      // An upload route: anonymous (a forged session cookie is no sign-in) gets the body limit.
      [
        'an anonymous upload',
        callers.anonymous,
        'POST',
        '/api/photo-uploads',
        multipartOf(2_000_000),
        { ...multipart, cookie: 'payload-token=forged' },
        BODY_LIMIT,
      ],
      [
        'a signed-in upload over the file limit',
        callers.customer,
        'POST',
        '/api/photo-uploads',
        multipartOf(16_000_000),
        multipart,
        UPLOAD_LIMIT,
      ],
    ]
    for (const [what, client, method, path, body, headers, expected] of cases) {
      const response = await send(client, method, path, body, { ...headers })
      expect({ status: response.status, message: message(response.body) }, what).toEqual({
        status: 413,
        message: expected,
      })
    }
    // Signed in, an upload route takes up to the file limit: this 2 MB junk is judged as a photo.
    const junk = await send(callers.customer, 'POST', '/api/photo-uploads', multipartOf(2_000_000), multipart)
    expect(junk.status).toBe(400)
    expect(message(junk.body)).toMatch(/not a photo/)
    expect(await databaseFingerprint(payload)).toBe(before)
  })

  it('gives the front the same upload routes as the config (server/bodyLimit.mjs)', async () => {
    const { UPLOAD_COLLECTIONS } = await import('../../../server/bodyLimit.mjs')
    const uploads = payload.config.collections
      .filter((collection) => collection.upload)
      .map(({ slug }) => slug)
    expect([...UPLOAD_COLLECTIONS].sort()).toEqual(uploads.sort())
  })

  it('refuses decompression bombs under the pixel limit from their header, before decoding', async () => {
    const before = await databaseFingerprint(payload)
    const cases: [Buffer, string, string, string][] = [
      // The sample: 968 bytes, 7000 x 7000 (it took 5.4 s and 800 MB to decode).
      [
        avifBomb7000(),
        'bomb.avif',
        'image/avif',
        'The photo is 7000 x 7000 (49 megapixels); the limit for AVIF and HEIC is 25 megapixels.',
      ],
      [
        avifBomb6000(),
        'bomb.avif',
        'image/avif',
        'The photo is 6000 x 4500 (27 megapixels); the limit for AVIF and HEIC is 25 megapixels.',
      ],
      [
        await deepPngBomb(),
        'deep.png',
        'image/png',
        'The photo is 6000 x 6000 with 4 channels of 16 bits: 275 MB decoded, over the 256 MB limit. Save it as an 8-bit JPEG.',
      ],
    ]
    for (const [bytes, name, type, expected] of cases) {
      const started = Date.now()
      const response = await upload(callers.customer, bytes, name, type)
      expect({ status: response.status, message: message(response.body) }, name).toEqual({
        status: 400,
        message: expected,
      })
      expect(Date.now() - started, `${name} refused from its header`).toBeLessThan(2000)
    }
    expect(await databaseFingerprint(payload)).toBe(before)
  })

  it('decodes a few photos at a time per process; past the queue a 503 with Retry-After', async () => {
    process.env.DECODE_CONCURRENCY = '1'
    process.env.DECODE_QUEUE = '1'
    const client = new ApiClient(server.url)
    await newCustomer(payload, client, 'decodes')
    // 25 MP of a real face (uploads are checked for one), as a JPEG within the body limit: about
    // half a second to decode, so the six overlap.
    const photo = await sharp(faceFixture('astronaut.jpg'))
      .resize(5000, 5000)
      .jpeg({ quality: 90 })
      .toBuffer()
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => upload(client, photo, 'big.jpg', 'image/jpeg')),
    )
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(2)
    const refused = responses.filter((response) => response.status === 503)
    expect(refused.length).toBeGreaterThanOrEqual(1)
    expect(
      statuses.every((status) => status === 201 || status === 503),
      statuses.join(),
    ).toBe(true)
    expect(message(refused[0].body)).toBe('Too many photos are being processed right now; try again in 5 s.')
    expect(refused[0].headers.get('retry-after')).toBe('5')
  })

  it("caps a customer's uploads an hour (429 + Retry-After) and stored photos (409), naming the cap", async () => {
    process.env.UPLOAD_RATE_PER_HOUR = '3'
    const hasty = new ApiClient(server.url)
    await newCustomer(payload, hasty, 'hasty')
    const photo = await portraitJpeg()
    for (let index = 0; index < 3; index++) expect((await upload(hasty, photo)).status).toBe(201)
    const fourth = await upload(hasty, photo)
    expect(fourth.status).toBe(429)
    expect(message(fourth.body)).toMatch(
      /^You have uploaded 3 photos in the last hour, the most allowed; try again in \d+ s\.$/,
    )
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another customer is not held back by the first one's count.
    expect((await upload(callers.otherCustomer, photo)).status).toBe(201)

    process.env.UPLOAD_RATE_PER_HOUR = '0'
    process.env.UPLOAD_MAX_STORED = '2'
    const hoarder = new ApiClient(server.url)
    await newCustomer(payload, hoarder, 'hoarder')
    for (let index = 0; index < 2; index++) expect((await upload(hoarder, photo)).status).toBe(201)
    const third = await upload(hoarder, photo)
    expect({ status: third.status, message: message(third.body) }).toEqual({
      status: 409,
      message: 'You have 2 photos stored, the most one account may keep (2); delete some to upload more.',
    })
  })

  it('counts only accepted photos against the hourly cap, and refused ones against a cap three times larger', async () => {
    process.env.UPLOAD_RATE_PER_HOUR = '2'
    process.env.UPLOAD_MAX_STORED = '100'
    const faceless = await sharp({ create: { width: 640, height: 800, channels: 3, background: '#8a9' } })
      .jpeg()
      .toBuffer()
    const unlucky = new ApiClient(server.url)
    await newCustomer(payload, unlucky, 'unlucky')
    // Three refused photos (no face), then still the two the hour allows.
    for (let index = 0; index < 3; index++) expect((await upload(unlucky, faceless)).status).toBe(400)
    const photo = await portraitJpeg()
    for (let index = 0; index < 2; index++) expect((await upload(unlucky, photo)).status).toBe(201)
    const third = await upload(unlucky, photo)
    expect(third.status).toBe(429)
    expect(message(third.body)).toMatch(/^You have uploaded 2 photos in the last hour/)

    const spammer = new ApiClient(server.url)
    await newCustomer(payload, spammer, 'spammer')
    for (let index = 0; index < 6; index++) expect((await upload(spammer, faceless)).status).toBe(400)
    const seventh = await upload(spammer, photo)
    expect(seventh.status).toBe(429)
    expect(message(seventh.body)).toMatch(
      /^You have sent 6 photos in the last hour, the most we check; try again in \d+ s\.$/,
    )
    expect(Number(seventh.headers.get('retry-after'))).toBeGreaterThan(0)
    process.env.UPLOAD_RATE_PER_HOUR = '0'
  })

  it('caps open progress streams per customer and per node with 429; closing one frees its slot', async () => {
    const themeId = await shootableThemeId(server.url)
    // Two customers, each with a shoot held open (still running), so its stream keeps polling.
    const shoots = await Promise.all(
      ['streamer', 'bystander'].map((label) => newCustomerWithShoot(payload, server.url, themeId, label)),
    )
    for (const { generation } of shoots) {
      await payload.update({
        collection: 'generations',
        id: generation.id,
        data: { status: 'running', finishedAt: null },
        overrideAccess: true,
      })
    }
    process.env.STREAMS_PER_CUSTOMER = '2'
    process.env.STREAMS_PER_NODE = '3'
    const open: AbortController[] = []
    const stream = async (client: ApiClient, id: number) => {
      const abort = new AbortController()
      const response = await fetch(`${server.url}/api/generations/${id}/events`, {
        headers: { authorization: `JWT ${client.token}` },
        signal: abort.signal,
      })
      count(response.status)
      if (response.status === 200) {
        open.push(abort)
        return { status: 200, retryAfter: null, body: null }
      }
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: await response.json(),
      }
    }
    const [streamer, bystander] = shoots
    try {
      for (let index = 0; index < 2; index++)
        expect((await stream(streamer.client, streamer.generation.id)).status).toBe(200)
      const third = await stream(streamer.client, streamer.generation.id)
      expect({ status: third.status, message: message(third.body), retryAfter: third.retryAfter }).toEqual({
        status: 429,
        message:
          'You already have 2 progress streams open, the most allowed (2); close a tab or follow the shoot at its status URL.',
        retryAfter: '10',
      })
      // The customer's cap leaves room for another customer, up to the node's cap.
      expect((await stream(bystander.client, bystander.generation.id)).status).toBe(200)
      const full = await stream(bystander.client, bystander.generation.id)
      expect({ status: full.status, message: message(full.body) }).toEqual({
        status: 429,
        message: 'This server is following 3 shoots, the most it takes at once; try again in 10 s.',
      })
      // A closed stream gives its slot back.
      open.shift()!.abort()
      await expect
        .poll(async () => (await stream(bystander.client, bystander.generation.id)).status, { timeout: 5000 })
        .toBe(200)
    } finally {
      for (const abort of open) abort.abort()
    }
  })
})
