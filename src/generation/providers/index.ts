import { type Env, readGeminiSettings, settings } from '@/lib/settings'

import { replacementFor } from '../imageModels'

import { DEFAULT_GEMINI_MODEL, GeminiProvider } from './gemini'
import { OfflineProvider } from './offline'
import type { ImageProvider } from './types'

export { DEFAULT_GEMINI_MODEL, DEFAULT_GEMINI_TIMEOUT_MS, GeminiProvider, type GeminiOptions } from './gemini'
export { OfflineProvider, outputSize } from './offline'
export * from './types'

/**
 * Gemini when GEMINI_API_KEY is set; otherwise the offline renderer, so the demo and the
 * tests need no key. GEMINI_BASE_URL (or the SDK's own GOOGLE_GEMINI_BASE_URL) points the
 * client at a fake; GEMINI_IMAGE_MODEL and GEMINI_TIMEOUT_MS tune it. Without `env`, the app's settings.
 */
export const createImageProvider = (env?: Env): ImageProvider => {
  const gemini = env ? readGeminiSettings(env) : settings().gemini
  if (!gemini) return new OfflineProvider()
  // A retired GEMINI_IMAGE_MODEL is read as its replacement (env cannot be migrated).
  return new GeminiProvider({ ...gemini, model: replacementFor(gemini.model ?? DEFAULT_GEMINI_MODEL) })
}
