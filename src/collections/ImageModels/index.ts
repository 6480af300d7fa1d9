import type { CollectionConfig } from 'payload'

import { isAdmin, isAdminOrEditor } from '@/access'
import { IMAGE_SIZES, MODEL_STATUSES, PRICE_BASES, PRICE_BASIS_LABELS } from '@/generation/imageModels'

import { refreshCatalogueAfterChange } from './hooks/refreshCatalogue'

const STATUS_LABELS: Record<(typeof MODEL_STATUSES)[number], string> = {
  served: 'Served',
  notServed: 'Not served',
  retired: 'Retired',
}

/**
 * The image model catalogue: what each Gemini image model makes, what it costs and whether Google
 * still serves it. Data, not code, because Google retires image models about twice a year: an
 * admin adds the replacement, moves packages and edits prices here without a deploy. Seeded from
 * src/generation/imageModels.ts (migration and first start). The id is Gemini's own model id, so a
 * package's model is a relationship whose stored value is that id. Staff read it (the package
 * settings' model menu); only admins write it; the probe writes status, lastProbedAt and lastProbeError.
 */
export const ImageModels: CollectionConfig = {
  slug: 'image-models',
  labels: { singular: 'Image model', plural: 'Image models' },
  admin: {
    useAsTitle: 'label',
    group: 'System',
    defaultColumns: ['id', 'label', 'status', 'imageSizes', 'lastProbedAt'],
    description:
      'Gemini image models: sizes, reference limits, prices and whether Google serves them (probed at start and hourly).',
  },
  access: { read: isAdminOrEditor, create: isAdmin, update: isAdmin, delete: isAdmin },
  hooks: { afterChange: [refreshCatalogueAfterChange] },
  fields: [
    {
      name: 'id',
      type: 'text',
      required: true,
      label: 'Model id',
      validate: (value: unknown) =>
        typeof value === 'string' && /^[a-z0-9][a-z0-9.-]{1,99}$/.test(value)
          ? true
          : 'The model id is Gemini’s, e.g. gemini-3-pro-image (lower-case letters, digits, dots, hyphens).',
      admin: { description: 'Gemini’s model id, as in models/{id} (e.g. gemini-3-pro-image).' },
    },
    { name: 'label', type: 'text', required: true, maxLength: 100 },
    {
      name: 'imageSizes',
      type: 'select',
      hasMany: true,
      required: true,
      options: [...IMAGE_SIZES],
      admin: { description: 'Output sizes the model makes.' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'maxReferenceImages',
          type: 'number',
          required: true,
          min: 1,
          max: 100,
          admin: { description: 'Reference images one request may carry.' },
        },
        {
          name: 'maxPeopleReferences',
          type: 'number',
          required: true,
          min: 1,
          max: 100,
          admin: { description: 'Of those, people the model keeps consistent (caps photos per shoot).' },
        },
      ],
    },
    {
      name: 'prices',
      type: 'array',
      admin: { description: 'US dollars per output image, by size (standard API, not Batch).' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'imageSize', type: 'select', required: true, options: [...IMAGE_SIZES] },
            { name: 'usdPerImage', type: 'number', required: true, min: 0, label: 'USD per image' },
          ],
        },
      ],
    },
    {
      name: 'priceSource',
      type: 'group',
      admin: {
        description:
          'Where the prices come from: shown beside each image’s cost in analytics. Say how sure the figure is.',
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'url', type: 'text', admin: { description: 'The page the prices were read on.' } },
            { name: 'checkedOn', type: 'date', admin: { description: 'When they were read.' } },
            {
              name: 'basis',
              type: 'select',
              defaultValue: 'unverified',
              options: PRICE_BASES.map((value) => ({ value, label: PRICE_BASIS_LABELS[value] })),
              admin: { description: 'How the figure was obtained.' },
            },
          ],
        },
        {
          name: 'note',
          type: 'textarea',
          maxLength: 1000,
          admin: {
            description:
              'How the figures were derived, e.g. Google’s price per 1M image output tokens × tokens per image, and from which pages.',
          },
        },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'served',
      index: true,
      options: MODEL_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
      admin: {
        position: 'sidebar',
        description: 'Set by the probe (models.get) and by 404 answers; Retired: never offered again.',
      },
    },
    {
      name: 'replacedBy',
      type: 'relationship',
      relationTo: 'image-models',
      admin: { position: 'sidebar', description: 'For a retired model: the one that replaces it.' },
    },
    { name: 'lastProbedAt', type: 'date', admin: { position: 'sidebar', readOnly: true } },
    { name: 'lastProbeError', type: 'text', admin: { position: 'sidebar', readOnly: true } },
  ],
}
