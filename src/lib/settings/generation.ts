/** Portrait generation: the Gemini provider, the model per quality, the lanes and the prompt lab. */
import { z } from 'zod'

import { httpUrl, later, optionalWhole, read, text, whole } from './fields'

export const DEFAULT_PROMPT_LAB_DAILY_LIMIT = 20

/** GEMINI_BASE_URL, GOOGLE_GEMINI_BASE_URL and GEMINI_TIMEOUT_MS are read (and refused when wrong) only with a key. */
export const geminiVariables = z.object({
  /** Google Gemini key; unset = portraits come from the offline renderer. */
  GEMINI_API_KEY: text(),
  /** The model for standard quality (and Gemini's default) unless a package names one. */
  GEMINI_IMAGE_MODEL: text(),
  /** The model for high quality unless a package names one. */
  GEMINI_HIGH_QUALITY_MODEL: text(),
  /** GEMINI_BASE_URL, or the SDK's own GOOGLE_GEMINI_BASE_URL: a local fake or a proxy. */
  GEMINI_BASE_URL: later(httpUrl()),
  GOOGLE_GEMINI_BASE_URL: later(httpUrl()),
  /** Per-call deadline in ms; unset means the provider's default. */
  GEMINI_TIMEOUT_MS: later(optionalWhole(1)),
})

export const generationVariables = z.object({
  ...geminiVariables.shape,
  /** Provider calls in flight per process, 1-32. */
  GENERATION_CONCURRENCY: whole(3, 1, 32),
  /** How long a worker owns a running generation without a heartbeat, ms. */
  GENERATION_LEASE_MS: whole(300_000, 1000),
  /** First retry wait after a retryable provider answer, ms (doubles). */
  GENERATION_BACKOFF_MS: whole(1000, 0),
  /** How often a worker's idle lanes look for generation jobs nobody announced, ms. */
  GENERATION_POLL_MS: whole(5000, 100, 3_600_000),
  /** Prompt-lab test renders per editor per UTC day. */
  PROMPT_LAB_DAILY_LIMIT: whole(DEFAULT_PROMPT_LAB_DAILY_LIMIT, 0),
  /** A finished shoot keeps only its last progress event this many days after it ended. */
  PROGRESS_EVENT_RETENTION_DAYS: whole(7, 1, 36_500),
})

export interface GeminiSettings {
  apiKey: string
  /** GEMINI_IMAGE_MODEL; unset means the provider's default model. */
  model?: string
  /** GEMINI_BASE_URL, or the SDK's own GOOGLE_GEMINI_BASE_URL: a local fake or a proxy. */
  baseUrl?: string
  /** GEMINI_TIMEOUT_MS: per-call deadline in ms; unset means the provider's default. */
  timeoutMs?: number
}

type GenerationEnv = z.output<typeof generationVariables>

/** GEMINI_API_KEY and friends, or null: portraits come from the offline renderer. */
export const toGemini = (env: z.output<typeof geminiVariables>): GeminiSettings | null => {
  if (!env.GEMINI_API_KEY) return null
  const timeoutMs = read(env, 'GEMINI_TIMEOUT_MS')
  return {
    apiKey: env.GEMINI_API_KEY,
    model: env.GEMINI_IMAGE_MODEL,
    baseUrl: read(env, 'GEMINI_BASE_URL') ?? read(env, 'GOOGLE_GEMINI_BASE_URL'),
    timeoutMs,
  }
}

/** The model per quality; unset = the built-in defaults. */
export interface ImageModelSettings {
  standard?: string
  high?: string
}

export const toGeneration = (env: GenerationEnv) => ({
  gemini: toGemini(env),
  /** The model per quality when a package names none (read with or without a key: the catalog shows them). */
  imageModels: {
    standard: env.GEMINI_IMAGE_MODEL,
    high: env.GEMINI_HIGH_QUALITY_MODEL,
  } as ImageModelSettings,
  generationConcurrency: env.GENERATION_CONCURRENCY,
  generationLeaseMs: env.GENERATION_LEASE_MS,
  generationBackoffMs: env.GENERATION_BACKOFF_MS,
  generationPollMs: env.GENERATION_POLL_MS,
  promptLabDailyLimit: env.PROMPT_LAB_DAILY_LIMIT,
  progressEventRetentionDays: env.PROGRESS_EVENT_RETENTION_DAYS,
})
