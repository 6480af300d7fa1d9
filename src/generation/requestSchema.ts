import { z } from 'zod'

import { customerInputSchema } from '@/prompt'

import { ASPECT_RATIOS } from './providers/types'

/** POST /api/generate: the seed's fields, with the upload named by id or by its own URL. */
export const generationRequestSchema = z
  .object({
    packageSlug: z.string().min(1, 'packageSlug is required.').max(120).regex(/^[a-z0-9-]+$/, 'packageSlug is not a package slug.'),
    themeId: z.coerce.number({ error: 'themeId must be a number.' }).int().positive('themeId must be a positive id.'),
    uploadId: z.coerce.number().int().positive('uploadId must be a positive id.').optional(),
    uploadedImageUrl: z
      .string()
      .max(500)
      .regex(/^(?:https?:\/\/[^/]+)?\/api\/photo-uploads\/file\/[^/?#]+(?:\?.*)?$/, 'uploadedImageUrl must be the URL of one of your own uploads.')
      .optional(),
    generationSettings: z
      .object({
        aspectRatio: z.enum(ASPECT_RATIOS, { error: `aspectRatio must be one of ${ASPECT_RATIOS.join(', ')}.` }).default('1:1'),
        style: z.string().max(50, 'style is at most 50 characters.').optional(),
        quality: z.enum(['standard', 'high'], { error: 'quality must be standard or high.' }).default('standard'),
      })
      .strict()
      .default({ aspectRatio: '1:1', quality: 'standard' }),
  })
  .and(customerInputSchema)
  .refine((value) => value.uploadId !== undefined || value.uploadedImageUrl !== undefined, {
    message: 'Upload a photo first: give uploadId (or uploadedImageUrl).',
    path: ['uploadId'],
  })

export type GenerationRequest = z.infer<typeof generationRequestSchema>
