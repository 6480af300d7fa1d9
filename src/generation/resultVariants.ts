import sharp from 'sharp'

export interface ImageVariant {
  data: Buffer
  width: number
  height: number
}

export interface ResultVariants {
  full: ImageVariant
  large: ImageVariant
  thumbnail: ImageVariant
}

export const LARGE_EDGE = 1024
export const THUMBNAIL_EDGE = 256

// Provider output is outside data too: same pixel cap as uploads, no half-decoded images.
const MAX_RESULT_PIXELS = 50_000_000

/**
 * WebP renditions of a generated portrait: full size, 1024 px and a 256 px thumbnail (long
 * edge, aspect ratio kept, never enlarged). One decode, three encodes. Metadata is
 * stripped by sharp's default, so nothing the provider embedded is passed on.
 */
export const renderResultVariants = async (bytes: Buffer): Promise<ResultVariants> => {
  const source = sharp(bytes, { limitInputPixels: MAX_RESULT_PIXELS, failOn: 'warning' }).rotate().toColourspace('srgb')
  const encode = async (edge: number | null, quality: number): Promise<ImageVariant> => {
    const pipeline = source.clone()
    if (edge) pipeline.resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
    const { data, info } = await pipeline.webp({ quality }).toBuffer({ resolveWithObject: true })
    return { data, width: info.width, height: info.height }
  }
  const [full, large, thumbnail] = await Promise.all([encode(null, 90), encode(LARGE_EDGE, 85), encode(THUMBNAIL_EDGE, 80)])
  return { full, large, thumbnail }
}
