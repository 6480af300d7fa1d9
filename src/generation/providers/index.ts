import { DEFAULT_GEMINI_MODEL, GeminiProvider } from './gemini'
import { OfflineProvider } from './offline'
import type { ImageProvider } from './types'

export { DEFAULT_GEMINI_MODEL, DEFAULT_GEMINI_TIMEOUT_MS, GeminiProvider, type GeminiOptions } from './gemini'
export { OfflineProvider, outputSize } from './offline'
export * from './types'

type Env = Record<string, string | undefined>

const positiveNumber = (value: string | undefined): number | undefined => {
  const parsed = Number(value)
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : undefined
}

/**
 * Gemini when GEMINI_API_KEY is set; otherwise the offline renderer, so the demo and the
 * tests need no key. GEMINI_BASE_URL (or the SDK's own GOOGLE_GEMINI_BASE_URL) points the
 * client at a fake; GEMINI_IMAGE_MODEL and GEMINI_TIMEOUT_MS tune it.
 */
export const createImageProvider = (env: Env = process.env): ImageProvider => {
  const apiKey = env.GEMINI_API_KEY?.trim()
  if (!apiKey) return new OfflineProvider()
  return new GeminiProvider({
    apiKey,
    model: env.GEMINI_IMAGE_MODEL?.trim() || DEFAULT_GEMINI_MODEL,
    baseUrl: env.GEMINI_BASE_URL?.trim() || env.GOOGLE_GEMINI_BASE_URL?.trim() || undefined,
    timeoutMs: positiveNumber(env.GEMINI_TIMEOUT_MS),
  })
}
