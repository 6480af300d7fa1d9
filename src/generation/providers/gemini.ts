import { type GenerateContentResponse, GoogleGenAI } from '@google/genai'

import { DEFAULT_RETRY_AFTER_MS, mapGeminiError, readImageResponse } from './geminiOutcomes'
import type { GenerateInput, GenerateOutcome, ImageProvider } from './types'

export { parseRetryDelay, readImageResponse } from './geminiOutcomes'

export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash-image'
export const DEFAULT_GEMINI_TIMEOUT_MS = 120_000

export interface GeminiOptions {
  apiKey: string
  /** Default gemini-2.5-flash-image (the GA image model). */
  model?: string
  /** Only for fakes and proxies; production leaves it unset. */
  baseUrl?: string
  /** Per-call deadline; image models usually answer in 3-10 s. */
  timeoutMs?: number
  /** Suggested wait for retryable answers that carry no RetryInfo. */
  defaultRetryAfterMs?: number
}

/**
 * Google Gemini image model through @google/genai: one generateContent call per image
 * (candidateCount > 1 is rejected by image models), the photo as inlineData and the
 * prompt as text. Every answer, thrown or not, maps to one typed outcome; this class
 * never throws. SDK retries stay off: the job owns retries and honours RetryInfo.
 */
export class GeminiProvider implements ImageProvider {
  readonly name = 'gemini'
  readonly isPreview = false
  readonly model: string
  private readonly client: GoogleGenAI
  private readonly timeoutMs: number
  private readonly defaultRetryAfterMs: number

  constructor(options: GeminiOptions) {
    if (!options.apiKey) throw new Error('GeminiProvider needs an API key.')
    this.model = options.model || DEFAULT_GEMINI_MODEL
    this.timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_GEMINI_TIMEOUT_MS
    this.defaultRetryAfterMs = options.defaultRetryAfterMs ?? DEFAULT_RETRY_AFTER_MS
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      apiVersion: 'v1beta',
      httpOptions: { baseUrl: options.baseUrl, timeout: this.timeoutMs },
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
            parts: [
              { inlineData: { mimeType: input.image.mimeType, data: input.image.data.toString('base64') } },
              { text: input.prompt },
            ],
          },
        ],
        config: {
          candidateCount: 1,
          // Image only: with TEXT allowed, the model sometimes answers in words and draws nothing.
          responseModalities: ['IMAGE'],
          imageConfig: { aspectRatio: input.aspectRatio },
          abortSignal: input.signal,
        },
      })
    } catch (error) {
      return mapGeminiError(error, {
        callerAborted: input.signal?.aborted === true,
        timeoutMs: this.timeoutMs,
        defaultRetryAfterMs: this.defaultRetryAfterMs,
      })
    }
    try {
      return readImageResponse(response, this.model)
    } catch (error) {
      // A shape we do not expect must not take the job down with it.
      return { kind: 'failed', message: `The image service sent an unexpected answer (${error instanceof Error ? error.message : error}).` }
    }
  }
}
