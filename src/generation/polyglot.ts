/**
 * Polyglots are files that are a valid image AND something else (HTML, script, a ZIP):
 * served back, they can run in a browser or smuggle an archive. We refuse bytes that
 * carry markup anywhere, or data after the image's own end.
 */
const MARKUP = /<(?:script|html|svg|iframe|object|embed|\?php|!doctype)\b/i

const pngEnd = (bytes: Buffer): number | null => {
  let offset = 8
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset)
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    offset += 12 + length
    if (type === 'IEND') return offset
  }
  return null
}

const jpegEnd = (bytes: Buffer): number | null => {
  let offset = 2
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null
    const marker = bytes[offset + 1]
    if (marker === 0xd9) return offset + 2
    if (marker === 0xda) {
      // Entropy-coded data: runs until a marker that is not a stuffed 0x00 or a restart marker.
      offset += 2 + bytes.readUInt16BE(offset + 2)
      while (offset + 1 < bytes.length) {
        if (bytes[offset] === 0xff && bytes[offset + 1] !== 0x00 && (bytes[offset + 1] < 0xd0 || bytes[offset + 1] > 0xd7)) break
        offset++
      }
      continue
    }
    if (marker >= 0xd0 && marker <= 0xd8) {
      offset += 2
      continue
    }
    offset += 2 + bytes.readUInt16BE(offset + 2)
  }
  return null
}

const isPng = (bytes: Buffer) => bytes[0] === 0x89 && bytes.toString('latin1', 1, 4) === 'PNG'
const isJpeg = (bytes: Buffer) => bytes[0] === 0xff && bytes[1] === 0xd8

/** A reason the bytes look like a polyglot, or null. */
export const polyglotProblem = (bytes: Buffer): string | null => {
  if (MARKUP.test(bytes.toString('latin1'))) return 'The file carries HTML or script inside the image.'
  const end = isPng(bytes) ? pngEnd(bytes) : isJpeg(bytes) ? jpegEnd(bytes) : null
  if (end !== null && end < bytes.length) {
    const trailing = bytes.subarray(end)
    // Some cameras pad with zeros; anything else after the image's end is a second file.
    if (trailing.some((byte) => byte !== 0)) return 'The file has extra data after the end of the image.'
  }
  return null
}
