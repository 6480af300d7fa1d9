import { readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { startChild, type StartedChild } from '../support/processes/child'
import { ApiClient, type ApiResponse } from '../support/clients/client'
import { uploadPhoto } from '../support/fixtures/generation'
import { avifBomb6000, avifBomb7000, deepPngBomb, portraitJpeg } from '../support/fixtures/images'
import { signUpByApi } from '../support/clients/signUp'
import { freePort } from '../support/servers/freePort'

const root = path.resolve(import.meta.dirname, '../..')
const databaseUri = inject('e2eDatabaseUri')

const BODY_LIMIT = 'The request body is too large: at most 1 MiB (1048576 bytes) on this route.'
const UPLOAD_LIMIT = 'The request body is too large: at most 15.06 MiB (15794176 bytes) on this route.'
const MB = 1_048_576
/** The bounds this test holds the Next.js child's peak RSS (VmHWM) to, over its warmed-up peak. */
const BODY_ATTACK_RSS_BOUND = 64 * MB
const BOMB_ATTACK_RSS_BOUND = 96 * MB

const message = (body: any): string => body?.errors?.[0]?.message ?? body?.error

/** Peak resident set size of a process so far, in bytes (/proc/<pid>/status VmHWM). */
const peakRss = (pid: number): number =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024

interface Sent {
  status: number
  body: any
  sentBytes: number
}

/**
 * Sends `total` bytes of `fill` as the body, in 64 KiB writes that respect backpressure, with
 * Content-Length when `declared`, else chunked; stops writing as soon as an answer (or a reset)
 * comes. Resolves with the answer and how much was written.
 */
const sendHuge = (
  url: string,
  method: string,
  target: string,
  headers: Record<string, string>,
  total: number,
  declared: boolean,
): Promise<Sent> =>
  new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(65_536, 0x61)
    let sentBytes = 0
    let answered = false
    const request = http.request(`${url}${target}`, {
      method,
      headers: { ...headers, ...(declared ? { 'content-length': String(total) } : {}) },
    })
    request.on('response', (response) => {
      answered = true
      const chunks: Buffer[] = []
      response.on('data', (part: Buffer) => chunks.push(part))
      response.on('end', () => {
        request.destroy()
        const text = Buffer.concat(chunks).toString('utf8')
        let body: unknown = text
        try {
          body = JSON.parse(text)
        } catch {
          // not JSON
        }
        resolve({ status: response.statusCode ?? 0, body, sentBytes })
      })
    })
    request.on('error', (error) => {
      if (!answered) reject(error)
    })
    const pump = () => {
      while (!answered && sentBytes < total) {
        sentBytes += chunk.length
        if (!request.write(chunk)) return void request.once('drain', pump)
      }
      if (!answered) request.end()
    }
    pump()
  })

const boundary = 'limitsboundary'
const multipartHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="me.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`

/**
 * Issue 22, items 1-3, against the production build (`server/front.mjs` and its Next.js child, on
 * Postgres): each kind's sample and inputs of the same kind, with their status and message, the
 * child's peak memory held to a stated bound, and a customer's maximum of progress streams
 * slowing no one. This front runs with DECODE_CONCURRENCY=1, DECODE_QUEUE=1 and
 * STREAMS_PER_NODE=6 (smaller than the defaults, so the queue and the node cap are reached here);
 * every other limit is its default.
 */
describe('resource limits on the production build', () => {
  let front: StartedChild
  let appPid: number
  let url: string
  const signUp = async (label: string): Promise<ApiClient> => {
    const client = new ApiClient(url)
    const email = `${label}-${Date.now()}@example.com`
    return signUpByApi(client, { mailboxUrl: inject('fakeMailboxUrl'), email, password: 'limits-pass-1' })
  }

  beforeAll(async () => {
    const port = await freePort()
    url = `http://127.0.0.1:${port}`
    front = startChild(process.execPath, ['server/front.mjs'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URI: databaseUri,
        PAYLOAD_SECRET: 'e2e-secret',
        SERVER_URL: url,
        ALLOW_INSECURE_COOKIES: '1',
        // No jobs here: a shoot stays queued, so its progress stream stays open.
        ROLE: 'web',
        JOBS_AUTORUN: '0',
        RATE_LIMIT_LOGIN_POINTS: '1000',
        RATE_LIMIT_SIGNUP_POINTS: '1000',
        DECODE_CONCURRENCY: '1',
        DECODE_QUEUE: '1',
        STREAMS_PER_NODE: '6',
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      timeoutMs: 15 * 60_000,
      label: `server/front.mjs :${port}`,
      echo: false,
    })
    const pid = front.child.pid!
    await front.waitForOutput('Photo Packages ready on', 120_000)
    appPid = Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0])
    // Warm the routes the attacks use, so the baseline peak includes what serving them costs.
    const warm = await signUp('limits-warm')
    await warm.post('/api/checkout', { bundle: 'none' })
    expect((await uploadPhoto(warm, await portraitJpeg())).status).toBe(201)
    await uploadPhoto(warm, avifBomb6000(), 'warm.avif', 'image/avif')
  }, 180_000)

  afterAll(async () => {
    await front?.stop()
  })

  it('refuses bodies over their route limit while they stream, with 413 naming the limit; the child stays within 64 MB of its peak', async () => {
    const before = peakRss(appPid)
    const customer = await signUp('limits-bodies')
    const json = { 'content-type': 'application/json' }
    const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` }
    const cases: [string, string, string, Record<string, string>, number, boolean, string][] = [
      // The sample: an anonymous 300 MB JSON to checkout (it took the child from 664 MB to 1,956 MB).
      ['the sample, declared', 'POST', '/api/checkout', json, 300 * MB, true, BODY_LIMIT],
      // The same body chunked (no length to refuse up front): cut off once past 1 MiB.
      ['chunked to sign-up', 'POST', '/api/users', json, 300 * MB, false, BODY_LIMIT],
      [
        'chunked, any type',
        'PATCH',
        '/api/users/1',
        { 'content-type': 'text/plain' },
        50 * MB,
        false,
        BODY_LIMIT,
      ],
      // An upload route with a forged session cookie: the front lets a credential's body through,
      // the app finds no sign-in and reads no more than the smallest limit.
      [
        'forged cookie on an upload route',
        'POST',
        '/api/photo-uploads',
        { ...multipart, cookie: 'payload-token=forged' },
        14 * MB,
        false,
        BODY_LIMIT,
      ],
      [
        'a signed-in upload over the file limit',
        'POST',
        '/api/photo-uploads',
        { ...multipart, authorization: `JWT ${customer.token}` },
        40 * MB,
        false,
        UPLOAD_LIMIT,
      ],
    ]
    for (const [what, method, target, headers, total, declared, expected] of cases) {
      const sent = await sendHuge(url, method, target, headers, total, declared)
      expect({ status: sent.status, message: message(sent.body) }, what).toEqual({
        status: 413,
        message: expected,
      })
      expect(sent.sentBytes, `${what}: the answer came before the body was sent`).toBeLessThan(total)
    }
    // A signed-in upload within the file limit is judged as a photo, not refused for its size.
    const junk = Buffer.concat([
      Buffer.from(multipartHead),
      Buffer.alloc(3 * MB, 0xff),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const judged = await fetch(`${url}/api/photo-uploads`, {
      method: 'POST',
      headers: { ...multipart, authorization: `JWT ${customer.token}` },
      body: junk,
    })
    expect(judged.status).toBe(400)
    expect(message(await judged.json())).toMatch(/not a photo/)
    const growth = peakRss(appPid) - before
    console.log(
      `body attacks: the child's peak RSS grew ${(growth / MB).toFixed(1)} MB (from ${(before / MB).toFixed(0)} MB)`,
    )
    expect(growth).toBeLessThan(BODY_ATTACK_RSS_BOUND)
  }, 300_000)

  it('refuses decompression bombs from their header, six at once, in under 2 s each; the child stays within 96 MB of its peak', async () => {
    const customer = await signUp('limits-bombs')
    const before = peakRss(appPid)
    const sample = 'The photo is 7000 x 7000 (49 megapixels); the limit for AVIF and HEIC is 25 megapixels.'
    const started = Date.now()
    // The sample, six at once (they took 35-68 s and the child from 2.0 to 5.2 GB).
    const six = await Promise.all(
      Array.from({ length: 6 }, () => uploadPhoto(customer, avifBomb7000(), 'bomb.avif', 'image/avif')),
    )
    for (const response of six)
      expect({ status: response.status, message: message(response.body) }).toEqual({
        status: 400,
        message: sample,
      })
    expect(Date.now() - started).toBeLessThan(6000)
    const cases: [Buffer, string, string, string][] = [
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
      const at = Date.now()
      const response = await uploadPhoto(customer, bytes, name, type)
      expect({ status: response.status, message: message(response.body) }, name).toEqual({
        status: 400,
        message: expected,
      })
      expect(Date.now() - at).toBeLessThan(2000)
    }
    const growth = peakRss(appPid) - before
    console.log(
      `bomb attacks: the child's peak RSS grew ${(growth / MB).toFixed(1)} MB (from ${(before / MB).toFixed(0)} MB)`,
    )
    expect(growth).toBeLessThan(BOMB_ATTACK_RSS_BOUND)
  }, 120_000)

  it('decodes one photo at a time here, one waiting; past that a 503 with Retry-After', async () => {
    const customer = await signUp('limits-queue')
    // 25 MP of PNG with a face still large enough after the downscale (the upload check refuses a
    // photo without one, or with a small one): within every limit, and about a second to decode,
    // so the six overlap.
    const photo = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: '#9ab' } })
      .composite([{ input: await portraitJpeg(2000, 2500), left: 1500, top: 1250 }])
      .png()
      .toBuffer()
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => uploadPhoto(customer, photo, 'big.png', 'image/png')),
    )
    const statuses = responses.map((response) => response.status)
    expect(
      statuses.every((status) => status === 201 || status === 503),
      responses.map((response) => `${response.status} ${message(response.body)}`).join('; '),
    ).toBe(true)
    const refused = responses.filter((response) => response.status === 503)
    expect(refused.length).toBeGreaterThanOrEqual(1)
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(2)
    expect(message(refused[0].body)).toBe('Too many photos are being processed right now; try again in 5 s.')
    expect(refused[0].headers.get('retry-after')).toBe('5')
  }, 120_000)

  it('holds a customer to 4 progress streams and the node to 6 (429); /api/users/me stays under 500 ms meanwhile', async () => {
    const wedding = (await new ApiClient(url).get('/api/packages/wedding-portraits')).body.package
    const themeId = wedding.themes.find((theme: { isPremium: boolean }) => !theme.isPremium).id
    const shoot = async (client: ApiClient): Promise<number> => {
      const photo = await uploadPhoto(client, await portraitJpeg())
      expect(photo.status).toBe(201)
      const accepted = await client.post('/api/generate', {
        packageSlug: 'wedding-portraits',
        themeId,
        uploadId: photo.body.doc.id,
        portraitType: 'single',
        generationSettings: { aspectRatio: '3:4', quality: 'standard' },
      })
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(202)
      return accepted.body.generationId
    }
    const [streamer, second, bystander] = await Promise.all(
      ['limits-streamer', 'limits-second', 'limits-bystander'].map(signUp),
    )
    const shoots = {
      streamer: [await shoot(streamer), await shoot(streamer)],
      second: await shoot(second),
      bystander: await shoot(bystander),
    }
    const open: AbortController[] = []
    const stream = async (client: ApiClient, id: number): Promise<ApiResponse> => {
      const abort = new AbortController()
      const response = await fetch(`${url}/api/generations/${id}/events`, {
        headers: { authorization: `JWT ${client.token}` },
        signal: abort.signal,
      })
      if (response.status === 200) {
        open.push(abort)
        return { status: 200, body: null, headers: response.headers }
      }
      return { status: response.status, body: await response.json(), headers: response.headers }
    }
    try {
      // One customer holds the maximum, over two of their shoots.
      for (const id of [...shoots.streamer, ...shoots.streamer])
        expect((await stream(streamer, id)).status).toBe(200)
      const fifth = await stream(streamer, shoots.streamer[0])
      expect({
        status: fifth.status,
        message: message(fifth.body),
        retryAfter: fifth.headers.get('retry-after'),
      }).toEqual({
        status: 429,
        message:
          'You already have 4 progress streams open, the most allowed (4); close a tab or follow the shoot at its status URL.',
        retryAfter: '10',
      })
      // Another customer's requests are not slowed.
      for (let index = 0; index < 5; index++) {
        const at = performance.now()
        const me = await bystander.get('/api/users/me')
        const ms = performance.now() - at
        expect(me.status).toBe(200)
        expect(ms, `/api/users/me took ${ms.toFixed(0)} ms`).toBeLessThan(500)
      }
      // The node's cap: 6 in all.
      for (let index = 0; index < 2; index++) expect((await stream(second, shoots.second)).status).toBe(200)
      const full = await stream(bystander, shoots.bystander)
      expect({ status: full.status, message: message(full.body) }).toEqual({
        status: 429,
        message: 'This server is following 6 shoots, the most it takes at once; try again in 10 s.',
      })
      const at = performance.now()
      expect((await bystander.get('/api/users/me')).status).toBe(200)
      expect(performance.now() - at).toBeLessThan(500)
      // A closed stream gives its slot back.
      open.shift()!.abort()
      await expect
        .poll(async () => (await stream(bystander, shoots.bystander)).status, { timeout: 10_000 })
        .toBe(200)
    } finally {
      for (const abort of open) abort.abort()
    }
  }, 180_000)
})
