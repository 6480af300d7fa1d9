/**
 * Gemini image models as the studio offers them, with what each accepts (Google's model
 * documentation, Nov 2026). Pure data: read by the package settings fields, the request
 * checks and the Gemini provider.
 */
export const IMAGE_MODELS = [
  'gemini-2.5-flash-image',
  'gemini-3-pro-image-preview',
  'gemini-3.1-flash-image-preview',
] as const
export type ImageModel = (typeof IMAGE_MODELS)[number]

/** Output sizes (long edge about 1024, 2048, 4096 px); Gemini wants the capital K. */
export const IMAGE_SIZES = ['1K', '2K', '4K'] as const
export type ImageSize = (typeof IMAGE_SIZES)[number]

import { type Quality } from './vocabulary'

export { QUALITIES, type Quality } from './vocabulary'

export const DEFAULT_STANDARD_MODEL: ImageModel = 'gemini-2.5-flash-image'
export const DEFAULT_HIGH_QUALITY_MODEL: ImageModel = 'gemini-3-pro-image-preview'
export const DEFAULT_IMAGE_SIZE: Record<Quality, ImageSize> = { standard: '1K', high: '2K' }

export interface ImageModelLimits {
  /** Sizes the model makes; a model with only 1K takes no imageSize at all. */
  imageSizes: readonly ImageSize[]
  /** Reference photos it keeps people consistent across. */
  maxReferenceImages: number
}

export const IMAGE_MODEL_LIMITS: Record<ImageModel, ImageModelLimits> = {
  // Works best with up to 3 input images; always 1024 px.
  'gemini-2.5-flash-image': { imageSizes: ['1K'], maxReferenceImages: 3 },
  // Up to 14 references, of which up to 5 people kept consistent.
  'gemini-3-pro-image-preview': { imageSizes: ['1K', '2K', '4K'], maxReferenceImages: 5 },
  'gemini-3.1-flash-image-preview': { imageSizes: ['1K', '2K', '4K'], maxReferenceImages: 5 },
}

/** Limits of a model id; an id we do not know (a newer model set by env) is not limited here. */
export const limitsOf = (model: string): ImageModelLimits =>
  (IMAGE_MODEL_LIMITS as Record<string, ImageModelLimits>)[model] ?? {
    imageSizes: IMAGE_SIZES,
    maxReferenceImages: 5,
  }

export const isImageSize = (value: unknown): value is ImageSize =>
  typeof value === 'string' && (IMAGE_SIZES as readonly string[]).includes(value)
