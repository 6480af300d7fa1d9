import http from 'node:http'
import type { AddressInfo } from 'node:net'

import sharp from 'sharp'

/**
 * A local stand-in for Google's Gemini API that speaks its wire format (see
 * shared/reference/wire-formats.md), so the real @google/genai SDK can be pointed at it.
 * Behaviours are queued per call; the default answers with a real PNG.
 */
export type GeminiBehaviour =
  | { kind: 'image'; withThought?: boolean; withText?: boolean }
  | { kind: 'promptBlocked'; reason?: string }
  | { kind: 'finishBlocked'; reason: string }
  | { kind: 'textOnly' }
  | { kind: 'rateLimited'; retryDelay?: string }
  | { kind: 'overloaded' }
  | { kind: 'internal' }
  | { kind: 'badRequest'; message?: string }
  | { kind: 'malformedJson' }
  | { kind: 'slow'; ms: number; then?: GeminiBehaviour }

export interface RecordedGeminiRequest {
  path: string
  apiKey: string | undefined
  body: any
}

export interface FakeGemini {
  url: string
  requests: RecordedGeminiRequest[]
  enqueue: (...behaviours: GeminiBehaviour[]) => void
  setDefault: (behaviour: GeminiBehaviour) => void
  setLatency: (ms: number) => void
  close: () => Promise<void>
}

const API_KEY = 'fake-gemini-key'

const makePng = async (seed: number): Promise<string> => {
  const png = await sharp({
    create: { width: 512, height: 512, channels: 3, background: { r: (seed * 53) % 256, g: 120, b: 200 } },
  })
    .png()
    .toBuffer()
  return png.toString('base64')
}

const errorBody = (code: number, status: string, message: string, details?: unknown[]) =>
  JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } })

export const startFakeGemini = async (options: { latencyMs?: number; apiKey?: string } = {}): Promise<FakeGemini> => {
  const queue: GeminiBehaviour[] = []
  let fallback: GeminiBehaviour = { kind: 'image' }
  let latency = options.latencyMs ?? 0
  const requests: RecordedGeminiRequest[] = []
  const apiKey = options.apiKey ?? API_KEY
  let counter = 0
  const imageData = await makePng(1)
  const thoughtData = await makePng(7)

  const respond = async (res: http.ServerResponse, behaviour: GeminiBehaviour): Promise<void> => {
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type })
      res.end(body)
    }
    switch (behaviour.kind) {
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, behaviour.ms))
        return respond(res, behaviour.then ?? { kind: 'image' })
      case 'image': {
        const parts: unknown[] = []
        if (behaviour.withText !== false) parts.push({ text: 'Here is your portrait.' })
        if (behaviour.withThought) parts.push({ inlineData: { mimeType: 'image/png', data: thoughtData }, thought: true })
        parts.push({ inlineData: { mimeType: 'image/png', data: imageData } })
        return send(
          200,
          JSON.stringify({
            candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
            usageMetadata: { promptTokenCount: 1300, candidatesTokenCount: 1290, totalTokenCount: 2590 },
            modelVersion: 'gemini-2.5-flash-image',
            responseId: `fake-${++counter}`,
          }),
        )
      }
      case 'promptBlocked':
        return send(200, JSON.stringify({ promptFeedback: { blockReason: behaviour.reason ?? 'PROHIBITED_CONTENT' }, usageMetadata: {} }))
      case 'finishBlocked':
        return send(
          200,
          JSON.stringify({ candidates: [{ content: { role: 'model' }, finishReason: behaviour.reason, finishMessage: 'Blocked.', index: 0 }] }),
        )
      case 'textOnly':
        return send(200, JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'I cannot draw that.' }] }, finishReason: 'STOP', index: 0 }] }))
      case 'rateLimited':
        return send(
          429,
          errorBody(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: behaviour.retryDelay ?? '15s' },
          ]),
        )
      case 'overloaded':
        return send(503, errorBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'))
      case 'internal':
        return send(500, errorBody(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting'))
      case 'badRequest':
        return send(400, errorBody(400, 'INVALID_ARGUMENT', behaviour.message ?? 'Request contains an invalid argument.'))
      case 'malformedJson':
        return send(200, '{"candidates": [{"content": ', 'application/json')
    }
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const match = req.url?.match(/^\/v1(?:beta)?\/models\/([^/:]+):generateContent/)
    if (req.method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' })
      return res.end(errorBody(404, 'NOT_FOUND', `No route ${req.method} ${req.url}`))
    }
    let body: any
    try {
      body = JSON.parse(raw)
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' })
      return res.end(errorBody(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.'))
    }
    const key = (req.headers['x-goog-api-key'] as string | undefined) ?? new URL(req.url ?? '', 'http://x').searchParams.get('key') ?? undefined
    requests.push({ path: req.url ?? '', apiKey: key, body })
    if (key !== apiKey) {
      res.writeHead(400, { 'content-type': 'application/json' })
      return res.end(errorBody(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.'))
    }
    const config = body.generationConfig ?? body.generation_config ?? {}
    if ((config.candidateCount ?? config.candidate_count ?? 1) > 1) {
      res.writeHead(400, { 'content-type': 'application/json' })
      return res.end(errorBody(400, 'INVALID_ARGUMENT', 'Multiple candidates is not enabled for this model.'))
    }
    const parts = body.contents?.[0]?.parts ?? []
    const hasImage = parts.some((part: any) => part.inlineData?.data || part.inline_data?.data)
    const hasText = parts.some((part: any) => typeof part.text === 'string')
    if (!hasImage || !hasText) {
      res.writeHead(400, { 'content-type': 'application/json' })
      return res.end(errorBody(400, 'INVALID_ARGUMENT', 'Expected an inline image and a text prompt.'))
    }
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency))
    await respond(res, queue.shift() ?? fallback)
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...behaviours) => queue.push(...behaviours),
    setDefault: (behaviour) => {
      fallback = behaviour
    },
    setLatency: (ms) => {
      latency = ms
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export const FAKE_GEMINI_API_KEY = API_KEY
