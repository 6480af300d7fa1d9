import sharp, { type Metadata } from 'sharp'

import { DomainError } from '@/lib/errors'
import { settings } from '@/lib/settings'

import { withDecodeSlot } from './decodeQueue'
import { decodeHeicToRaw } from './heic'

import { polyglotProblem } from './polyglot'
import { describeNonImage, sniffImageFormat } from './sniff'

/** UPLOAD_MAX_BYTES' default (src/lib/settings.ts). */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024
export const MAX_INPUT_PIXELS = 50_000_000
/**
 * AVIF and HEIC are decoded whole (libheif has no shrink-on-load), and AV1 and HEVC cost the most
 * CPU per pixel: a 968-byte 7000 x 7000 AVIF took 5.4 s and 800 MB. 25 MP still takes an
 * iPhone's default 24 MP HEIC (5712 x 4284).
 */
export const MAX_HEIF_PIXELS = 25_000_000
/** Long edge sent to the image model: keeps the inline request far below Gemini's 20 MB. */
export const MAX_PROVIDER_EDGE = 2048
export const UPLOAD_JPEG_QUALITY = 90

/** Formats sharp may report for an allowed upload (AVIF and HEIC both read as "heif"). */
const ALLOWED_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'avif'])
const ALLOWED_NAMES = 'JPEG, PNG, WebP, AVIF or HEIC'

/** Shortest side a photo may have: below this the model has no face to work from. */
export const MIN_SHORT_SIDE = 512
/** Longest side / shortest side: a strip beyond 1:3 holds no usable portrait. */
export const MAX_ASPECT_RATIO = 3

export type UploadRejection =
  | 'empty'
  | 'too_large'
  | 'unsupported_format'
  | 'too_many_pixels'
  | 'too_much_memory'
  | 'too_small'
  | 'bad_aspect_ratio'
  | 'corrupt'
  | 'polyglot'

const rejectionStatus = (code: UploadRejection): number => (code === 'too_large' ? 413 : 400)

/** A refusal of the file (field "file"): `code` for programs, `message` for people. */
export class UploadRejectedError extends DomainError {
  constructor(
    readonly code: UploadRejection,
    message: string,
  ) {
    super(rejectionStatus(code), message, { field: 'file', code })
    this.name = 'UploadRejectedError'
  }
}

export interface NormalizedUpload {
  data: Buffer
  mimeType: 'image/jpeg'
  width: number
  height: number
  /** The format read from the bytes: jpeg | png | webp | heif. */
  sourceFormat: string
}

const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`

/** Bytes per sample of sharp's `depth` (libvips band formats). */
const SAMPLE_BYTES: Record<string, number> = {
  uchar: 1,
  char: 1,
  ushort: 2,
  short: 2,
  uint: 4,
  int: 4,
  float: 4,
  complex: 8,
  double: 8,
  dpcomplex: 16,
}

/**
 * Bytes the decoded image takes, from the header alone: width x height x channels x bytes per
 * sample. HEVC HEIC is decoded to 8-bit RGBA (heic-decode), whatever its header says.
 */
const decodedBytes = (metadata: Metadata, hevc: boolean): number => {
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0)
  if (hevc) return pixels * 4
  const sampleBytes = metadata.bitsPerSample
    ? Math.ceil(metadata.bitsPerSample / 8)
    : (SAMPLE_BYTES[metadata.depth ?? 'uchar'] ?? 1)
  return pixels * (metadata.channels ?? 4) * sampleBytes
}
const firstLine = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error))

const readHeader = async (bytes: Buffer): Promise<Metadata> => {
  try {
    // Header only, no pixels decoded: the pixel count is checked by us below, so a bomb
    // gets its own answer instead of a generic "cannot read" one.
    return await sharp(bytes, { limitInputPixels: false, failOn: 'truncated' }).metadata()
  } catch (error) {
    throw new UploadRejectedError(
      'corrupt',
      `The photo could not be read; it may be damaged (${firstLine(error)}).`,
    )
  }
}

/**
 * Turns untrusted upload bytes into a safe photo, or refuses them with a reason a person
 * can act on. The real format comes from the bytes (never the declared type or name); SVG
 * and anything else off the allow-list, pixel bombs, truncated files and polyglots are
 * refused. What is kept is a fresh JPEG: orientation applied, all metadata (GPS!) gone,
 * at most 2048 px on the long edge, so nothing foreign in the original survives.
 */
export const normalizeUpload = async (bytes: Buffer): Promise<NormalizedUpload> => {
  if (!bytes || bytes.length === 0) throw new UploadRejectedError('empty', 'The file is empty.')
  const { uploadMaxBytes, decodeMemoryBytes } = settings()
  if (bytes.length > uploadMaxBytes) {
    throw new UploadRejectedError(
      'too_large',
      `The photo is ${megabytes(bytes.length)}; the limit is ${megabytes(uploadMaxBytes)}.`,
    )
  }
  const sniffed = sniffImageFormat(bytes)
  if (!sniffed) {
    const what = describeNonImage(bytes)
    throw new UploadRejectedError(
      'unsupported_format',
      `${what ? `That file is ${what}, not a photo.` : 'That file is not a photo.'} Upload a ${ALLOWED_NAMES} image.`,
    )
  }
  const polyglot = polyglotProblem(bytes, sniffed)
  if (polyglot) throw new UploadRejectedError('polyglot', `${polyglot} Upload a plain photo.`)

  const metadata = await readHeader(bytes)
  const format = metadata.format as string | undefined
  const family = format === 'avif' ? 'heif' : format
  if (!format || !ALLOWED_FORMATS.has(format) || family !== sniffed) {
    throw new UploadRejectedError(
      'unsupported_format',
      `Photos must be ${ALLOWED_NAMES}, not ${format ?? 'this format'}.`,
    )
  }
  const width = metadata.width ?? 0
  const height = metadata.height ?? 0
  if (width <= 0 || height <= 0)
    throw new UploadRejectedError('corrupt', 'The photo has no readable size; it may be damaged.')
  // EXIF orientation swaps the sides but not the short side or the ratio, so the header's sizes do.
  const shortSide = Math.min(width, height)
  if (shortSide < MIN_SHORT_SIDE) {
    throw new UploadRejectedError(
      'too_small',
      `The photo is ${width} x ${height} px; its short side must be at least ${MIN_SHORT_SIDE} px for a usable portrait.`,
    )
  }
  if (Math.max(width, height) / shortSide > MAX_ASPECT_RATIO) {
    throw new UploadRejectedError(
      'bad_aspect_ratio',
      `The photo is ${width} x ${height} px; its long side may be at most ${MAX_ASPECT_RATIO} times its short side.`,
    )
  }
  if (width * height > MAX_INPUT_PIXELS) {
    throw new UploadRejectedError(
      'too_many_pixels',
      `The photo is ${width} x ${height} (${Math.round((width * height) / 1e6)} megapixels); the limit is ${MAX_INPUT_PIXELS / 1e6} megapixels.`,
    )
  }
  // Checked from the header, before a pixel is decoded: what decoding would cost.
  if (family === 'heif' && width * height > MAX_HEIF_PIXELS) {
    throw new UploadRejectedError(
      'too_many_pixels',
      `The photo is ${width} x ${height} (${Math.round((width * height) / 1e6)} megapixels); the limit for AVIF and HEIC is ${MAX_HEIF_PIXELS / 1e6} megapixels.`,
    )
  }
  const hevc = family === 'heif' && metadata.compression === 'hevc'
  const decoded = decodedBytes(metadata, hevc)
  if (decoded > decodeMemoryBytes) {
    throw new UploadRejectedError(
      'too_much_memory',
      `The photo is ${width} x ${height} with ${metadata.channels ?? 4} channels of ${metadata.bitsPerSample ?? 8} bits: ${Math.ceil(decoded / 1048576)} MB decoded, over the ${decodeMemoryBytes / 1048576} MB limit. Save it as an 8-bit JPEG.`,
    )
  }
  return withDecodeSlot(() => decode(bytes, family, hevc))
}

/** The decode itself (inside a decode slot): a fresh upright sRGB JPEG of at most 2048 px. */
const decode = async (bytes: Buffer, family: string, hevc: boolean): Promise<NormalizedUpload> => {
  try {
    // HEVC HEIC (iPhone): decoded by libheif in WASM, then treated like any other photo.
    const source = hevc
      ? await decodeHeicToRaw(bytes).then(({ data, width, height, channels }) =>
          sharp(data, { raw: { width, height, channels } }),
        )
      : sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated', pages: 1 })
    const { data, info } = await source
      .rotate() // apply EXIF orientation before the metadata (and the flag) is dropped
      .resize({
        width: MAX_PROVIDER_EDGE,
        height: MAX_PROVIDER_EDGE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .flatten({ background: '#ffffff' }) // transparent PNG/WebP: white, not black
      .toColourspace('srgb')
      .jpeg({ quality: UPLOAD_JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true })
    return { data, mimeType: 'image/jpeg', width: info.width, height: info.height, sourceFormat: family }
  } catch (error) {
    const detail = firstLine(error)
    if (/pixel limit/i.test(detail)) {
      throw new UploadRejectedError(
        'too_many_pixels',
        `The photo has too many pixels; the limit is ${MAX_INPUT_PIXELS / 1e6} megapixels.`,
      )
    }
    throw new UploadRejectedError(
      'corrupt',
      `The photo is damaged or truncated and could not be decoded (${detail}).`,
    )
  }
}
