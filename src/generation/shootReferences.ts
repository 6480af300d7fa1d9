import type { Payload } from 'payload'

import type { ReferenceFaces } from '@/faces/likeness'
import { relationId } from '@/lib/relationId'
import type { Generation, PhotoUpload } from '@/payload-types'
import { defaultReferenceRoles, referencePartLabels } from '@/prompt'
import { readStoredFile } from '@/storage/files'

import type { ReferenceImage } from './providers/types'
import { fitReferences } from './referencePhotos'

export interface ShootReferences {
  /** Every photo, labelled and downscaled once for the whole generation, in the order sent. */
  photos: ReferenceImage[]
  /** Each photo's role and the faces stored when it was uploaded (for the likeness check). */
  faces: ReferenceFaces[]
}

/**
 * Every reference photo in order, labelled with who it shows and downscaled once for the
 * whole generation, with the faces found in it at upload. Generations from before several
 * photos have no rows: their one upload.
 */
export const loadReferences = async (payload: Payload, generation: Generation): Promise<ShootReferences> => {
  const rows = generation.references?.length
    ? generation.references
    : [{ upload: generation.upload, role: defaultReferenceRoles(generation.portraitType, 1)[0] }]
  const labels = referencePartLabels(rows.map((row) => row.role))
  const loaded = await Promise.all(
    rows.map(async (row, index) => {
      if (!row.upload)
        throw new Error(`Reference photo ${index + 1} of generation ${generation.id} was deleted.`)
      const upload = (await payload.findByID({
        collection: 'photo-uploads',
        id: relationId(row.upload),
        depth: 0,
        overrideAccess: true,
        // The descriptors are read only here and by the export (hideFaceDescriptors).
        context: { faceDescriptors: true },
      })) as PhotoUpload
      return {
        photo: {
          data: await readStoredFile(payload, 'photo-uploads', upload),
          mimeType: upload.mimeType ?? 'image/jpeg',
          label: labels[index],
          role: row.role,
        },
        faces: { role: row.role, faces: upload.faces as ReferenceFaces['faces'] },
      }
    }),
  )
  return {
    photos: await fitReferences(loaded.map((entry) => entry.photo)),
    faces: loaded.map((entry) => entry.faces),
  }
}
