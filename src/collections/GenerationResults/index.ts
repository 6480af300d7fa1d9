import type { CollectionConfig } from 'payload'

import { hiddenUnlessAdmin, isAdmin, isAdminField, nobody, ownsOrStudioOwner } from '@/access'
import { likenessGroup } from '@/fields/likeness'
import { settings } from '@/lib/settings'
import { serverOwnedFields } from '@/fields/serverOwned'
import { studioField } from '@/fields/studio'
import { fromOwner, studioBeforeChange } from '@/hooks/studioBeforeChange'
import { IMAGE_SIZES } from '@/generation/imageModels'

/**
 * Finished portraits, stored as WebP at full size with 1024 px and 256 px variants made by
 * sharp. Private like the source photo: only the owner and admins get the files.
 */
export const GenerationResults: CollectionConfig = {
  slug: 'generation-results',
  labels: { singular: 'Portrait', plural: 'Portraits' },
  admin: {
    hidden: hiddenUnlessAdmin,
    group: 'Generations',
    defaultColumns: ['filename', 'owner', 'generation', 'index', 'model', 'imageSize', 'isPreview'],
  },
  access: {
    read: ownsOrStudioOwner('owner'),
    create: nobody,
    update: nobody,
    delete: isAdmin,
  },
  hooks: {
    beforeChange: [
      studioBeforeChange({ collection: 'generations', id: (data) => data.generation }, fromOwner),
    ],
  },
  upload: {
    staticDir: `${settings().privateMediaDir}/results`,
    mimeTypes: ['image/webp', 'image/png', 'image/jpeg'],
    formatOptions: { format: 'webp', options: { quality: 90 } },
    imageSizes: [
      {
        name: 'large',
        width: 1024,
        withoutEnlargement: true,
        formatOptions: { format: 'webp', options: { quality: 85 } },
      },
      {
        name: 'thumbnail',
        width: 256,
        height: 256,
        position: 'centre',
        formatOptions: { format: 'webp', options: { quality: 80 } },
      },
    ],
    adminThumbnail: 'thumbnail',
  },
  fields: serverOwnedFields(
    ['studio'],
    [
      { name: 'owner', type: 'relationship', relationTo: 'users', required: true, index: true },
      studioField('The studio of the shoot that made it.'),
      { name: 'generation', type: 'relationship', relationTo: 'generations', required: true, index: true },
      { name: 'index', type: 'number', required: true, min: 0, max: 4 },
      {
        name: 'isPreview',
        type: 'checkbox',
        defaultValue: false,
        admin: { description: 'Made by the offline preview renderer, not Gemini.' },
      },
      { name: 'model', type: 'text', admin: { description: 'The model that made this portrait.' } },
      {
        name: 'imageSize',
        type: 'select',
        options: [...IMAGE_SIZES],
        admin: { description: 'The output size asked for.' },
      },
      {
        name: 'fallbackFrom',
        type: 'text',
        admin: {
          description: 'The model that was not served, when the package’s fallback made this portrait.',
        },
      },
      {
        name: 'usage',
        type: 'group',
        // The provider's bill (tokens, cost, price source) is the studio's business, not the customer's.
        access: { read: isAdminField },
        admin: { description: 'Gemini’s usageMetadata for the call that made this portrait.' },
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'promptTokens', type: 'number' },
              { name: 'outputTokens', type: 'number' },
              { name: 'totalTokens', type: 'number' },
            ],
          },
        ],
      },
      {
        name: 'costUsd',
        type: 'number',
        min: 0,
        access: { read: isAdminField },
        admin: {
          description: 'What the provider charges for it, by the image model catalogue’s price table.',
        },
      },
      {
        name: 'priceSource',
        type: 'text',
        access: { read: isAdminField },
        admin: { description: 'Where that price came from, and when.' },
      },
      likenessGroup({
        description:
          'The likeness check of this portrait (empty: not checked, e.g. reference photos from before face checks).',
        scoreDescription: 'Lowest person’s score, 0-1.',
        row: [
          {
            name: 'retries',
            type: 'number',
            min: 0,
            admin: { description: 'Images made and discarded for this one before it passed.' },
          },
        ],
      }),
    ],
  ),
}
