import { GeminiProvider } from './gemini'
import { OfflineProvider } from './offline'
import type { ImageProvider } from './types'

export { GeminiProvider } from './gemini'
export { OfflineProvider } from './offline'
export * from './types'

/** Gemini when GEMINI_API_KEY is set; otherwise the offline renderer, so the demo needs no key. */
export const createImageProvider = (env: NodeJS.ProcessEnv = process.env): ImageProvider => {
  if (!env.GEMINI_API_KEY) return new OfflineProvider()
  return new GeminiProvider({
    apiKey: env.GEMINI_API_KEY,
    model: env.GEMINI_IMAGE_MODEL || undefined,
    baseUrl: env.GEMINI_BASE_URL || env.GOOGLE_GEMINI_BASE_URL || undefined,
    timeoutMs: env.GEMINI_TIMEOUT_MS ? Number(env.GEMINI_TIMEOUT_MS) : undefined,
  })
}
