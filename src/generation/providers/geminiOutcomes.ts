import { ApiError, type GenerateContentResponse } from '@google/genai'

import type { ImageSize } from '../imageModels'

import type { GenerateOutcome } from './types'

/** Backoff suggested when the service gives no RetryInfo of its own. */
export const DEFAULT_RETRY_AFTER_MS = 2_000

// Plain words per reason: these messages reach customers, so no jargon beyond the code itself.
const BLOCK_MESSAGES: Record<string, string> = {
  IMAGE_SAFETY: "The image was blocked by the provider's safety filter",
  SAFETY: "The image was blocked by the provider's safety filter",
  IMAGE_PROHIBITED_CONTENT: 'The image was blocked because it may show prohibited content',
  PROHIBITED_CONTENT: 'The image was blocked because it may show prohibited content',
  BLOCKLIST: 'The image was blocked because the request used blocked terms',
  SPII: 'The image was blocked because it may reveal sensitive personal information',
  IMAGE_RECITATION: 'The image was withheld because it resembled existing material too closely',
  RECITATION: 'The image was withheld because it resembled existing material too closely',
}

/**
 * Finish reasons that mean "no image this time", not a content refusal (the SDK's FinishReason
 * docs: NO_IMAGE = an image was expected but none was made; IMAGE_OTHER / OTHER = unspecified).
 */
const NO_IMAGE_REASONS = new Set(['NO_IMAGE', 'IMAGE_OTHER', 'OTHER', 'STOP', 'FINISH_REASON_UNSPECIFIED'])

const noImage = (reason: string, detail: string): GenerateOutcome => ({
  kind: 'noImage',
  reason,
  message: `The image model returned no image this time (${detail}).`,
})

const blocked = (reason: string, message?: string): GenerateOutcome => ({
  kind: 'blocked',
  reason,
  message: `${message ?? BLOCK_MESSAGES[reason] ?? 'The image was blocked by the provider'} (${reason}).`,
})

/**
 * Reads one generateContent answer. Safety blocks arrive as HTTP 200, so they are found
 * here, not in errors. Only inlineData parts that are not interim "thought" images count,
 * and the last one wins (Gemini 3 image models stream drafts before the final image).
 * `response.data` is never used: it glues every inline part together.
 */
export const readImageResponse = (
  response: GenerateContentResponse,
  requestedModel: string,
  imageSize: ImageSize = '1K',
): GenerateOutcome => {
  const promptBlock = response.promptFeedback?.blockReason
  if (promptBlock) {
    const reason = String(promptBlock)
    return blocked(
      reason,
      `The request was blocked by the provider's safety filter before any image was made`,
    )
  }
  const candidate = response.candidates?.[0]
  if (!candidate) return noImage('EMPTY', 'an empty answer')

  const parts = candidate.content?.parts ?? []
  const images = parts.filter(
    (part) =>
      !part.thought &&
      part.inlineData?.data &&
      (part.inlineData.mimeType ?? 'image/png').startsWith('image/'),
  )
  const final = images.at(-1)?.inlineData
  if (final?.data) {
    const data = Buffer.from(final.data, 'base64')
    if (data.length === 0) return { kind: 'failed', message: 'The image service sent an empty image.' }
    const usage = response.usageMetadata
    return {
      kind: 'image',
      data,
      mimeType: final.mimeType ?? 'image/png',
      model: response.modelVersion ?? requestedModel,
      imageSize,
      usage: usage
        ? {
            promptTokens: usage.promptTokenCount,
            outputTokens: usage.candidatesTokenCount,
            totalTokens: usage.totalTokenCount,
          }
        : undefined,
    }
  }

  const reason = candidate.finishReason ? String(candidate.finishReason) : 'STOP'
  if (reason in BLOCK_MESSAGES) return blocked(reason)
  // gemini-2.5-flash-image now and then answers "Sure, here it is:" with no image: the next try usually draws.
  if (NO_IMAGE_REASONS.has(reason)) {
    const saidSomething = parts.some((part) => typeof part.text === 'string' && part.text.trim() !== '')
    return noImage(reason, saidSomething ? 'it answered with text only' : reason)
  }
  return { kind: 'failed', message: `The image service stopped without an image (${reason}).` }
}

/** google.rpc.RetryInfo.retryDelay is a protobuf Duration in JSON: "15s", "1.5s", "0.200s". */
export const parseRetryDelay = (value: unknown): number | null => {
  if (typeof value !== 'string') return null
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value)
  return match ? Math.round(Number(match[1]) * 1000) : null
}

type ErrorBody = { error?: { message?: unknown; details?: Array<Record<string, unknown>> } }

/**
 * The SDK puts the whole JSON error body in ApiError.message. Google's front ends sometimes
 * wrap that body in an array (`[{"error": {...}}]`): both shapes read the same.
 */
const errorBodyOf = (error: ApiError): ErrorBody | null => {
  try {
    const parsed = JSON.parse(error.message) as unknown
    const body = Array.isArray(parsed) ? parsed[0] : parsed
    return body && typeof body === 'object' ? (body as ErrorBody) : null
  } catch {
    return null
  }
}

/** RetryInfo, which the SDK drops: dig it out of the body. */
const retryDelayFrom = (error: ApiError): number | null => {
  try {
    const body = errorBodyOf(error)
    const details = Array.isArray(body?.error?.details) ? body.error.details : []
    const info = details.find((detail) => String(detail['@type'] ?? '').endsWith('google.rpc.RetryInfo'))
    return parseRetryDelay(info?.retryDelay)
  } catch {
    return null
  }
}

export const serviceMessage = (error: ApiError): string => {
  const message = errorBodyOf(error)?.error?.message
  return typeof message === 'string' ? message.slice(0, 300) : ''
}

const seconds = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`)

// 408/502/504 are transient too, although the reference lists only 429, 500 and 503.
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])

// undici reports connection trouble as TypeError("fetch failed" / "terminated") with a coded cause.
const isNetworkError = (error: Error): boolean => {
  const cause = (error as { cause?: { code?: unknown } }).cause
  return (
    typeof cause?.code === 'string' ||
    (error instanceof TypeError && /fetch failed|terminated|network|socket/i.test(error.message))
  )
}

/**
 * Every thrown error becomes an outcome. `callerAborted` tells a cancel by our own job
 * (signal) apart from the SDK's timeout: both arrive as the same AbortError.
 */
export const mapGeminiError = (
  error: unknown,
  options: { callerAborted: boolean; timeoutMs: number; defaultRetryAfterMs: number; model?: string },
): GenerateOutcome => {
  if (error instanceof ApiError) {
    const detail = serviceMessage(error)
    // Google's answer for a model it does not serve (unknown or shut down), wire-formats.md.
    if (error.status === 404 && options.model) {
      return {
        kind: 'modelNotServed',
        model: options.model,
        message: `The image service does not serve ${options.model} (HTTP 404)${detail ? `: ${detail}` : '.'}`,
      }
    }
    if (RETRYABLE_STATUSES.has(error.status)) {
      const what =
        error.status === 429
          ? 'is rate limiting us'
          : error.status === 503
            ? 'is overloaded'
            : 'had a temporary problem'
      return {
        kind: 'retryable',
        status: error.status,
        retryAfterMs: retryDelayFrom(error) ?? options.defaultRetryAfterMs,
        message: `The image service ${what} (HTTP ${error.status}).`,
      }
    }
    return {
      kind: 'failed',
      message: `The image service refused the request (HTTP ${error.status})${detail ? `: ${detail}` : '.'}`,
    }
  }
  if (!(error instanceof Error))
    return { kind: 'failed', message: `The image service call failed (${String(error)}).` }
  if (error.name === 'AbortError' || error.name === 'TimeoutError') {
    // A cancel is not the request's fault: the same call may well succeed later.
    return options.callerAborted
      ? {
          kind: 'retryable',
          retryAfterMs: 0,
          message: 'The image request was cancelled before the service answered.',
        }
      : {
          kind: 'retryable',
          retryAfterMs: options.defaultRetryAfterMs,
          message: `The image service did not answer within ${seconds(options.timeoutMs)}.`,
        }
  }
  if (error instanceof SyntaxError)
    return { kind: 'failed', message: 'The image service sent an unreadable (non-JSON) answer.' }
  if (isNetworkError(error)) {
    return {
      kind: 'retryable',
      retryAfterMs: options.defaultRetryAfterMs,
      message: `Could not reach the image service (${error.message}).`,
    }
  }
  return { kind: 'failed', message: `The image service call failed (${error.message}).` }
}
