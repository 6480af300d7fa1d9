import { labelValue, metrics } from '@/lib/metrics'
import { settings } from '@/lib/settings'

import { MODEL_NOT_SERVED_ERROR } from './modelAtRun'
import type { GenerateInput, GenerateOutcome, ImageProvider } from './providers/types'

export const MAX_TRIES_PER_IMAGE = 3
const MAX_WAIT_MS = 60_000

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })

/** The outcome label of one answer: success, retryable, failed, or the finish reason (src/lib/metrics.ts). */
const outcomeLabel = (outcome: GenerateOutcome): string =>
  outcome.kind === 'image'
    ? 'success'
    : outcome.kind === 'blocked' || outcome.kind === 'noImage'
      ? labelValue(outcome.reason)
      : outcome.kind

/** Where one provider call is logged: a logger with the shoot's requestId and generation bound. */
export type CallLog = (fields: Record<string, unknown>) => void

const recordAnswer = (
  provider: ImageProvider,
  input: GenerateInput,
  outcome: GenerateOutcome,
  latencyMs: number,
  log: CallLog | undefined,
  attempt: number,
) => {
  const own = (provider as { model?: unknown }).model
  const model = labelValue(input.model || (typeof own === 'string' ? own : undefined), 'default')
  const { images, providerLatency } = metrics()
  images.inc({ model, image_size: input.imageSize ?? '1K', outcome: outcomeLabel(outcome) })
  providerLatency.observe({ provider: labelValue(provider.name), model }, latencyMs / 1000)
  log?.({
    msg: 'provider call',
    provider: provider.name,
    model,
    imageSize: input.imageSize ?? '1K',
    try: attempt,
    outcome: outcomeLabel(outcome),
    latencyMs: Math.round(latencyMs),
  })
}

export interface TriedOutcome {
  outcome: GenerateOutcome
  attempts: number
  latencyMs: number
}

/**
 * One image, at most three tries. Retryable answers wait for the provider's own
 * retry-after when it gives one (Gemini's RetryInfo), else an exponential backoff; a "no
 * image this time" answer is tried again after the backoff. Blocked and failed answers
 * are final: a safety verdict does not change on retry.
 */
export const generateWithRetry = async (
  provider: ImageProvider,
  input: GenerateInput,
  onAttempt?: (attempt: number) => Promise<void> | void,
  log?: CallLog,
): Promise<TriedOutcome> => {
  let outcome: GenerateOutcome = { kind: 'failed', message: 'not attempted' }
  let latencyMs = 0
  for (let attempt = 1; attempt <= MAX_TRIES_PER_IMAGE; attempt++) {
    await onAttempt?.(attempt)
    const started = performance.now()
    try {
      outcome = await provider.generate(input)
    } catch (error) {
      outcome = {
        kind: 'retryable',
        retryAfterMs: 0,
        message: error instanceof Error ? error.message : String(error),
      }
    }
    latencyMs = performance.now() - started
    recordAnswer(provider, input, outcome, latencyMs, log, attempt)
    const worthRetry = outcome.kind === 'retryable' || outcome.kind === 'noImage'
    if (!worthRetry || attempt === MAX_TRIES_PER_IMAGE || input.signal?.aborted) {
      return { outcome, attempts: attempt, latencyMs }
    }
    const backoff = settings().generationBackoffMs * 2 ** (attempt - 1)
    const retryAfterMs = outcome.kind === 'retryable' ? outcome.retryAfterMs : 0
    await sleep(Math.min(Math.max(retryAfterMs, backoff), MAX_WAIT_MS), input.signal)
  }
  return { outcome, attempts: MAX_TRIES_PER_IMAGE, latencyMs }
}

/** What the customer reads on an image its tries did not make, by the last outcome's kind. */
export const failedImageMessage = (outcome: { kind: string; message?: string; reason?: string }): string =>
  outcome.kind === 'modelNotServed'
    ? MODEL_NOT_SERVED_ERROR
    : outcome.kind === 'blocked'
      ? `Blocked by the image model's safety filter${outcome.reason ? ` (${outcome.reason})` : ''}.`
      : outcome.kind === 'noImage'
        ? 'The image model did not return an image for this portrait, even after trying again.'
        : outcome.kind === 'retryable'
          ? 'The image service stayed busy after three tries.'
          : 'The image service could not make this portrait.'
