import { settings } from '@/lib/settings'

import { createImageProvider } from './providers'
import type { ImageProvider } from './providers/types'

let cached: { key: string; provider: ImageProvider } | undefined

const envKey = () => JSON.stringify(settings().gemini)

/** The configured provider: Gemini with a key, the offline renderer without. Rebuilt when its env changes. */
export const activeProvider = (): ImageProvider => {
  const key = envKey()
  if (!cached || cached.key !== key) cached = { key, provider: createImageProvider() }
  return cached.provider
}

export const activeProviderInfo = (): { name: string; isPreview: boolean } => {
  const provider = activeProvider()
  return { name: provider.name, isPreview: provider.isPreview }
}
