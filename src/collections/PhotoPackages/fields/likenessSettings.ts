import type { Field } from 'payload'

import { DEFAULT_LIKENESS_RETRIES, DEFAULT_LIKENESS_THRESHOLD } from '@/faces/likeness'

/**
 * The likeness guarantee's terms for this package (issue 23): how alike each person in a portrait
 * must be to their reference photo, and how many times a portrait that is not is made again at no
 * charge before its share of the shoot is refunded.
 */
export const likenessSettingsField: Field = {
  name: 'likeness',
  type: 'group',
  label: 'Likeness check',
  admin: {
    description:
      'Every portrait is checked against the customer’s photos: each face’s cosine similarity to the person it should show. On the face fixtures the same person scores 0.78-1.00 and different people at most 0.42.',
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'threshold',
          type: 'number',
          min: 0.3,
          max: 0.99,
          defaultValue: DEFAULT_LIKENESS_THRESHOLD,
          admin: {
            step: 0.01,
            description: 'Lowest likeness (0.30-0.99) a portrait must reach for every person in it.',
          },
        },
        {
          name: 'retries',
          type: 'number',
          min: 0,
          max: 3,
          defaultValue: DEFAULT_LIKENESS_RETRIES,
          admin: {
            step: 1,
            description:
              'Times a portrait that fails the check is made again at no charge (0-3) before its share of the shoot is refunded.',
          },
        },
      ],
    },
  ],
}
