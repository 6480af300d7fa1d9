import type { CollectionConfig } from 'payload'

import { isAdminOrEditor, nobody, studioScope } from '@/access'
import { likenessGroup } from '@/fields/likeness'
import { PORTRAIT_TYPES } from '@/prompt'
import { settings } from '@/lib/settings'
import { serverOwnedFields } from '@/fields/serverOwned'
import { studioField } from '@/fields/studio'
import { studioBeforeChange } from '@/hooks/studioBeforeChange'

export const TEST_RENDER_STATES = ['running', 'succeeded', 'blocked', 'failed'] as const

/**
 * The prompt lab's test renders: a theme's prompt run on a sample photo an editor uploaded.
 * Staff only; they spend no customer credits. Each row records who ran it and the prompt
 * used, which also makes it the per-editor daily rate limit's count. The sample photo itself
 * is never stored.
 */
export const TestRenders: CollectionConfig = {
  slug: 'test-renders',
  labels: { singular: 'Test render', plural: 'Test renders' },
  admin: {
    group: 'Catalog',
    defaultColumns: ['filename', 'theme', 'portraitType', 'status', 'ranBy', 'createdAt'],
    description: 'Made with the prompt lab on a theme’s edit page.',
  },
  defaultSort: '-createdAt',
  // Editors run them in the prompt lab: they read and delete their own studios' (studioScope).
  access: {
    read: studioScope(isAdminOrEditor),
    create: nobody,
    update: nobody,
    delete: studioScope(isAdminOrEditor),
  },
  upload: {
    staticDir: `${settings().privateMediaDir}/test-renders`,
    mimeTypes: ['image/webp', 'image/png', 'image/jpeg'],
    filesRequiredOnCreate: false,
    formatOptions: { format: 'webp', options: { quality: 88 } },
    imageSizes: [
      {
        name: 'thumbnail',
        width: 320,
        height: 320,
        position: 'centre',
        formatOptions: { format: 'webp', options: { quality: 80 } },
      },
    ],
    adminThumbnail: 'thumbnail',
  },
  indexes: [{ fields: ['ranBy', 'createdAt'] }, { fields: ['theme', 'createdAt'] }],
  // The prompt lab names the theme's studio; else the theme's (one query).
  hooks: { beforeChange: [studioBeforeChange({ collection: 'package-themes', id: (data) => data.theme })] },
  fields: serverOwnedFields(
    ['studio'],
    [
      // Not required: deleting a theme or a user keeps the render log (the link becomes empty).
      { name: 'theme', type: 'relationship', relationTo: 'package-themes' },
      studioField('The studio of the theme it was made for.'),
      { name: 'ranBy', type: 'relationship', relationTo: 'users' },
      { name: 'portraitType', type: 'select', required: true, options: [...PORTRAIT_TYPES] },
      {
        name: 'status',
        type: 'select',
        required: true,
        defaultValue: 'running',
        options: [...TEST_RENDER_STATES],
      },
      { name: 'message', type: 'text' },
      { name: 'provider', type: 'text' },
      {
        name: 'isPreview',
        type: 'checkbox',
        defaultValue: false,
        admin: { description: 'Made by the offline preview renderer, not Gemini.' },
      },
      { name: 'latencyMs', type: 'number' },
      { name: 'prompt', type: 'textarea' },
      likenessGroup({
        description:
          'The render’s faces against the sample photo’s, scored as the worker scores a portrait (no retry).',
        scoreDescription: 'Lowest person’s score, 0-1 (empty: not checked).',
        row: [
          {
            name: 'sampleFaces',
            type: 'number',
            min: 0,
            admin: { description: 'Faces found in the sample photo.' },
          },
        ],
        after: [{ name: 'note', type: 'text', admin: { description: 'Why it was not checked.' } }],
      }),
    ],
  ),
}
