import { generationConcurrency } from './concurrency'
import type { ImageSize } from './imageModels'

/**
 * Seconds a shoot should take: preview renders about 2 s an image, Gemini about 10 s at 1K
 * and 20 s at 2K or more, with GENERATION_CONCURRENCY images at once.
 */
export const estimateSeconds = (
  imageCount: number,
  isPreview: boolean,
  imageSize: ImageSize = '1K',
): number => {
  const perImage = isPreview ? 2 : imageSize === '1K' ? 10 : 20
  return Math.ceil(imageCount / generationConcurrency()) * perImage
}
