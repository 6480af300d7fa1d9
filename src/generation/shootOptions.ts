import { type Settings, settings } from '@/lib/settings'
import type { PhotoPackage } from '@/payload-types'
import { MAX_REFERENCE_PHOTOS } from '@/prompt'

import {
  DEFAULT_HIGH_QUALITY_MODEL,
  DEFAULT_IMAGE_SIZE,
  DEFAULT_STANDARD_MODEL,
  type ImageSize,
  isImageSize,
  type Quality,
  replacementFor,
} from './imageModels'
import { type Catalogue, catalogueSnapshot, limitsIn } from './modelCatalogue'

/** One quality as a package offers it: the model and size used, the cost factor, how many photos it takes. */
export interface QualityOption {
  quality: Quality
  model: string
  imageSize: ImageSize
  /** The theme's cost is multiplied by this (1 for standard, settings.highQualityShootCost for high). */
  costFactor: number
  /** The package's maxReferencePhotos, capped by what the model keeps consistent. */
  maxReferencePhotos: number
}

export interface ShootOptions {
  premiumShootCost: number
  maxReferencePhotos: number
  qualities: QualityOption[]
  /** The package's fallback model: used for any quality whose own model is not served; null for none. */
  fallbackModel: string | null
}

const wholeIn = (value: unknown, min: number, max: number, fallback: number): number => {
  const number = Number(value)
  return value !== null && value !== undefined && Number.isInteger(number) && number >= min && number <= max
    ? number
    : fallback
}

/** A relationship value to an `image-models` row: its id (the model id), or the row itself. */
type ModelRef = string | { id: string } | null | undefined

/** The model id behind a package's model field, whether populated or not; undefined when empty. */
export const modelIdOf = (value: ModelRef): string | undefined =>
  (typeof value === 'object' && value ? value.id : value) || undefined

/** `wanted` when the model makes it, else its largest size (e.g. env or a fallback switched the model). */
export const sizeFor = (sizes: readonly ImageSize[], wanted: ImageSize): ImageSize =>
  sizes.includes(wanted) ? wanted : (sizes[sizes.length - 1] ?? wanted)

/** The configured model for a quality: GEMINI_IMAGE_MODEL (standard) or GEMINI_HIGH_QUALITY_MODEL (high), else the defaults. */
export const configuredModelFor = (
  quality: Quality,
  models: Settings['imageModels'] = settings().imageModels,
): string =>
  // Env cannot be migrated: a retired id there is read as its replacement (startModelCatalogue warns).
  replacementFor(
    quality === 'high'
      ? (models.high ?? DEFAULT_HIGH_QUALITY_MODEL)
      : (models.standard ?? DEFAULT_STANDARD_MODEL),
  )

/**
 * What a package offers a shoot, from its settings group (defaults for anything unset):
 * costs, reference photo limit, and each offered quality's model and size.
 */
export const shootOptionsOf = (
  pkg: Pick<PhotoPackage, 'settings'>,
  models: Settings['imageModels'] = settings().imageModels,
  catalogue: Catalogue = catalogueSnapshot(),
): ShootOptions => {
  const settings = (pkg.settings ?? {}) as NonNullable<PhotoPackage['settings']>
  const maxReferencePhotos = wholeIn(
    settings.maxReferencePhotos,
    1,
    MAX_REFERENCE_PHOTOS,
    MAX_REFERENCE_PHOTOS,
  )
  const option = (
    quality: Quality,
    group: { model?: ModelRef; imageSize?: string | null } | null | undefined,
    costFactor: number,
  ) => {
    const model = modelIdOf(group?.model) ?? configuredModelFor(quality, models)
    const wanted = isImageSize(group?.imageSize) ? group.imageSize : DEFAULT_IMAGE_SIZE[quality]
    const limits = limitsIn(catalogue, model)
    return {
      quality,
      model,
      imageSize: sizeFor(limits.imageSizes, wanted),
      costFactor,
      maxReferencePhotos: Math.min(maxReferencePhotos, limits.maxReferenceImages),
    }
  }
  const qualities = [option('standard', settings.standardQuality, 1)]
  if (settings.highQuality?.offered !== false) {
    qualities.push(option('high', settings.highQuality, wholeIn(settings.highQualityShootCost, 1, 10, 2)))
  }
  return {
    premiumShootCost: wholeIn(settings.premiumShootCost, 1, 10, 2),
    maxReferencePhotos,
    qualities,
    fallbackModel: modelIdOf(settings.fallbackModel) ?? null,
  }
}

/** Shoots a generation costs: the theme's cost (1, or premiumShootCost) times the quality's factor. */
export const shootCostFor = (options: ShootOptions, isPremium: boolean, option: QualityOption): number =>
  (isPremium ? options.premiumShootCost : 1) * option.costFactor
