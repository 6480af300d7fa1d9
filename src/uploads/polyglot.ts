import { imageLayout, type SniffedFormat, sniffImageFormat } from './sniff'

/**
 * Polyglots are files that are a valid image AND something else (an HTML page, a script,
 * a ZIP/JAR, a PDF): served back, they can run in a browser or smuggle an archive past a
 * filter. We refuse markup in the file's head, its metadata segments and anything after
 * the image, and foreign files glued after or around the image.
 *
 * Compressed pixel data is not scanned: random bytes there contain short tags by chance
 * (about 1 photo in 200 would be refused), and it cannot survive re-encoding anyway.
 * Known media after the image (a second JPEG: Ultra HDR gain maps, MPF depth maps; an
 * MP4: Motion Photos) is accepted for the same reason: phones really write it.
 */
const MARKUP =
  /<(?:script|html|body|svg|iframe|object|embed|img|meta|link|style|form|\?php|!doctype)\b|javascript:/i

// Files that are recognised by a signature at their start.
const LEADING_SIGNATURES: Array<[string, Buffer]> = [
  ['a ZIP archive', Buffer.from('PK\u0003\u0004', 'latin1')],
  ['a PDF document', Buffer.from('%PDF-', 'latin1')],
  ['a RAR archive', Buffer.from('Rar!\u001a\u0007', 'latin1')],
  ['a 7-Zip archive', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])],
  ['a gzip archive', Buffer.from([0x1f, 0x8b, 0x08])],
  ['a program', Buffer.from('\u007fELF', 'latin1')],
  ['a program', Buffer.from('MZ', 'latin1')],
  ['a script', Buffer.from('#!', 'latin1')],
  ['a web page or script', Buffer.from('<', 'latin1')],
]

const ZIP_END = Buffer.from('PK\u0005\u0006', 'latin1')

/**
 * ZIP readers look for the End Of Central Directory record near the end of the file; an
 * EOCD whose comment length lands exactly on the last byte is a readable ZIP, whatever
 * comes before it (this is how JPEG/JAR polyglots work).
 */
const endsAsZip = (bytes: Buffer): boolean => {
  const from = Math.max(0, bytes.length - 22 - 0xffff)
  let at = bytes.lastIndexOf(ZIP_END)
  while (at >= from) {
    if (at + 22 <= bytes.length && at + 22 + bytes.readUInt16LE(at + 20) === bytes.length) return true
    at = at > 0 ? bytes.lastIndexOf(ZIP_END, at - 1) : -1
  }
  return false
}

const isKnownMedia = (trailer: Buffer): boolean =>
  (trailer[0] === 0xff && trailer[1] === 0xd8 && trailer[2] === 0xff) ||
  trailer.toString('latin1', 4, 8) === 'ftyp'

const skipPadding = (bytes: Buffer, from: number): number => {
  let at = from
  while (
    at < bytes.length &&
    (bytes[at] === 0 || bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x09)
  )
    at++
  return at
}

const hasMarkup = (bytes: Buffer): boolean => MARKUP.test(bytes.toString('latin1'))

/** A reason the bytes look like a polyglot, or null. */
export const polyglotProblem = (
  bytes: Buffer,
  format: SniffedFormat | null = sniffImageFormat(bytes),
): string | null => {
  // Content sniffers (and PDF readers) look at the first kilobyte.
  const head = bytes.subarray(0, 1024)
  if (hasMarkup(head)) return 'The file carries HTML or script at its start.'
  if (head.includes('%PDF-', 0, 'latin1')) return 'The file is also a PDF document.'
  if (endsAsZip(bytes)) return 'The file is also a ZIP archive.'
  if (!format) return null

  const layout = imageLayout(bytes, format)
  if (layout.metadata.some(([start, end]) => hasMarkup(bytes.subarray(start, end)))) {
    return 'The file carries HTML or script in its metadata.'
  }
  if (layout.end === null || layout.end >= bytes.length) return null
  const trailer = bytes.subarray(skipPadding(bytes, layout.end))
  if (trailer.length === 0 || isKnownMedia(trailer)) return null
  for (const [what, signature] of LEADING_SIGNATURES) {
    if (trailer.subarray(0, signature.length).equals(signature))
      return `The file has ${what} hidden after the image.`
  }
  if (hasMarkup(trailer)) return 'The file has HTML or script hidden after the image.'
  if (trailer.includes('%PDF-', 0, 'latin1')) return 'The file has a PDF document hidden after the image.'
  return null
}
