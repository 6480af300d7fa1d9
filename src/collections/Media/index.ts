import type { CollectionConfig } from 'payload'

import { anyone, isAdminOrEditor, studioScope } from '@/access'
import { assignStudio } from '@/hooks/assignStudio'
import { revalidateCatalog, revalidateCatalogAfterDelete } from '@/hooks/revalidateCatalog'
import { settings } from '@/lib/settings'
import { safeUploadHook } from '@/uploads'

export const ALLOWED_IMAGE_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/heic',
  'image/heif',
]

/** Public catalog imagery (package covers, theme previews), uploaded by staff. */
export const Media: CollectionConfig = {
  slug: 'media',
  admin: { group: 'Catalog', defaultColumns: ['filename', 'alt', 'width', 'height'] },
  access: {
    // Visitors and customers read every file for now (the request's studio comes from its Host later).
    read: studioScope(anyone),
    create: isAdminOrEditor,
    update: studioScope(isAdminOrEditor),
    delete: studioScope(isAdminOrEditor),
  },
  // Checked, then kept as uploaded: formatOptions below re-encodes every file to WebP without its
  // metadata, so the clean JPEG would only add a lossy pass and cap hero images at 2048 px.
  // The public catalog shows a cover's or preview's URL and alt text: a change to either, a new
  // file or a deletion (which empties the relationships in the database) clears it.
  hooks: {
    beforeOperation: [safeUploadHook({ keep: 'original' })],
    beforeValidate: [assignStudio()],
    afterChange: [revalidateCatalog],
    afterDelete: [revalidateCatalogAfterDelete],
  },
  upload: {
    staticDir: settings().mediaDir,
    mimeTypes: ALLOWED_IMAGE_MIME_TYPES,
    focalPoint: true,
    formatOptions: { format: 'webp', options: { quality: 85 } },
    imageSizes: [
      { name: 'thumbnail', width: 400, height: 300, position: 'centre' },
      { name: 'card', width: 800, height: 600, position: 'centre' },
      { name: 'hero', width: 1600, withoutEnlargement: true },
    ],
    adminThumbnail: 'thumbnail',
  },
  fields: [{ name: 'alt', type: 'text', maxLength: 200 }],
}
