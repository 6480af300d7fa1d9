import type { ImageSize } from './imageModels'
import { type Catalogue, isServed, limitsIn } from './modelCatalogue'
import { type QualityOption, type ShootOptions, sizeFor } from './shootOptions'

/** The model a shoot will use: the quality's own, or the package's fallback when its own is not served. */
export interface ModelChoice {
  model: string
  imageSize: ImageSize
  /** Photos the chosen model keeps consistent (capped by the package's own limit). */
  maxReferencePhotos: number
  /** The planned model that was not served, when the fallback stands in; null otherwise. */
  fallbackFrom: string | null
}

/**
 * Picks the model for a shoot from the catalogue's statuses: the planned one when it is served (or
 * unknown to the catalogue), else the fallback when that is served, else null: no model can make
 * it, and the caller refuses (before a hold) or fails the shoot (with no charge).
 */
export const chooseModel = (
  catalogue: Catalogue,
  planned: { model: string; imageSize: ImageSize; maxReferencePhotos: number },
  fallbackModel: string | null,
  packageMaxReferencePhotos: number,
): ModelChoice | null => {
  if (isServed(catalogue, planned.model)) return { ...planned, fallbackFrom: null }
  if (!fallbackModel || fallbackModel === planned.model || !isServed(catalogue, fallbackModel)) return null
  const limits = limitsIn(catalogue, fallbackModel)
  return {
    model: fallbackModel,
    imageSize: sizeFor(limits.imageSizes, planned.imageSize),
    maxReferencePhotos: Math.min(packageMaxReferencePhotos, limits.maxReferenceImages),
    fallbackFrom: planned.model,
  }
}

/** What a customer is told when no model can make their shoot (503): plain words, nothing was held. */
export const modelUnavailableMessage = (packageName: string): string =>
  `${packageName} cannot make portraits right now: our image service has stopped offering the model it uses. ` +
  'Nothing was charged and the studio has been alerted; please try again later.'

/**
 * The qualities a customer is offered: those a served model can make (its own or the package's
 * fallback), so that the form never offers a shoot that would be refused. When none can, the
 * standard one stays, and the shoot's 503 says why (modelUnavailableMessage). Each offered
 * quality's model, size and `maxReferencePhotos` are those of its ModelChoice, the same numbers
 * POST /api/generate enforces (requestGeneration calls chooseModel too): the form's photo limit
 * and the server's are one value.
 */
export const servedQualities = (options: ShootOptions, catalogue: Catalogue): QualityOption[] => {
  const served = options.qualities.flatMap((option) => {
    const choice = chooseModel(catalogue, option, options.fallbackModel, options.maxReferencePhotos)
    if (!choice) return []
    const { fallbackFrom: _fallbackFrom, ...chosen } = choice
    return [{ ...option, ...chosen }]
  })
  return served.length > 0 ? served : options.qualities.slice(0, 1)
}

/** The most photos any offered quality takes (the package page's "up to N photos"). */
export const mostPhotosPerShoot = (qualities: readonly QualityOption[]): number =>
  Math.max(...qualities.map((quality) => quality.maxReferencePhotos))
