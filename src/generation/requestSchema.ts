import { z } from 'zod'

import { idSchema, safeDecode } from '@/lib/input'
import { customerInputSchema, MAX_REFERENCE_PHOTOS, REFERENCE_ROLES } from '@/prompt'

import { ASPECT_RATIOS } from './providers/types'

// Ids are numbers (or digit strings) from 1 to 2147483647: `[1]`, `true` or 99999999999 are refused, never coerced.
const photoId = idSchema('uploadIds')

/** The stored file name an upload URL names (its last path segment, decoded), or null when its percent-encoding is malformed. */
export const uploadFilenameFromUrl = (url: string): string | null =>
  safeDecode(url.split('?')[0].split('/').pop() ?? '')

/**
 * POST /api/generate: the seed's fields, with the photo named by id or by its own URL, or
 * 1-5 photos in order (`uploadIds`), each optionally tagged with who it shows (`referenceRoles`).
 */
export const generationRequestSchema = z
  .object({
    packageSlug: z
      .string()
      .min(1, 'packageSlug is required.')
      .max(120)
      .regex(/^[a-z0-9-]+$/, 'packageSlug is not a package slug.'),
    themeId: idSchema('themeId'),
    uploadId: idSchema('uploadId').optional(),
    uploadedImageUrl: z
      .string()
      .max(500)
      .regex(
        /^(?:https?:\/\/[^/]+)?\/api\/photo-uploads\/file\/[^/?#]+(?:\?.*)?$/,
        'uploadedImageUrl must be the URL of one of your own uploads.',
      )
      .refine((url) => uploadFilenameFromUrl(url) !== null, 'uploadedImageUrl has invalid percent-encoding.')
      .optional(),
    uploadIds: z
      .array(photoId, { error: 'uploadIds must be a list of photo ids.' })
      .min(1, 'uploadIds needs at least one photo.')
      .max(MAX_REFERENCE_PHOTOS, `uploadIds takes at most ${MAX_REFERENCE_PHOTOS} photos.`)
      .refine((ids) => new Set(ids).size === ids.length, 'uploadIds names the same photo twice.')
      .optional(),
    referenceRoles: z
      .array(z.enum(REFERENCE_ROLES, { error: `referenceRoles holds ${REFERENCE_ROLES.join(', ')}.` }))
      .max(MAX_REFERENCE_PHOTOS, `referenceRoles takes at most ${MAX_REFERENCE_PHOTOS} roles.`)
      .optional(),
    generationSettings: z
      .object({
        aspectRatio: z
          .enum(ASPECT_RATIOS, { error: `aspectRatio must be one of ${ASPECT_RATIOS.join(', ')}.` })
          .default('1:1'),
        style: z.string().max(50, 'style is at most 50 characters.').optional(),
        quality: z
          .enum(['standard', 'high'], { error: 'quality must be standard or high.' })
          .default('standard'),
      })
      .strict()
      .default({ aspectRatio: '1:1', quality: 'standard' }),
  })
  .and(customerInputSchema)
  .refine(
    (value) =>
      value.uploadId !== undefined || value.uploadedImageUrl !== undefined || value.uploadIds !== undefined,
    {
      message: 'Upload a photo first: give uploadIds (or uploadId, or uploadedImageUrl).',
      path: ['uploadId'],
    },
  )
  .refine(
    (value) =>
      value.uploadIds === undefined || (value.uploadId === undefined && value.uploadedImageUrl === undefined),
    {
      message: 'Give either uploadIds or uploadId (or uploadedImageUrl), not both.',
      path: ['uploadIds'],
    },
  )
  .refine(
    (value) => !value.referenceRoles || value.referenceRoles.length === (value.uploadIds?.length ?? 1),
    {
      message: 'referenceRoles needs one role per photo, in the same order as uploadIds.',
      path: ['referenceRoles'],
    },
  )

export type GenerationRequest = z.infer<typeof generationRequestSchema>
