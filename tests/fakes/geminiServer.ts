import http from 'node:http'
import type { AddressInfo } from 'node:net'

import sharp from 'sharp'

/**
 * A local stand-in for Google's Gemini API (generateContent) that speaks its wire format
 * (see shared/reference/wire-formats.md), so the real @google/genai SDK can be pointed at
 * it: `new GoogleGenAI({ apiKey, httpOptions: { baseUrl: fake.url } })` or GEMINI_BASE_URL.
 * Behaviours are queued per call (`enqueue`), else the default (`setDefault`, an image).
 * Used by unit, integration and e2e tests and the benchmark: depends on sharp only.
 */
export type GeminiBehaviour =
  /**
   * 200 with a real PNG at the requested aspect ratio; optionally a "thought" draft image first.
   * `portrait` is what it shows (default: the fake's `portraits` option).
   */
  | { kind: 'image'; withThought?: boolean; withText?: boolean; portrait?: FakePortrait }
  /** 200, no candidates, promptFeedback.blockReason (default PROHIBITED_CONTENT). */
  | { kind: 'promptBlocked'; reason?: string }
  /** 200, a candidate with no parts and finishReason IMAGE_SAFETY. */
  | { kind: 'imageSafety' }
  /** 200, a candidate with no parts and any finishReason (IMAGE_PROHIBITED_CONTENT, NO_IMAGE, ...). */
  | { kind: 'finishBlocked'; reason: string }
  /** 200, STOP with a text part and no image. */
  | { kind: 'textOnly'; text?: string }
  /** 200, `candidates: []` and no promptFeedback ("no image this time"). */
  | { kind: 'emptyCandidates' }
  /** Answers `then` (an error behaviour) with its JSON body wrapped in an array, as Google's front ends do. */
  | { kind: 'inArray'; then: GeminiBehaviour }
  /** 429 RESOURCE_EXHAUSTED with google.rpc.RetryInfo (retryDelay null: no RetryInfo). */
  | { kind: 'rateLimited'; retryDelay?: string | null }
  | { kind: 'overloaded' }
  | { kind: 'internal' }
  | { kind: 'badRequest'; message?: string }
  /** 200 with a cut-off JSON body, or (`html`) an HTML page with a text/html content type. */
  | { kind: 'malformedJson'; variant?: 'truncated' | 'html' }
  /** Drops the connection without answering (a network error for the client). */
  | { kind: 'disconnect' }
  /** Waits `ms` (on top of the latency), then answers with `then` (default: image). */
  | { kind: 'slow'; ms: number; then?: GeminiBehaviour }

/**
 * What a fake image shows: `reference` the photos in the request side by side, each whole, on a
 * blue backdrop (a model that keeps everyone's face); a given photo (e.g. another person's face fixture) the
 * same way; `flat` a plain blue PNG (no face).
 */
export type FakePortrait = 'reference' | 'flat' | Buffer

/** Shorthands: `fake.enqueue(geminiBehaviours.rateLimited('1.5s'), geminiBehaviours.slow(500))`. */
export const geminiBehaviours = {
  image: (
    options: { withThought?: boolean; withText?: boolean; portrait?: FakePortrait } = {},
  ): GeminiBehaviour => ({
    kind: 'image',
    ...options,
  }),
  /** An image showing `photo` (say another person's face) instead of the customer. */
  portraitOf: (photo: Buffer): GeminiBehaviour => ({ kind: 'image', portrait: photo }),
  promptBlocked: (reason = 'PROHIBITED_CONTENT'): GeminiBehaviour => ({ kind: 'promptBlocked', reason }),
  imageSafety: (): GeminiBehaviour => ({ kind: 'imageSafety' }),
  finishBlocked: (reason: string): GeminiBehaviour => ({ kind: 'finishBlocked', reason }),
  textOnly: (text?: string): GeminiBehaviour => ({ kind: 'textOnly', text }),
  /** Two calls: the model first answers in words only, then draws on the retry (seen on gemini-2.5-flash-image). */
  textThenImage: (text = 'Sure, here it is:'): GeminiBehaviour[] => [
    { kind: 'textOnly', text },
    { kind: 'image' },
  ],
  emptyCandidates: (): GeminiBehaviour => ({ kind: 'emptyCandidates' }),
  inArray: (then: GeminiBehaviour): GeminiBehaviour => ({ kind: 'inArray', then }),
  rateLimited: (retryDelay: string | null = '15s'): GeminiBehaviour => ({ kind: 'rateLimited', retryDelay }),
  overloaded: (): GeminiBehaviour => ({ kind: 'overloaded' }),
  internal: (): GeminiBehaviour => ({ kind: 'internal' }),
  badRequest: (message?: string): GeminiBehaviour => ({ kind: 'badRequest', message }),
  malformedJson: (variant: 'truncated' | 'html' = 'truncated'): GeminiBehaviour => ({
    kind: 'malformedJson',
    variant,
  }),
  disconnect: (): GeminiBehaviour => ({ kind: 'disconnect' }),
  slow: (ms: number, then?: GeminiBehaviour): GeminiBehaviour => ({ kind: 'slow', ms, then }),
}

export interface RecordedRequest {
  method: string
  /** Path with query, e.g. /v1beta/models/gemini-2.5-flash-image:generateContent */
  path: string
  apiVersion: string | null
  model: string | null
  apiKey: string | undefined
  headers: http.IncomingHttpHeaders
  /** Parsed JSON body (null when it was not JSON). */
  body: any
  receivedAt: number
}
/** @deprecated old name, kept for existing callers. */
export type RecordedGeminiRequest = RecordedRequest

export interface FakeGeminiOptions {
  /** Delay before every answer, in ms (default 0; the benchmark uses 300). */
  latencyMs?: number
  /** The only key accepted (default FAKE_GEMINI_API_KEY). */
  apiKey?: string
  /** Long edge of the generated PNGs (default 512). */
  imageEdge?: number
  /** What images show when a behaviour does not say (default `reference`: the customer's own photo). */
  portraits?: 'reference' | 'flat'
}

export interface FakeGemini {
  url: string
  /** generateContent calls. */
  requests: RecordedRequest[]
  /** models.get and models.list calls (the app's probes), kept apart from generateContent. */
  modelRequests: RecordedRequest[]
  /** Stops serving `model` (404 NOT_FOUND from now on), as Google does when it shuts one down. */
  retire: (model: string) => void
  /** Serves `model` (again), with the given limits or a served model's. */
  serve: (model: string, limits?: FakeModelLimits) => void
  enqueue: (...behaviours: GeminiBehaviour[]) => void
  setDefault: (behaviour: GeminiBehaviour) => void
  setLatency: (ms: number) => void
  /**
   * Holds every answer (after its latency) until the returned function releases them: a test keeps
   * a shoot running, unchanged, while it sets up what watches it.
   */
  hold: () => () => void
  /** Empties the queue and the request logs, restores the image default and serves the served models again. */
  reset: () => void
  /** generateContent calls being answered right now, and the most at once since start/reset. */
  readonly inFlight: number
  readonly peakInFlight: number
  close: () => Promise<void>
}

export const FAKE_GEMINI_API_KEY = 'fake-gemini-key'
const MAX_REQUEST_BYTES = 20 * 1024 * 1024
const ROUTE = /^\/(v1beta|v1)\/models\/([^/:?]+):generateContent(?:\?.*)?$/
/** models.get (`/v1beta/models/{id}`) and models.list (`/v1beta/models?pageSize=&pageToken=`). */
const MODEL_ROUTE = /^\/(v1beta|v1)\/models(?:\/([^/:?]+))?(?:\?.*)?$/

const errorBody = (code: number, status: string, message: string, details?: unknown[]) =>
  JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } })

/** The aspect ratios the API documents; anything else is a 400 INVALID_ARGUMENT. */
export const DOCUMENTED_ASPECT_RATIOS = [
  '1:1',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '9:16',
  '16:9',
  '21:9',
]

// Final images are blue, thought drafts orange: tests tell them apart by colour.
const FINAL_COLOUR = { r: 40, g: 90, b: 210 }
const THOUGHT_COLOUR = { r: 230, g: 140, b: 30 }
const RATIOS: Record<string, [number, number]> = Object.fromEntries(
  DOCUMENTED_ASPECT_RATIOS.map((ratio) => [ratio, ratio.split(':').map(Number) as [number, number]]),
)

const pngCache = new Map<string, Promise<string>>()
const makePng = (aspectRatio: string, edge: number, colour: typeof FINAL_COLOUR): Promise<string> => {
  const [w, h] = RATIOS[aspectRatio] ?? RATIOS['1:1']
  const width = w >= h ? edge : Math.round((edge * w) / h)
  const height = w >= h ? Math.round((edge * h) / w) : edge
  const key = `${width}x${height}:${colour.r}`
  if (!pngCache.has(key)) {
    pngCache.set(
      key,
      sharp({ create: { width, height, channels: 3, background: colour } })
        .png()
        .toBuffer()
        .then((b) => b.toString('base64')),
    )
  }
  return pngCache.get(key)!
}

/**
 * The photos side by side (one strip each, in order), each whole, scaled to fit its strip on the
 * final images' blue backdrop, as a base64 PNG: everyone sent is in the picture.
 */
const portraitPng = async (photos: Buffer[], aspectRatio: string, edge: number): Promise<string> => {
  const [w, h] = RATIOS[aspectRatio] ?? RATIOS['1:1']
  const width = w >= h ? edge : Math.round((edge * w) / h)
  const height = w >= h ? Math.round((edge * h) / w) : edge
  const strip = (index: number) => Math.round((width * index) / photos.length)
  const tiles = await Promise.all(
    photos.map(async (photo, index) => ({
      left: strip(index),
      top: 0,
      input: await sharp(photo)
        .rotate()
        .resize(strip(index + 1) - strip(index), height, { fit: 'contain', background: FINAL_COLOUR })
        .removeAlpha()
        .png()
        .toBuffer(),
    })),
  )
  const png = await sharp({ create: { width, height, channels: 3, background: FINAL_COLOUR } })
    .composite(tiles)
    .png()
    .toBuffer()
  return png.toString('base64')
}

const configOf = (body: any): any => body?.generationConfig ?? body?.generation_config ?? {}
const aspectRatioOf = (body: any): string | undefined => {
  const config = configOf(body)
  const value = config.imageConfig?.aspectRatio ?? config.image_config?.aspect_ratio
  return value === undefined ? undefined : String(value)
}
/** Text parts come only when the request allows TEXT (the default when no modalities are given). */
const allowsText = (body: any): boolean => {
  const modalities = configOf(body).responseModalities ?? configOf(body).response_modalities
  return !Array.isArray(modalities) || modalities.map(String).includes('TEXT')
}

/** What the real API accepts per image model (Google's model pages, wire-formats.md). */
export interface FakeModelLimits {
  /** Input images per request (reference images). */
  maxImages: number
  /** Of those, people the model keeps consistent (documented; not checked on the wire). */
  maxPeople: number
  /** `imageSize` values it takes (capital K); an empty list takes none. */
  imageSizes: string[]
  aspectRatios: string[]
  displayName: string
}

/**
 * The image models Google serves today (GA since 28 May 2026). Anything else, the shut-down
 * gemini-2.5-flash-image and the -preview ids included, is a 404 NOT_FOUND on models.get and
 * generateContent, as on the real API.
 */
export const FAKE_MODEL_LIMITS: Record<string, FakeModelLimits> = {
  'gemini-3.1-flash-image': {
    maxImages: 14,
    maxPeople: 4,
    imageSizes: ['512', '1K', '2K', '4K'],
    aspectRatios: [...DOCUMENTED_ASPECT_RATIOS, '1:4', '4:1', '1:8', '8:1'],
    displayName: 'Gemini 3.1 Flash Image',
  },
  'gemini-3-pro-image': {
    maxImages: 14,
    maxPeople: 5,
    imageSizes: ['1K', '2K', '4K'],
    aspectRatios: DOCUMENTED_ASPECT_RATIOS,
    displayName: 'Gemini 3 Pro Image',
  },
}

/** Ids Google has shut down (wire-formats.md): the fake answers them 404 like any unknown id. */
export const RETIRED_MODEL_IDS = [
  'gemini-2.5-flash-image',
  'gemini-3-pro-image-preview',
  'gemini-3.1-flash-image-preview',
]

const notFoundBody = (model: string, apiVersion = 'v1beta') =>
  errorBody(
    404,
    'NOT_FOUND',
    `models/${model} is not found for API version ${apiVersion}, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
  )

/** models.get's answer for a served model (the shape of Google's Model resource). */
const modelResource = (id: string, limits: FakeModelLimits) => ({
  name: `models/${id}`,
  version: '1.0',
  displayName: limits.displayName,
  description: `${limits.displayName} (fake)`,
  inputTokenLimit: 65536,
  outputTokenLimit: 32768,
  supportedGenerationMethods: ['generateContent', 'countTokens'],
})
const SIZE_FACTOR: Record<string, number> = { '512': 0.5, '1K': 1, '2K': 2, '4K': 4 }

const imageConfigOf = (body: any): Record<string, any> => {
  const config = body?.generationConfig ?? body?.generation_config ?? {}
  return config.imageConfig ?? config.image_config ?? {}
}

const partsOf = (body: any): any[] =>
  Array.isArray(body?.contents)
    ? body.contents.flatMap((c: any) => (Array.isArray(c?.parts) ? c.parts : []))
    : []

/** Starts the fake on 127.0.0.1 with a random port. */
export const startFakeGemini = async (options: FakeGeminiOptions = {}): Promise<FakeGemini> => {
  const apiKey = options.apiKey ?? FAKE_GEMINI_API_KEY
  // This instance's served models: tests retire one (`retire`) to play Google shutting it down.
  const served: Record<string, FakeModelLimits> = { ...FAKE_MODEL_LIMITS }
  const modelRequests: RecordedRequest[] = []
  const imageEdge = options.imageEdge ?? 512
  const portraits = options.portraits ?? 'reference'
  const queue: GeminiBehaviour[] = []
  const requests: RecordedRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  let fallback: GeminiBehaviour = { kind: 'image' }
  let latency = options.latencyMs ?? 0
  let held: Promise<void> = Promise.resolve()
  let inFlight = 0
  let peakInFlight = 0
  let counter = 0

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve()
      }, ms)
      timers.add(timer)
    })

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string,
    type = 'application/json; charset=UTF-8',
  ) => {
    if (res.destroyed) return
    res.writeHead(status, { 'content-type': type })
    res.end(body)
  }
  // Error bodies of an `inArray` behaviour go out as `[{"error": ...}]`.
  const sendWrapped = (res: http.ServerResponse, status: number, body: string) =>
    send(res, status, `[${body}]`)

  const respond = async (
    res: http.ServerResponse,
    behaviour: GeminiBehaviour,
    body: any,
    model: string,
    sendError = send,
  ): Promise<void> => {
    const ok = (payload: unknown) => send(res, 200, JSON.stringify(payload))
    switch (behaviour.kind) {
      case 'inArray':
        return respond(res, behaviour.then, body, model, sendWrapped)
      case 'emptyCandidates':
        return ok({
          candidates: [],
          usageMetadata: { promptTokenCount: 1300, totalTokenCount: 1300 },
          modelVersion: model,
        })
      case 'slow':
        await sleep(behaviour.ms)
        return respond(res, behaviour.then ?? { kind: 'image' }, body, model, sendError)
      case 'image': {
        const imageConfig = imageConfigOf(body)
        const aspectRatio = String(imageConfig.aspectRatio ?? imageConfig.aspect_ratio ?? '1:1')
        const edge = Math.round(
          imageEdge * (SIZE_FACTOR[imageConfig.imageSize ?? imageConfig.image_size] ?? 1),
        )
        const parts: unknown[] = []
        if (behaviour.withText !== false && allowsText(body)) parts.push({ text: 'Here is your portrait.' })
        if (behaviour.withThought) {
          parts.push({ text: 'Drafting the composition.', thought: true })
          parts.push({
            inlineData: { mimeType: 'image/png', data: await makePng(aspectRatio, edge, THOUGHT_COLOUR) },
            thought: true,
          })
        }
        // Gemini 3 image models sign image parts; clients must carry or ignore the signature.
        const signature = Buffer.from(`fake-signature-${counter + 1}`).toString('base64')
        const shows = behaviour.portrait ?? portraits
        const sent: Buffer[] = partsOf(body)
          .map((p) => p?.inlineData ?? p?.inline_data)
          .filter((d) => typeof d?.data === 'string')
          .map((d) => Buffer.from(d.data, 'base64'))
        const photo = Buffer.isBuffer(shows) ? [shows] : shows === 'reference' && sent.length ? sent : null
        parts.push({
          inlineData: {
            mimeType: 'image/png',
            // A photo sharp cannot read gets the plain image.
            data: photo
              ? await portraitPng(photo, aspectRatio, edge).catch(() =>
                  makePng(aspectRatio, edge, FINAL_COLOUR),
                )
              : await makePng(aspectRatio, edge, FINAL_COLOUR),
          },
          thoughtSignature: signature,
        })
        return ok({
          candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
          usageMetadata: { promptTokenCount: 1300, candidatesTokenCount: 1290, totalTokenCount: 2590 },
          modelVersion: model,
          responseId: `fake-${++counter}`,
        })
      }
      case 'promptBlocked':
        return ok({
          promptFeedback: { blockReason: behaviour.reason ?? 'PROHIBITED_CONTENT' },
          usageMetadata: { promptTokenCount: 1300, totalTokenCount: 1300 },
          modelVersion: model,
        })
      case 'imageSafety':
      case 'finishBlocked': {
        const reason = behaviour.kind === 'imageSafety' ? 'IMAGE_SAFETY' : behaviour.reason
        return ok({
          candidates: [
            {
              content: { role: 'model' },
              finishReason: reason,
              finishMessage: `Unable to show the generated image (${reason}).`,
              index: 0,
            },
          ],
          usageMetadata: { promptTokenCount: 1300, totalTokenCount: 1300 },
          modelVersion: model,
        })
      }
      case 'textOnly':
        return ok({
          candidates: [
            {
              content: { role: 'model', parts: [{ text: behaviour.text ?? "I can't create that image." }] },
              finishReason: 'STOP',
              index: 0,
            },
          ],
          usageMetadata: { promptTokenCount: 1300, candidatesTokenCount: 12, totalTokenCount: 1312 },
          modelVersion: model,
        })
      case 'rateLimited': {
        const retryDelay = behaviour.retryDelay === undefined ? '15s' : behaviour.retryDelay
        const details = [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
                quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
              },
            ],
          },
          ...(retryDelay === null
            ? []
            : [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }]),
        ]
        return sendError(
          res,
          429,
          errorBody(
            429,
            'RESOURCE_EXHAUSTED',
            'You exceeded your current quota, please check your plan and billing details.',
            details,
          ),
        )
      }
      case 'overloaded':
        return sendError(
          res,
          503,
          errorBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
        )
      case 'internal':
        return sendError(
          res,
          500,
          errorBody(
            500,
            'INTERNAL',
            'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
          ),
        )
      case 'badRequest':
        return sendError(
          res,
          400,
          errorBody(400, 'INVALID_ARGUMENT', behaviour.message ?? 'Request contains an invalid argument.'),
        )
      case 'malformedJson':
        return behaviour.variant === 'html'
          ? send(
              res,
              200,
              '<!DOCTYPE html><html><body><h1>Upstream proxy error</h1></body></html>',
              'text/html; charset=UTF-8',
            )
          : send(
              res,
              200,
              '{"candidates": [{"content": {"role": "model", "parts": [{"inlineData": {"mimeType": "image/png", "da',
            )
      case 'disconnect':
        res.socket?.destroy()
        return
    }
  }

  /** The API key checks every method makes; null when the key is fine. */
  const keyRefusal = (key: string | undefined): [number, string] | null => {
    if (!key)
      return [
        403,
        errorBody(
          403,
          'PERMISSION_DENIED',
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        ),
      ]
    if (key !== apiKey) {
      return [
        400,
        errorBody(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
          },
        ]),
      ]
    }
    return null
  }

  /** models.get: the Model resource, or 404 NOT_FOUND; models.list: served models, a page at a time. */
  const answerModels = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    apiVersion: string,
    model: string | undefined,
    key: string | undefined,
  ) => {
    modelRequests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      apiVersion,
      model: model ?? null,
      apiKey: key,
      headers: req.headers,
      body: null,
      receivedAt: Date.now(),
    })
    const refused = keyRefusal(key)
    if (refused) return send(res, refused[0], refused[1])
    if (model) {
      const limits = served[model]
      return limits
        ? send(res, 200, JSON.stringify(modelResource(model, limits)))
        : send(res, 404, notFoundBody(model, apiVersion))
    }
    const query = new URL(req.url ?? '/', 'http://fake').searchParams
    const pageSize = Math.min(Math.max(Number(query.get('pageSize')) || 50, 1), 1000)
    const start = Number(query.get('pageToken') ?? 0) || 0
    const ids = Object.keys(served)
    const page = ids.slice(start, start + pageSize)
    return send(
      res,
      200,
      JSON.stringify({
        models: page.map((id) => modelResource(id, served[id])),
        ...(start + pageSize < ids.length ? { nextPageToken: String(start + pageSize) } : {}),
      }),
    )
  }

  /** Request checks the real API makes before any generation; null when the request is fine. */
  const refusal = (
    req: http.IncomingMessage,
    key: string | undefined,
    body: any,
    size: number,
    model: string,
  ): [number, string] | null => {
    if (req.method !== 'POST') return [405, errorBody(405, 'METHOD_NOT_ALLOWED', 'Use POST.')]
    if (size > MAX_REQUEST_BYTES)
      return [
        400,
        errorBody(
          400,
          'INVALID_ARGUMENT',
          `Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes.`,
        ),
      ]
    const keyRefused = keyRefusal(key)
    if (keyRefused) return keyRefused
    if (body === null || typeof body !== 'object')
      return [400, errorBody(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.')]
    const config = configOf(body)
    const count = config.candidateCount ?? config.candidate_count ?? 1
    if (count > 1)
      return [400, errorBody(400, 'INVALID_ARGUMENT', 'Multiple candidates is not enabled for this model.')]
    const aspectRatio = aspectRatioOf(body)
    // A ratio no model documents is refused here; one that another model takes is left to the per-model check.
    const anyModelTakes = Object.values(served).some((limits) =>
      limits.aspectRatios.includes(aspectRatio ?? ''),
    )
    if (aspectRatio !== undefined && !DOCUMENTED_ASPECT_RATIOS.includes(aspectRatio) && !anyModelTakes) {
      return [400, errorBody(400, 'INVALID_ARGUMENT', `Unsupported aspect ratio: ${aspectRatio}.`)]
    }
    const parts = partsOf(body)
    const image = parts
      .map((p) => p?.inlineData ?? p?.inline_data)
      .find((d) => d && typeof d.data === 'string' && d.data.length > 0)
    const mimeType = image?.mimeType ?? image?.mime_type
    if (!image || typeof mimeType !== 'string' || !mimeType.startsWith('image/')) {
      return [
        400,
        errorBody(
          400,
          'INVALID_ARGUMENT',
          'Expected an inline image part (inlineData with an image mimeType).',
        ),
      ]
    }
    if (!parts.some((p) => typeof p?.text === 'string' && p.text.length > 0))
      return [400, errorBody(400, 'INVALID_ARGUMENT', 'Expected a text prompt part.')]
    return modelRefusal(model, body, parts)
  }

  /** The per-model checks: known model, number of input images, imageSize and aspect ratio. */
  const modelRefusal = (model: string, body: any, parts: any[]): [number, string] | null => {
    const limits = served[model]
    if (!limits) return [404, notFoundBody(model)]
    const images = parts.filter((p) => p?.inlineData ?? p?.inline_data).length
    if (images > limits.maxImages) {
      return [
        400,
        errorBody(
          400,
          'INVALID_ARGUMENT',
          `${model} accepts at most ${limits.maxImages} input images (${images} given).`,
        ),
      ]
    }
    const imageConfig = imageConfigOf(body)
    const imageSize = imageConfig.imageSize ?? imageConfig.image_size
    if (imageSize !== undefined && !limits.imageSizes.includes(imageSize)) {
      const allowed = limits.imageSizes.length
        ? `one of ${limits.imageSizes.join(', ')}`
        : 'not supported by this model'
      return [
        400,
        errorBody(
          400,
          'INVALID_ARGUMENT',
          `Invalid value at 'generation_config.image_config.image_size' (${imageSize}): ${allowed}.`,
        ),
      ]
    }
    const aspectRatio = imageConfig.aspectRatio ?? imageConfig.aspect_ratio
    if (aspectRatio !== undefined && !limits.aspectRatios.includes(aspectRatio)) {
      return [400, errorBody(400, 'INVALID_ARGUMENT', `Invalid aspect ratio ${aspectRatio} for ${model}.`)]
    }
    return null
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk as Buffer)
    }
    const keyOf = () =>
      (req.headers['x-goog-api-key'] as string | undefined) ??
      new URL(req.url ?? '/', 'http://fake').searchParams.get('key') ??
      undefined
    // Test control for a fake running in another process (the browser suite's): POST /fake/enqueue
    // with a JSON list of behaviours; an image's `portrait` may be a photo as base64.
    if (req.method === 'POST' && req.url === '/fake/enqueue') {
      try {
        const list = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GeminiBehaviour[]
        queue.push(
          ...list.map((behaviour) =>
            behaviour.kind === 'image' &&
            typeof behaviour.portrait === 'string' &&
            behaviour.portrait !== 'reference' &&
            behaviour.portrait !== 'flat'
              ? { ...behaviour, portrait: Buffer.from(behaviour.portrait, 'base64') }
              : behaviour,
          ),
        )
        return send(res, 200, JSON.stringify({ queued: queue.length }))
      } catch (error) {
        return send(res, 400, JSON.stringify({ error: String(error) }))
      }
    }
    const modelRoute = req.method === 'GET' ? MODEL_ROUTE.exec(req.url ?? '') : null
    if (modelRoute) return answerModels(req, res, modelRoute[1], modelRoute[2], keyOf())
    const route = ROUTE.exec(req.url ?? '')
    if (!route) return send(res, 404, errorBody(404, 'NOT_FOUND', `No route ${req.method} ${req.url}`))
    let body: any = null
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      body = null
    }
    const key =
      (req.headers['x-goog-api-key'] as string | undefined) ??
      new URL(req.url ?? '/', 'http://fake').searchParams.get('key') ??
      undefined
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      apiVersion: route[1],
      model: route[2],
      apiKey: key,
      headers: req.headers,
      body,
      receivedAt: Date.now(),
    })
    const refused = refusal(req, key, body, size, route[2])
    if (refused) return send(res, refused[0], refused[1])

    inFlight++
    peakInFlight = Math.max(peakInFlight, inFlight)
    try {
      if (latency > 0) await sleep(latency)
      await held
      await respond(res, queue.shift() ?? fallback, body, route[2])
    } catch (error) {
      send(
        res,
        500,
        errorBody(500, 'INTERNAL', `Fake Gemini failed: ${error instanceof Error ? error.message : error}`),
      )
    } finally {
      inFlight--
    }
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    modelRequests,
    retire: (model) => {
      delete served[model]
    },
    serve: (model, limits) => {
      served[model] = limits ?? FAKE_MODEL_LIMITS[model] ?? FAKE_MODEL_LIMITS['gemini-3-pro-image']
    },
    enqueue: (...behaviours) => {
      queue.push(...behaviours)
    },
    setDefault: (behaviour) => {
      fallback = behaviour
    },
    setLatency: (ms) => {
      latency = ms
    },
    hold: () => {
      let release = () => {}
      held = new Promise<void>((resolve) => (release = resolve))
      return release
    },
    reset: () => {
      queue.length = 0
      requests.length = 0
      modelRequests.length = 0
      Object.assign(served, FAKE_MODEL_LIMITS)
      fallback = { kind: 'image' }
      peakInFlight = inFlight
    },
    get inFlight() {
      return inFlight
    },
    get peakInFlight() {
      return peakInFlight
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
