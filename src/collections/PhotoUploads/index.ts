import type { CollectionConfig } from 'payload'

import { hiddenUnlessAdmin, isAdmin, isAuthenticated, ownsDocument, ownsOrStudioOwner } from '@/access'
import { createPhotoUploadEndpoint } from '@/endpoints/photoUploads'
import { REFERENCE_ROLES } from '@/prompt'

import { checkFaces } from './hooks/checkFaces'
import { countUpload } from './hooks/countUpload'
import { hideFaceDescriptors } from './hooks/hideFaceDescriptors'
import { keepFaceDescriptors } from './hooks/keepFaceDescriptors'
import { limitUploads } from './hooks/limitUploads'
import { refuseDeleteWhileInUse } from './hooks/refuseDeleteWhileInUse'
import { setOwner } from './hooks/setOwner'
import { settings } from '@/lib/settings'
import { safeUploadHook } from '@/uploads'
import { serverOwnedFields } from '@/fields/serverOwned'
import { studioField } from '@/fields/studio'
import { fromOwner, studioBeforeChange } from '@/hooks/studioBeforeChange'

/**
 * The customer's source photos. Private: files are served only to their owner and admins.
 * Every upload is re-encoded from its real bytes (orientation applied, metadata stripped,
 * at most 2048 px) before it is stored, and checked for faces (src/faces): a photo without a
 * usable face, or with more faces than its role takes, is refused; an accepted one keeps its
 * quality score and each face's descriptor (biometric data, deleted with the photo).
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
    read: ownsOrStudioOwner('owner'),
    create: isAuthenticated,
    update: isAdmin,
    delete: ownsDocument('owner'),
  },
  hooks: {
    // The owner's caps first (nothing decoded past them), then the clean re-encoding is what is
    // stored (and later sent to the image model), then every new file is checked for faces
    // (refused, or scored and its descriptors kept).
    beforeOperation: [limitUploads, safeUploadHook({ keep: 'clean', requireFile: true }), checkFaces],
    // The owner first: the photo's studio is its customer's.
    beforeChange: [setOwner, studioBeforeChange(fromOwner)],
    afterChange: [countUpload],
    beforeDelete: [refuseDeleteWhileInUse],
  },
  // Runs the face check before the create's transaction opens (then Payload's create operation).
  endpoints: [createPhotoUploadEndpoint],
  upload: {
    staticDir: `${settings().privateMediaDir}/uploads`,
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/heif'],
    imageSizes: [
      { name: 'thumbnail', width: 256, height: 256, position: 'centre', formatOptions: { format: 'webp' } },
    ],
    adminThumbnail: 'thumbnail',
    disableLocalStorage: false,
  },
  fields: serverOwnedFields(
    ['owner', 'studio', 'qualityScore', 'qualityReasons', 'faceCount', 'faces'],
    [
      {
        name: 'owner',
        type: 'relationship',
        relationTo: 'users',
        required: true,
        index: true,
        admin: { readOnly: true },
      },
      studioField('The studio of the customer who uploaded it.'),
      {
        name: 'role',
        type: 'select',
        options: [...REFERENCE_ROLES],
        defaultValue: 'person',
        admin: { description: 'Who the customer said the photo shows; it sets how many faces it must have.' },
      },
      {
        name: 'qualityScore',
        type: 'number',
        min: 0,
        max: 100,
        admin: { readOnly: true, description: 'How well this photo can keep the likeness (0-100).' },
      },
      { name: 'qualityReasons', type: 'json', admin: { readOnly: true } },
      { name: 'faceCount', type: 'number', admin: { readOnly: true } },
      {
        name: 'faces',
        type: 'json',
        hooks: { afterRead: [hideFaceDescriptors], beforeChange: [keepFaceDescriptors] },
        admin: {
          readOnly: true,
          description: 'Each face: box, size, detector score, sharpness and descriptor (biometric data).',
        },
      },
    ],
  ),
}
