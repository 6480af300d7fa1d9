import type { Field, SelectFieldSingleValidation } from 'payload'

import { wholeNumberIn } from '@/fields/validators'
import { IMAGE_SIZES, type Quality } from '@/generation/imageModels'
import { MAX_REFERENCE_PHOTOS } from '@/prompt'

// Empty means the default; anything given must be in range.
const optional =
  (check: (value: null | number | undefined) => string | true) =>
  (value: null | number | undefined): string | true =>
    value === null || value === undefined ? true : check(value)

const ENV_MODEL: Record<Quality, string> = {
  standard: 'GEMINI_IMAGE_MODEL',
  high: 'GEMINI_HIGH_QUALITY_MODEL',
}

/** A menu of the image model catalogue (the `image-models` collection), retired models left out. */
const modelField = (name: string, description: string): Field => ({
  name,
  type: 'relationship',
  relationTo: 'image-models',
  filterOptions: { status: { not_equals: 'retired' } },
  admin: { description },
})

const modelIdOf = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value && typeof value === 'object'
      ? String((value as { id: unknown }).id)
      : ''

/** The size must be one the chosen model makes, by the catalogue row (a model not in it is not checked). */
const sizeTheModelMakes: SelectFieldSingleValidation = async (value, { siblingData, req }) => {
  const model = modelIdOf((siblingData as Record<string, unknown> | undefined)?.model)
  if (!model || !value) return true
  const row = await req.payload
    .findByID({ collection: 'image-models', id: model, depth: 0, overrideAccess: true, req })
    .catch(() => null)
  const sizes = row?.imageSizes ?? []
  return !row || sizes.includes(value as never) ? true : `${model} makes ${sizes.join(', ')} images only.`
}

/** The model and output size a quality uses; the size must be one the model makes. */
const qualityGroup = (quality: Quality, label: string, defaultSize: string): Field => ({
  name: quality === 'standard' ? 'standardQuality' : 'highQuality',
  type: 'group',
  label,
  fields: [
    {
      type: 'row',
      fields: [
        ...(quality === 'high'
          ? [{ name: 'offered', type: 'checkbox', defaultValue: true, label: 'Offer high quality' } as Field]
          : []),
        {
          ...modelField('model', `Empty: the ${ENV_MODEL[quality]} setting.`),
        },
        {
          name: 'imageSize',
          type: 'select',
          defaultValue: defaultSize,
          options: [...IMAGE_SIZES],
          validate: sizeTheModelMakes,
        },
      ],
    },
  ],
})

/**
 * Per-package shoot settings, as structured fields: costs, how many reference photos a
 * shoot takes, and the model and size behind each quality.
 */
export const shootSettingsField: Field = {
  name: 'settings',
  type: 'group',
  label: 'Shoot settings',
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'premiumShootCost',
          type: 'number',
          defaultValue: 2,
          min: 1,
          max: 10,
          validate: optional(wholeNumberIn('Premium shoot cost', 1, 10)),
          admin: { description: 'Shoots a premium theme costs.' },
        },
        {
          name: 'highQualityShootCost',
          type: 'number',
          defaultValue: 2,
          min: 1,
          max: 10,
          validate: optional(wholeNumberIn('High quality shoot cost', 1, 10)),
          admin: { description: 'A high quality shoot costs this many times the theme’s cost.' },
        },
        {
          name: 'maxReferencePhotos',
          type: 'number',
          defaultValue: MAX_REFERENCE_PHOTOS,
          min: 1,
          max: MAX_REFERENCE_PHOTOS,
          validate: optional(wholeNumberIn('Reference photos per shoot', 1, MAX_REFERENCE_PHOTOS)),
          admin: { description: `Photos a customer may give one shoot (1-${MAX_REFERENCE_PHOTOS}).` },
        },
      ],
    },
    qualityGroup('standard', 'Standard quality', '1K'),
    qualityGroup('high', 'High quality', '2K'),
    modelField(
      'fallbackModel',
      'Used for any quality whose model Google no longer serves (at the nearest size it makes). Empty: such shoots are refused.',
    ),
  ],
}
