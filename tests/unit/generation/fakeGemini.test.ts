import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import {
  FAKE_GEMINI_API_KEY,
  type FakeGemini,
  geminiBehaviours as b,
  RETIRED_MODEL_IDS,
  startFakeGemini,
} from '../../fakes/geminiServer'

// Raw HTTP against the fake: what other clients (REST, snake_case) and other tests rely on.
describe('fake Gemini server', () => {
  let fake: FakeGemini
  const image = Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64')

  const call = (
    body: unknown,
    {
      path = '/v1beta/models/gemini-3.1-flash-image:generateContent',
      key = FAKE_GEMINI_API_KEY as string | null,
    } = {},
  ) =>
    fetch(`${fake.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-goog-api-key': key } : {}) },
      body: JSON.stringify(body),
    })

  const camelBody = (config: Record<string, unknown> = {}) => ({
    contents: [
      {
        role: 'user',
        parts: [{ inlineData: { mimeType: 'image/jpeg', data: image } }, { text: 'portrait' }],
      },
    ],
    generationConfig: {
      candidateCount: 1,
      responseModalities: ['TEXT', 'IMAGE'],
      imageConfig: { aspectRatio: '1:1' },
      ...config,
    },
  })

  beforeAll(async () => {
    fake = await startFakeGemini({ portraits: 'flat' })
  })
  beforeEach(() => fake.reset())
  afterAll(() => fake.close())

  it('listens on 127.0.0.1 with a random port', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('answers /v1/ and snake_case inline_data / mime_type with a real PNG', async () => {
    const response = await call(
      {
        contents: [
          { parts: [{ inline_data: { mime_type: 'image/png', data: image } }, { text: 'portrait' }] },
        ],
        generation_config: { candidate_count: 1 },
      },
      { path: '/v1/models/gemini-3.1-flash-image:generateContent' },
    )
    expect(response.status).toBe(200)
    const json = await response.json()
    const part = json.candidates[0].content.parts.find((p: any) => p.inlineData)
    expect((await sharp(Buffer.from(part.inlineData.data, 'base64')).metadata()).format).toBe('png')
    expect(fake.requests[0]).toMatchObject({ apiVersion: 'v1', model: 'gemini-3.1-flash-image' })
  })

  it('rejects candidateCount > 1 with the real 400 INVALID_ARGUMENT body', async () => {
    const response = await call(camelBody({ candidateCount: 2 }))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: {
        code: 400,
        message: 'Multiple candidates is not enabled for this model.',
        status: 'INVALID_ARGUMENT',
      },
    })
  })

  it('checks the API key: missing is 403, wrong is 400', async () => {
    expect((await call(camelBody(), { key: null })).status).toBe(403)
    const wrong = await call(camelBody(), { key: 'nope' })
    expect(wrong.status).toBe(400)
    expect((await wrong.json()).error.details[0].reason).toBe('API_KEY_INVALID')
  })

  it('rejects a request without an inline image or a prompt', async () => {
    expect((await call({ contents: [{ parts: [{ text: 'no photo' }] }] })).status).toBe(400)
    expect(
      (await call({ contents: [{ parts: [{ inlineData: { mimeType: 'image/jpeg', data: image } }] }] }))
        .status,
    ).toBe(400)
  })

  it('answers 404 for unknown routes', async () => {
    expect((await call(camelBody(), { path: '/v1beta/models/x:embedContent' })).status).toBe(404)
  })

  it('plays queued behaviours in order, then the default', async () => {
    fake.enqueue(b.overloaded(), b.rateLimited('2s'))
    fake.setDefault(b.textOnly())
    const first = await call(camelBody())
    const second = await call(camelBody())
    const third = await call(camelBody())
    expect(first.status).toBe(503)
    expect(second.status).toBe(429)
    expect((await second.json()).error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '2s',
    })
    expect((await third.json()).candidates[0].content.parts).toEqual([{ text: "I can't create that image." }])
  })

  it('signs image parts, sends text only when TEXT is asked for, and answers candidates: []', async () => {
    const both = await (await call(camelBody())).json()
    expect(both.candidates[0].content.parts[0]).toEqual({ text: 'Here is your portrait.' })
    const imageOnly = await (await call(camelBody({ responseModalities: ['IMAGE'] }))).json()
    expect(imageOnly.candidates[0].content.parts).toHaveLength(1)
    expect(imageOnly.candidates[0].content.parts[0].thoughtSignature).toEqual(expect.any(String))
    fake.enqueue(b.emptyCandidates())
    expect((await (await call(camelBody())).json()).candidates).toEqual([])
  })

  it('plays text first, then an image, for textThenImage', async () => {
    fake.enqueue(...b.textThenImage())
    const first = await (await call(camelBody())).json()
    const second = await (await call(camelBody())).json()
    expect(first.candidates[0].content.parts).toEqual([{ text: 'Sure, here it is:' }])
    expect(second.candidates[0].content.parts.some((p: any) => p.inlineData)).toBe(true)
  })

  it('answers 400 INVALID_ARGUMENT for an aspect ratio outside the documented list', async () => {
    const refused = await call(camelBody({ imageConfig: { aspectRatio: '7:5' } }))
    expect(refused.status).toBe(400)
    expect((await refused.json()).error.status).toBe('INVALID_ARGUMENT')
    expect((await call(camelBody({ imageConfig: { aspectRatio: '21:9' } }))).status).toBe(200)
  })

  it('wraps an error body in an array for inArray', async () => {
    fake.enqueue(b.inArray(b.overloaded()))
    const response = await call(camelBody())
    expect(response.status).toBe(503)
    const body = await response.json()
    expect(Array.isArray(body)).toBe(true)
    expect(body[0].error.status).toBe('UNAVAILABLE')
  })

  it('serves the html variant of malformedJson with a non-JSON content type', async () => {
    fake.enqueue(b.malformedJson('html'))
    const response = await call(camelBody())
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
  })

  it('adds the configured latency and counts concurrent calls', async () => {
    fake.setLatency(150)
    const started = performance.now()
    const responses = await Promise.all([call(camelBody()), call(camelBody()), call(camelBody())])
    fake.setLatency(0)
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200])
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    expect(fake.peakInFlight).toBe(3)
    expect(fake.inFlight).toBe(0)
  })

  it('checks what the real API checks per model: model, input images, imageSize, aspect ratio', async () => {
    const withImages = (count: number, imageConfig: Record<string, unknown>) => ({
      contents: [
        {
          role: 'user',
          parts: [
            ...Array.from({ length: count }, () => ({ inlineData: { mimeType: 'image/jpeg', data: image } })),
            { text: 'portrait' },
          ],
        },
      ],
      generationConfig: { candidateCount: 1, imageConfig },
    })
    const pro = { path: '/v1beta/models/gemini-3-pro-image:generateContent' }
    const refused = async (response: Response, status: number, message: RegExp) => {
      expect(response.status).toBe(status)
      const body = await response.json()
      expect(body.error.message).toMatch(message)
      if (status === 400) expect(body.error.status).toBe('INVALID_ARGUMENT')
    }
    // 3.1 Flash Image makes 512 to 4K; Pro makes no 512.
    await refused(
      await call(withImages(1, { aspectRatio: '1:1', imageSize: '512' }), pro),
      400,
      /image_size.*\(512\): one of 1K, 2K, 4K/,
    )
    expect((await call(withImages(1, { aspectRatio: '1:1', imageSize: '512' }))).status).toBe(200)
    await refused(
      await call(withImages(1, { aspectRatio: '1:1', imageSize: '2k' }), pro),
      400,
      /image_size.*one of 1K, 2K, 4K/,
    )
    await refused(await call(withImages(1, { aspectRatio: '1:4' }), pro), 400, /aspect ratio 1:4/)
    await refused(await call(withImages(15, { aspectRatio: '1:1' }), pro), 400, /at most 14 input images/)
    await refused(
      await call(withImages(1, {}), { path: '/v1beta/models/gemini-9-image:generateContent' }),
      404,
      /not found/,
    )

    const ok = await call(withImages(5, { aspectRatio: '3:4', imageSize: '2K' }), pro)
    expect(ok.status).toBe(200)
    const png = (await ok.json()).candidates[0].content.parts.at(-1).inlineData.data
    expect(await sharp(Buffer.from(png, 'base64')).metadata()).toMatchObject({ width: 768, height: 1024 })
    expect((await call(withImages(3, { aspectRatio: '21:9' }))).status).toBe(200)
  })

  const get = (path: string, key: string | null = FAKE_GEMINI_API_KEY) =>
    fetch(`${fake.url}${path}`, { headers: key ? { 'x-goog-api-key': key } : {} })

  it("answers models.get for a served model and 404 NOT_FOUND in Google's body for a retired or unknown one", async () => {
    const served = await get('/v1beta/models/gemini-3-pro-image')
    expect(served.status).toBe(200)
    expect(await served.json()).toMatchObject({
      name: 'models/gemini-3-pro-image',
      supportedGenerationMethods: expect.arrayContaining(['generateContent']),
    })
    for (const id of [...RETIRED_MODEL_IDS, 'gemini-9-image']) {
      const missing = await get(`/v1beta/models/${id}`)
      expect(missing.status).toBe(404)
      expect(await missing.json()).toEqual({
        error: {
          code: 404,
          status: 'NOT_FOUND',
          message: expect.stringMatching(new RegExp(`^models/${id} is not found for API version v1beta`)),
        },
      })
      // generateContent answers a retired id the same way.
      const generated = await call(camelBody(), { path: `/v1beta/models/${id}:generateContent` })
      expect(generated.status).toBe(404)
      expect((await generated.json()).error.status).toBe('NOT_FOUND')
    }
    expect((await get('/v1beta/models/gemini-3-pro-image', null)).status).toBe(403)
    expect(fake.modelRequests.map((request) => request.model)).toContain('gemini-3-pro-image')
    expect(fake.requests.every((request) => request.path.includes(':generateContent'))).toBe(true)
  })

  it('lists served models a page at a time (pageSize, nextPageToken)', async () => {
    const first = await (await get('/v1beta/models?pageSize=1')).json()
    expect(first.models.map((model: { name: string }) => model.name)).toEqual([
      'models/gemini-3.1-flash-image',
    ])
    expect(first.nextPageToken).toBeTruthy()
    const second = await (await get(`/v1beta/models?pageSize=1&pageToken=${first.nextPageToken}`)).json()
    expect(second.models.map((model: { name: string }) => model.name)).toEqual(['models/gemini-3-pro-image'])
    expect(second.nextPageToken).toBeUndefined()
  })

  it('stops serving a model when a test retires it, and serves it again after reset', async () => {
    fake.retire('gemini-3-pro-image')
    expect((await get('/v1beta/models/gemini-3-pro-image')).status).toBe(404)
    expect(
      (await call(camelBody(), { path: '/v1beta/models/gemini-3-pro-image:generateContent' })).status,
    ).toBe(404)
    fake.reset()
    expect((await get('/v1beta/models/gemini-3-pro-image')).status).toBe(200)
  })

  it('honours the latency option at start', async () => {
    const slowFake = await startFakeGemini({ latencyMs: 120 })
    try {
      const started = performance.now()
      const response = await fetch(`${slowFake.url}/v1beta/models/gemini-3.1-flash-image:generateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': FAKE_GEMINI_API_KEY },
        body: JSON.stringify(camelBody()),
      })
      expect(response.status).toBe(200)
      expect(performance.now() - started).toBeGreaterThanOrEqual(110)
    } finally {
      await slowFake.close()
    }
  })
})
