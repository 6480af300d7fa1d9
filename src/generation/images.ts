import sharp, { type Metadata } from 'sharp'

import { polyglotProblem } from './polyglot'

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024
export const MAX_INPUT_PIXELS = 50_000_000
export const MAX_PROVIDER_EDGE = 2048

/** Formats we accept, as sharp reads them from the bytes (HEIC and AVIF both read as heif). */
const ALLOWED_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'avif'])

export type UploadRejection = 'empty' | 'too_large' | 'unsupported_format' | 'too_many_pixels' | 'corrupt' | 'polyglot'

export class UploadRejectedError extends Error {
  constructor(
    readonly code: UploadRejection,
    message: string,
  ) {
    super(message)
    this.name = 'UploadRejectedError'
  }
}

// Magic numbers of the allowed formats: the bytes must START as the image they claim to be,
// which turns away HTML/script/zip files that merely carry an image somewhere inside.
const startsLikeImage = (bytes: Buffer): boolean => {
  if (bytes.length < 12) return false
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const webp = bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP'
  const isoMedia = bytes.toString('latin1', 4, 8) === 'ftyp'
  return jpeg || png || webp || isoMedia
}

export interface NormalizedUpload {
  data: Buffer
  mimeType: 'image/jpeg'
  width: number
  height: number
  sourceFormat: string
}

/**
 * Turns untrusted upload bytes into a safe photo, or refuses them with a reason a person
 * can act on. The real format comes from the bytes (never the declared type); SVG and
 * anything else off the allow-list, pixel bombs, truncated files and polyglots are refused.
 * What is kept is a fresh JPEG: orientation applied, all metadata (GPS!) gone, at most 2048 px.
 */
export const normalizeUpload = async (bytes: Buffer): Promise<NormalizedUpload> => {
  if (!bytes || bytes.length === 0) throw new UploadRejectedError('empty', 'The file is empty.')
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new UploadRejectedError('too_large', `The photo is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is 15 MB.`)
  }
  if (!startsLikeImage(bytes)) {
    throw new UploadRejectedError('unsupported_format', 'That file is not a JPEG, PNG, WebP, AVIF or HEIC photo.')
  }
  const polyglot = polyglotProblem(bytes)
  if (polyglot) throw new UploadRejectedError('polyglot', `${polyglot} Upload a plain photo.`)
  let metadata: Metadata
  try {
    // Reading the header only: a pixel bomb is caught here, before any decoding.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata()
  } catch {
    throw new UploadRejectedError('corrupt', 'The photo could not be read; it may be damaged or not an image.')
  }
  if (!metadata.format || !ALLOWED_FORMATS.has(metadata.format)) {
    throw new UploadRejectedError('unsupported_format', `Photos must be JPEG, PNG, WebP, AVIF or HEIC, not ${metadata.format ?? 'this format'}.`)
  }
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0)
  if (pixels > MAX_INPUT_PIXELS) {
    throw new UploadRejectedError('too_many_pixels', `The photo has ${(pixels / 1e6).toFixed(0)} megapixels; the limit is 50.`)
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning', pages: 1 })
      .rotate()
      .resize({ width: MAX_PROVIDER_EDGE, height: MAX_PROVIDER_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 90, mozjpeg: false })
      .toBuffer({ resolveWithObject: true })
    return { data, mimeType: 'image/jpeg', width: info.width, height: info.height, sourceFormat: metadata.format }
  } catch (error) {
    const detail = error instanceof Error ? error.message : ''
    throw new UploadRejectedError('corrupt', `The photo is damaged or truncated and could not be decoded${detail ? ` (${detail.split('\n')[0]})` : ''}.`)
  }
}
