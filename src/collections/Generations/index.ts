import type { CollectionConfig } from 'payload'

import { hiddenUnlessAdmin, isAdmin, nobody, ownsDocument, ownsOrStudioOwner, staffOnlyField } from '@/access'
import { generationDocumentEndpoints } from '@/endpoints/generations'
import {
  ASPECT_RATIOS,
  GENERATION_STATUSES,
  IMAGE_STATES,
  PORTRAIT_TYPES,
  QUALITIES,
} from '@/generation/vocabulary'
import { IMAGE_SIZES } from '@/generation/imageModels'
import { MAX_REFERENCE_PHOTOS, REFERENCE_ROLES } from '@/prompt'
import { uuidField } from '@/fields/uuid'
import { serverOwnedFields } from '@/fields/serverOwned'
import { studioField } from '@/fields/studio'
import { fromOwner, studioBeforeChange } from '@/hooks/studioBeforeChange'

import { copyCatalogNames } from './hooks/copyCatalogNames'
import { deletePortraits } from './hooks/deletePortraits'
import { recordProgress } from './hooks/recordProgress'

/** Computed by POST /api/generate, the worker and the rating endpoint only (see serverOwnedFields). */
const GENERATION_SERVER_FIELDS = [
  'owner',
  'studio',
  'packageName',
  'themeName',
  'status',
  'imageCount',
  'progress',
  'shootCost',
  'creditsRefunded',
  'provider',
  'isPreview',
  'prompt',
  'images',
  'likenessRefundedShoots',
  'errorMessage',
  'attempt',
  'leaseExpiresAt',
  'leaseHolder',
  'requestId',
  'queuedAt',
  'startedAt',
  'finishedAt',
  'retentionReminderSentAt',
  'rating',
  'ratingComment',
  'ratedAt',
]

/**
 * One customer request: the photo, the package and theme, their wishes, the shoots held,
 * and per-image progress. Created only by POST /api/generate (which holds the credits in
 * the same transaction, and queues the job that makes the images in it too).
 */
export const Generations: CollectionConfig = {
  slug: 'generations',
  admin: {
    hidden: hiddenUnlessAdmin,
    group: 'Generations',
    useAsTitle: 'id',
    // The studio reads low ratings and their comments here (filter: rating less than or equal 2).
    defaultColumns: ['id', 'owner', 'package', 'theme', 'status', 'rating', 'ratingComment', 'createdAt'],
  },
  defaultSort: '-createdAt',
  access: {
    // A studio's owner reads its customers' shoots (ratings, comments, failures).
    read: ownsOrStudioOwner('owner'),
    create: nobody,
    update: isAdmin,
    // A customer deletes their own generations (portraits go too); admins any.
    delete: ownsDocument('owner'),
  },
  indexes: [{ fields: ['owner', 'createdAt'] }, { fields: ['status', 'leaseExpiresAt'] }],
  hooks: {
    beforeChange: [
      studioBeforeChange({ collection: 'photo-packages', id: (data) => data.package }, fromOwner),
      copyCatalogNames,
    ],
    afterChange: [recordProgress],
    beforeDelete: [deletePortraits],
  },
  endpoints: generationDocumentEndpoints,
  fields: serverOwnedFields(GENERATION_SERVER_FIELDS, [
    uuidField(),
    { name: 'owner', type: 'relationship', relationTo: 'users', required: true, index: true },
    studioField('The studio whose package this shoot is of.'),
    // Delete rules: the owner's delete takes the generation (Users hook); a deleted package or
    // theme leaves it with the names copied below; a deleted photo leaves the portraits.
    { name: 'package', type: 'relationship', relationTo: 'photo-packages', index: true },
    { name: 'theme', type: 'relationship', relationTo: 'package-themes', index: true },
    {
      name: 'upload',
      type: 'upload',
      relationTo: 'photo-uploads',
      admin: { description: 'The first reference photo.' },
    },
    { name: 'packageName', type: 'text', admin: { readOnly: true } },
    { name: 'themeName', type: 'text', admin: { readOnly: true } },
    {
      name: 'references',
      type: 'array',
      maxRows: MAX_REFERENCE_PHOTOS,
      admin: { description: 'Every reference photo, in the order sent to the model, with who it shows.' },
      fields: [
        // Not required in the database: a deleted photo leaves its row without a file.
        { name: 'upload', type: 'upload', relationTo: 'photo-uploads' },
        { name: 'role', type: 'select', required: true, options: [...REFERENCE_ROLES] },
      ],
    },
    { name: 'portraitType', type: 'select', required: true, options: [...PORTRAIT_TYPES] },
    { name: 'customPrompt', type: 'textarea', maxLength: 500 },
    { name: 'familyMemberCount', type: 'number', min: 2, max: 12 },
    {
      name: 'generationSettings',
      type: 'group',
      fields: [
        {
          name: 'aspectRatio',
          type: 'select',
          required: true,
          defaultValue: '1:1',
          options: [...ASPECT_RATIOS],
        },
        { name: 'style', type: 'text', maxLength: 50 },
        {
          name: 'quality',
          type: 'select',
          required: true,
          defaultValue: 'standard',
          options: [...QUALITIES],
        },
        {
          name: 'model',
          type: 'text',
          admin: { description: 'The image model this quality uses (with Gemini).' },
        },
        { name: 'imageSize', type: 'select', options: [...IMAGE_SIZES] },
        {
          name: 'fallbackFrom',
          type: 'text',
          admin: {
            description:
              'The model Google did not serve, when the package’s fallback model made this shoot instead.',
          },
        },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: [...GENERATION_STATUSES],
    },
    { name: 'imageCount', type: 'number', required: true, min: 1, max: 5 },
    { name: 'progress', type: 'number', defaultValue: 0, min: 0, max: 100 },
    { name: 'shootCost', type: 'number', required: true, min: 1 },
    { name: 'creditsRefunded', type: 'checkbox', defaultValue: false },
    { name: 'provider', type: 'text' },
    { name: 'isPreview', type: 'checkbox', defaultValue: false },
    { name: 'prompt', type: 'textarea', access: { read: staffOnlyField } },
    {
      name: 'images',
      type: 'array',
      maxRows: 5,
      fields: [
        {
          name: 'state',
          type: 'select',
          required: true,
          defaultValue: 'pending',
          options: [...IMAGE_STATES],
        },
        { name: 'result', type: 'relationship', relationTo: 'generation-results' },
        { name: 'attempts', type: 'number', defaultValue: 0 },
        { name: 'error', type: 'text' },
        { name: 'latencyMs', type: 'number' },
        {
          name: 'likenessScore',
          type: 'number',
          admin: { description: 'The last likeness score of this image, 0-1 (empty: not checked).' },
        },
        {
          name: 'likenessRetries',
          type: 'number',
          defaultValue: 0,
          admin: { description: 'Times it was made again, at no charge, after failing the likeness check.' },
        },
        {
          name: 'likenessFailed',
          type: 'checkbox',
          defaultValue: false,
          admin: { description: 'Still failed the likeness check after its retries: its share is refunded.' },
        },
      ],
    },
    {
      name: 'likenessRefundedShoots',
      type: 'number',
      defaultValue: 0,
      admin: {
        readOnly: true,
        description:
          'Shoots returned for portraits that failed the likeness check (each image’s share, rounded up to whole shoots).',
      },
    },
    { name: 'errorMessage', type: 'text' },
    {
      name: 'attempt',
      type: 'number',
      defaultValue: 0,
      admin: { description: 'Job runs so far (a crashed run is retried).' },
    },
    { name: 'leaseExpiresAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'leaseHolder',
      type: 'text',
      access: { read: staffOnlyField },
      admin: {
        readOnly: true,
        description: 'The process running it: host:pid:start (src/generation/leaseHolder.ts).',
      },
    },
    {
      name: 'requestId',
      type: 'text',
      index: true,
      admin: {
        readOnly: true,
        description:
          'X-Request-Id of the request that asked for it: find it in the logs of node, worker and provider call.',
      },
    },
    { name: 'queuedAt', type: 'date' },
    { name: 'startedAt', type: 'date' },
    { name: 'finishedAt', type: 'date' },
    {
      name: 'retentionReminderSentAt',
      type: 'date',
      admin: { readOnly: true, description: 'When the owner was told these portraits will be deleted.' },
    },
    { name: 'rating', type: 'number', min: 1, max: 5 },
    {
      name: 'ratingComment',
      type: 'textarea',
      maxLength: 1000,
      admin: { readOnly: true, description: 'What the customer said went wrong, with a rating of 1 or 2.' },
    },
    { name: 'ratedAt', type: 'date' },
  ]),
}
