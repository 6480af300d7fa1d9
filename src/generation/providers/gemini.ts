import { type GenerateContentResponse, GoogleGenAI, type Part } from '@google/genai'

import { limitsOf } from '../imageModels'

import { DEFAULT_RETRY_AFTER_MS, mapGeminiError, readImageResponse } from './geminiOutcomes'
import type { GenerateInput, GenerateOutcome, ImageProvider, ReferenceImage } from './types'

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
 * The request's parts: each reference photo as its own inlineData part, preceded (when there
 * are several) by its label, so every face is tied to the person the prompt names; the prompt last.
 */
const referenceParts = (input: GenerateInput): Part[] => {
  const references: ReferenceImage[] = input.references?.length ? input.references : [input.image]
  const several = references.length > 1
  return [
    ...references.flatMap((photo): Part[] => [
      ...(several && photo.label ? [{ text: photo.label }] : []),
      { inlineData: { mimeType: photo.mimeType, data: photo.data.toString('base64') } },
    ]),
    { text: input.prompt },
  ]
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
    this.timeoutMs =
      options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_GEMINI_TIMEOUT_MS
    this.defaultRetryAfterMs = options.defaultRetryAfterMs ?? DEFAULT_RETRY_AFTER_MS
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      apiVersion: 'v1beta',
      httpOptions: { baseUrl: options.baseUrl, timeout: this.timeoutMs },
    })
  }

  async generate(input: GenerateInput): Promise<GenerateOutcome> {
    let response: GenerateContentResponse
    const model = input.model || this.model
    const imageSize = input.imageSize ?? '1K'
    try {
      response = await this.client.models.generateContent({
        model,
        contents: [{ role: 'user', parts: referenceParts(input) }],
        config: {
          candidateCount: 1,
          // Image only: with TEXT allowed, the model sometimes answers in words and draws nothing.
          responseModalities: ['IMAGE'],
          // Models that make 1K only take no imageSize at all.
          imageConfig: {
            aspectRatio: input.aspectRatio,
            ...(limitsOf(model).imageSizes.length > 1 ? { imageSize } : {}),
          },
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
      return readImageResponse(response, model, imageSize)
    } catch (error) {
      // A shape we do not expect must not take the job down with it.
      return {
        kind: 'failed',
        message: `The image service sent an unexpected answer (${error instanceof Error ? error.message : error}).`,
      }
    }
  }
}
