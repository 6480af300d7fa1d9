import type { Payload } from 'payload'

import { relationId } from '@/lib/relationId'
import type { Generation, PhotoPackage } from '@/payload-types'

import { DEFAULT_IMAGE_SIZE } from './imageModels'
import { type Catalogue, isServed, loadCatalogue } from './modelCatalogue'
import { chooseModel } from './modelChoice'
import { configuredModelFor, shootOptionsOf } from './shootOptions'

export interface RunModel {
  model: string
  imageSize: NonNullable<NonNullable<Generation['generationSettings']>['imageSize']>
  fallbackFrom: string | null
  catalogue: Catalogue
}

/**
 * The model a queued shoot runs on, decided again when it starts (Google may have stopped serving
 * the planned one since it was queued): the planned model when served, else the package's fallback
 * (recorded on the generation), else null: the shoot fails with no charge.
 */
export const modelForRun = async (payload: Payload, generation: Generation): Promise<RunModel | null> => {
  const catalogue = await loadCatalogue(payload)
  const planned = generation.generationSettings
  const quality = planned?.quality ?? 'standard'
  const model = planned?.model || configuredModelFor(quality)
  const imageSize = planned?.imageSize ?? DEFAULT_IMAGE_SIZE[quality]
  if (isServed(catalogue, model))
    return { model, imageSize, fallbackFrom: planned?.fallbackFrom ?? null, catalogue }
  const packageId = relationId(generation.package)
  const pkg = packageId
    ? ((await payload
        .findByID({ collection: 'photo-packages', id: packageId, depth: 0, overrideAccess: true })
        .catch(() => null)) as PhotoPackage | null)
    : null
  const options = pkg ? shootOptionsOf(pkg, undefined, catalogue) : null
  const choice = options
    ? chooseModel(
        catalogue,
        { model, imageSize, maxReferencePhotos: options.maxReferencePhotos },
        options.fallbackModel,
        options.maxReferencePhotos,
      )
    : null
  if (!choice) return null
  await payload.update({
    collection: 'generations',
    id: generation.id,
    data: {
      generationSettings: {
        ...planned,
        aspectRatio: planned?.aspectRatio ?? '1:1',
        quality,
        model: choice.model,
        imageSize: choice.imageSize,
        fallbackFrom: choice.fallbackFrom,
      },
    },
    overrideAccess: true,
    depth: 0,
  })
  return { model: choice.model, imageSize: choice.imageSize, fallbackFrom: choice.fallbackFrom, catalogue }
}

/** What the customer reads on a shoot that failed because its model is not served (their shoots come back). */
export const MODEL_NOT_SERVED_ERROR =
  'The image model for this package is no longer offered by our image service, so this portrait could not be made.'
