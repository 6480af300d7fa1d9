import { ApiError, type GenerateContentResponse, GoogleGenAI } from '@google/genai'

import type { GenerateInput, GenerateOutcome, ImageProvider } from './types'

export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash-image'
const DEFAULT_TIMEOUT_MS = 120_000
const DEFAULT_RETRY_MS = 2_000

const BLOCKING_FINISH_REASONS = new Set([
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'PROHIBITED_CONTENT',
  'SAFETY',
  'NO_IMAGE',
  'IMAGE_OTHER',
  'IMAGE_RECITATION',
  'RECITATION',
  'BLOCKLIST',
  'SPII',
])

export interface GeminiOptions {
  apiKey: string
  model?: string
  baseUrl?: string
  timeoutMs?: number
}

/** "15s" / "1.5s" from google.rpc.RetryInfo, in ms. */
const retryDelayMs = (error: ApiError): number | null => {
  try {
    const body = JSON.parse(error.message.slice(error.message.indexOf('{')))
    const details: Array<{ '@type'?: string; retryDelay?: string }> = body?.error?.details ?? []
    const info = details.find((detail) => detail['@type']?.endsWith('google.rpc.RetryInfo'))
    const seconds = info?.retryDelay ? Number.parseFloat(info.retryDelay) : Number.NaN
    return Number.isFinite(seconds) ? Math.round(seconds * 1000) : null
  } catch {
    return null
  }
}

const blocked = (reason: string): GenerateOutcome => ({
  kind: 'blocked',
  reason,
  message: `The image was blocked by the image model's safety filter (${reason}).`,
})

/** Reads one generateContent answer: the last image part that is not an interim "thought". */
export const readImageResponse = (response: GenerateContentResponse, model: string): GenerateOutcome => {
  const promptBlock = response.promptFeedback?.blockReason
  if (promptBlock) return blocked(String(promptBlock))
  const candidate = response.candidates?.[0]
  if (!candidate) return { kind: 'failed', message: 'The image model returned no answer.' }
  const parts = candidate.content?.parts ?? []
  const images = parts.filter((part) => part.inlineData?.data && !part.thought)
  const image = images[images.length - 1]
  if (image?.inlineData?.data) {
    return {
      kind: 'image',
      data: Buffer.from(image.inlineData.data, 'base64'),
      mimeType: image.inlineData.mimeType ?? 'image/png',
      model: response.modelVersion ?? model,
      usage: {
        promptTokens: response.usageMetadata?.promptTokenCount,
        outputTokens: response.usageMetadata?.candidatesTokenCount,
      },
    }
  }
  const reason = candidate.finishReason ? String(candidate.finishReason) : 'NO_IMAGE'
  if (BLOCKING_FINISH_REASONS.has(reason)) return blocked(reason)
  // A text-only answer means the model declined to draw: treat it as "no image".
  return blocked('NO_IMAGE')
}

/**
 * Google Gemini image model through @google/genai: one generateContent call per image, the
 * photo as inlineData and the prompt as text. Every answer maps to one typed outcome.
 */
export class GeminiProvider implements ImageProvider {
  readonly name = 'gemini'
  readonly isPreview = false
  private readonly client: GoogleGenAI
  private readonly model: string

  constructor(options: GeminiOptions) {
    this.model = options.model ?? DEFAULT_GEMINI_MODEL
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      apiVersion: 'v1beta',
      httpOptions: { baseUrl: options.baseUrl, timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS },
    })
  }

  async generate(input: GenerateInput): Promise<GenerateOutcome> {
    let response: GenerateContentResponse
    try {
      response = await this.client.models.generateContent({
        model: this.model,
        contents: [
          {
            role: 'user',
            parts: [{ inlineData: { mimeType: input.image.mimeType, data: input.image.data.toString('base64') } }, { text: input.prompt }],
          },
        ],
        config: {
          candidateCount: 1,
          responseModalities: ['TEXT', 'IMAGE'],
          imageConfig: { aspectRatio: input.aspectRatio },
          abortSignal: input.signal,
        },
      })
    } catch (error) {
      return this.mapError(error)
    }
    return readImageResponse(response, this.model)
  }

  private mapError(error: unknown): GenerateOutcome {
    if (error instanceof ApiError) {
      if (error.status === 429 || error.status === 500 || error.status === 503 || error.status === 504) {
        return {
          kind: 'retryable',
          status: error.status,
          retryAfterMs: retryDelayMs(error) ?? DEFAULT_RETRY_MS,
          message: `The image service is busy (HTTP ${error.status}).`,
        }
      }
      return { kind: 'failed', message: `The image service refused the request (HTTP ${error.status}).` }
    }
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof SyntaxError || /JSON/i.test(message)) {
      return { kind: 'failed', message: 'The image service sent an unreadable answer.' }
    }
    // Timeouts, resets and refused connections are worth another try.
    return { kind: 'retryable', retryAfterMs: DEFAULT_RETRY_MS, message: `The image service did not answer (${message}).` }
  }
}
