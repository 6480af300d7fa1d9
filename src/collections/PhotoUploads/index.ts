import type { CollectionConfig } from 'payload'

import { hiddenUnlessAdmin, isAdmin, isAuthenticated, ownsDocument } from '@/access'
import { limitUploads } from './hooks/limitUploads'
import { refuseDeleteWhileInUse } from './hooks/refuseDeleteWhileInUse'
import { setOwner } from './hooks/setOwner'
import { settings } from '@/lib/settings'
import { safeUploadHook } from '@/uploads'

/**
 * The customer's source photos. Private: files are served only to their owner and admins.
 * Every upload is re-encoded from its real bytes (orientation applied, metadata stripped,
 * at most 2048 px) before it is stored.
 */
export const PhotoUploads: CollectionConfig = {
  slug: 'photo-uploads',
  labels: { singular: 'Customer photo', plural: 'Customer photos' },
  admin: {
    hidden: hiddenUnlessAdmin,
    group: 'Generations',
    defaultColumns: ['filename', 'owner', 'width', 'height', 'createdAt'],
  },
  access: {
    read: ownsDocument('owner'),
    create: isAuthenticated,
    update: isAdmin,
    delete: ownsDocument('owner'),
  },
  hooks: {
    // The owner's caps first (nothing decoded past them), then the clean re-encoding is what is
    // stored (and later sent to the image model).
    beforeOperation: [limitUploads, safeUploadHook({ keep: 'clean', requireFile: true })],
    beforeChange: [setOwner],
    beforeDelete: [refuseDeleteWhileInUse],
  },
  upload: {
    staticDir: `${settings().privateMediaDir}/uploads`,
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/heif'],
    imageSizes: [
      { name: 'thumbnail', width: 256, height: 256, position: 'centre', formatOptions: { format: 'webp' } },
    ],
    adminThumbnail: 'thumbnail',
    disableLocalStorage: false,
  },
  fields: [
    {
      name: 'owner',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      admin: { readOnly: true },
    },
  ],
}
