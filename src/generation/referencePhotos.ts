import sharp from 'sharp'

import type { ReferenceImage } from './providers/types'

/** Gemini refuses inline requests over 20 MB; base64 adds a third, so the photos get 14 MB of it. */
export const INLINE_REQUEST_LIMIT_BYTES = 20 * 1024 * 1024
export const REFERENCE_BUDGET_BYTES = 14 * 1024 * 1024

const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4

/**
 * Downscales every reference photo to one JPEG each so that all of them, base64-encoded,
 * fit REFERENCE_BUDGET_BYTES: long edge 2048 px for one or two photos, 1536 px for more,
 * shrinking further (to at least 512 px) while the total is over budget. Order and labels kept.
 */
export const fitReferences = async (
  photos: readonly ReferenceImage[],
  budget = REFERENCE_BUDGET_BYTES,
): Promise<ReferenceImage[]> => {
  let edge = photos.length <= 2 ? 2048 : 1536
  for (;;) {
    const fitted = await Promise.all(
      photos.map(async (photo) => ({
        ...photo,
        mimeType: 'image/jpeg',
        data: await sharp(photo.data, { limitInputPixels: 50e6 })
          .rotate()
          .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
          .jpeg({ quality: edge > 1024 ? 88 : 82 })
          .toBuffer(),
      })),
    )
    const total = fitted.reduce((sum, photo) => sum + base64Length(photo.data.length), 0)
    if (total <= budget || edge <= 512) return fitted
    edge = Math.max(512, Math.floor(edge * 0.75))
  }
}
