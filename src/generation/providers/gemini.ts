import { ApiError, type GenerateContentResponse, GoogleGenAI, type Part } from '@google/genai'

import { DEFAULT_STANDARD_MODEL } from '../imageModels'
import { catalogueSnapshot, limitsIn } from '../modelCatalogue'

import { DEFAULT_RETRY_AFTER_MS, mapGeminiError, readImageResponse, serviceMessage } from './geminiOutcomes'
import type { GenerateInput, GenerateOutcome, ImageProvider, ModelProbe, ReferenceImage } from './types'

export { parseRetryDelay, readImageResponse } from './geminiOutcomes'

export const DEFAULT_GEMINI_MODEL = DEFAULT_STANDARD_MODEL
export const DEFAULT_GEMINI_TIMEOUT_MS = 120_000
/** A probe is one small GET: an answer slower than this is no verdict. */
export const PROBE_TIMEOUT_MS = 10_000

export interface GeminiOptions {
  apiKey: string
  /** Default DEFAULT_STANDARD_MODEL (src/generation/imageModels.ts). */
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
            ...(limitsIn(catalogueSnapshot(), model).imageSizes.length > 1 ? { imageSize } : {}),
          },
          abortSignal: input.signal,
        },
      })
    } catch (error) {
      return mapGeminiError(error, {
        callerAborted: input.signal?.aborted === true,
        timeoutMs: this.timeoutMs,
        defaultRetryAfterMs: this.defaultRetryAfterMs,
        model,
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

  /** models.get: 200 is served, 404 NOT_FOUND not served; anything else (network, 5xx, timeout) no verdict. */
  async probeModel(model: string): Promise<ModelProbe> {
    try {
      await this.client.models.get({ model, config: { abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS) } })
      return { kind: 'served' }
    } catch (error) {
      if (error instanceof ApiError && error.status === 404)
        return {
          kind: 'notServed',
          message: serviceMessage(error) || `models/${model} is not found (HTTP 404).`,
        }
      const detail =
        error instanceof ApiError
          ? `HTTP ${error.status}${serviceMessage(error) ? `: ${serviceMessage(error)}` : ''}`
          : error instanceof Error
            ? error.message
            : String(error)
      return { kind: 'unknown', message: `The probe got no answer about ${model} (${detail}).` }
    }
  }
}
