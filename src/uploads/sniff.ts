/**
 * Byte-level facts about an upload, read before any decoder sees it: which allowed format
 * its magic number says it is, and where that image's own data ends.
 */

export type SniffedFormat = 'jpeg' | 'png' | 'webp' | 'heif'

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

// HEIF family brands (HEIC, AVIF and their sequences). Plain MP4/MOV also start with
// "ftyp", so the brand decides.
const HEIF_BRANDS = new Set([
  'heic',
  'heix',
  'heim',
  'heis',
  'hevc',
  'hevx',
  'mif1',
  'msf1',
  'avif',
  'avis',
  'mif2',
])

/** The allowed format the bytes start as, or null (SVG, GIF, text, HTML, anything else). */
export const sniffImageFormat = (bytes: Buffer): SniffedFormat | null => {
  if (bytes.length < 12) return null
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes.subarray(0, 8).equals(PNG_MAGIC)) return 'png'
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  if (bytes.toString('latin1', 4, 8) === 'ftyp' && HEIF_BRANDS.has(bytes.toString('latin1', 8, 12)))
    return 'heif'
  return null
}

/** A short human name for common non-photo files, for a clearer refusal. */
export const describeNonImage = (bytes: Buffer): string | null => {
  const head = bytes
    .toString('latin1', 0, 512)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase()
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg|<svg)/.test(head)) return 'an SVG drawing'
  if (head.startsWith('<')) return 'an HTML or XML document'
  if (head.startsWith('gif8')) return 'a GIF'
  if (head.startsWith('ii*\u0000') || head.startsWith('mm\u0000*')) return 'a TIFF'
  if (head.startsWith('%pdf')) return 'a PDF'
  if (head.startsWith('pk\u0003\u0004')) return 'a ZIP archive'
  if (bytes.toString('latin1', 4, 8) === 'ftyp') return 'a video or unsupported container'
  return null
}

/**
 * Where the image's own data ends (bytes after it belong to something else; null when the
 * structure is broken), and the byte ranges of its metadata/text segments: the only places
 * inside an image where a second file can hide as readable text. Compressed pixel data is
 * left out on purpose, since random bytes there would "contain" short tags by chance.
 */
export interface ImageLayout {
  end: number | null
  metadata: Array<[start: number, end: number]>
}

const pngLayout = (bytes: Buffer): ImageLayout => {
  const metadata: ImageLayout['metadata'] = []
  let offset = 8
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset)
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    if (type !== 'IDAT') metadata.push([offset + 8, Math.min(offset + 8 + length, bytes.length)])
    offset += 12 + length
    if (type === 'IEND') return { end: Math.min(offset, bytes.length), metadata }
  }
  return { end: null, metadata }
}

const isRestartOrStuffed = (byte: number) => byte === 0x00 || (byte >= 0xd0 && byte <= 0xd7)

const jpegLayout = (bytes: Buffer): ImageLayout => {
  const metadata: ImageLayout['metadata'] = []
  let offset = 2
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) break
    const marker = bytes[offset + 1]
    if (marker === 0xff) {
      offset++ // fill byte before a marker
      continue
    }
    if (marker === 0xd9) return { end: offset + 2, metadata }
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      offset += 2 // markers without a length
      continue
    }
    if (offset + 4 > bytes.length) break
    const next = offset + 2 + bytes.readUInt16BE(offset + 2)
    // APP0..APP15 (EXIF, XMP, ICC, ...) and COM are where text can hide.
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe)
      metadata.push([offset + 4, Math.min(next, bytes.length)])
    offset = next
    if (marker === 0xda) {
      // Entropy-coded data runs until a marker that is neither stuffing nor a restart.
      while (offset + 1 < bytes.length && !(bytes[offset] === 0xff && !isRestartOrStuffed(bytes[offset + 1])))
        offset++
    }
  }
  return { end: null, metadata }
}

const PIXEL_CHUNKS = new Set(['VP8 ', 'VP8L', 'ALPH', 'ANMF'])

const webpLayout = (bytes: Buffer): ImageLayout => {
  const metadata: ImageLayout['metadata'] = []
  const size = bytes.readUInt32LE(4)
  const end = Math.min(bytes.length, 8 + size + (size % 2))
  let offset = 12
  while (offset + 8 <= end) {
    const length = bytes.readUInt32LE(offset + 4)
    if (!PIXEL_CHUNKS.has(bytes.toString('latin1', offset, offset + 4)))
      metadata.push([offset + 8, Math.min(offset + 8 + length, end)])
    offset += 8 + length + (length % 2)
  }
  return { end, metadata }
}

/** ISO-BMFF: top-level boxes laid end to end; the first thing that is not a box ends the file proper. */
const heifLayout = (bytes: Buffer): ImageLayout => {
  const metadata: ImageLayout['metadata'] = []
  let offset = 0
  while (offset + 8 <= bytes.length) {
    let size = bytes.readUInt32BE(offset)
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    if (!/^[\x20-\x7e]{4}$/.test(type)) break
    if (size === 0) size = bytes.length - offset
    else if (size === 1) {
      if (offset + 16 > bytes.length) break
      size = Number(bytes.readBigUInt64BE(offset + 8))
    }
    if (size < 8 || offset + size > bytes.length) break
    if (type !== 'mdat') metadata.push([offset + 8, offset + size])
    offset += size
  }
  return { end: offset, metadata }
}

export const imageLayout = (bytes: Buffer, format: SniffedFormat): ImageLayout => {
  switch (format) {
    case 'png':
      return pngLayout(bytes)
    case 'jpeg':
      return jpegLayout(bytes)
    case 'webp':
      return webpLayout(bytes)
    case 'heif':
      return heifLayout(bytes)
  }
}
