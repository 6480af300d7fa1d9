import type { Field } from 'payload'

import { wholeNumberIn } from '@/fields/validators'
import { IMAGE_MODELS, IMAGE_SIZES, limitsOf, type Quality } from '@/generation/imageModels'
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
          name: 'model',
          type: 'select',
          options: [...IMAGE_MODELS],
          admin: { description: `Empty: the ${ENV_MODEL[quality]} setting.` },
        },
        {
          name: 'imageSize',
          type: 'select',
          defaultValue: defaultSize,
          options: [...IMAGE_SIZES],
          validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) => {
            const model = typeof siblingData?.model === 'string' ? siblingData.model : ''
            if (!model) return true
            const sizes = limitsOf(model).imageSizes
            return sizes.includes(value as never) ? true : `${model} makes ${sizes.join(', ')} images only.`
          },
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
  ],
}
