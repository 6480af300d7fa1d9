/**
 * Hostile and ordinary image bytes for the generation unit tests, built in memory with
 * sharp or by hand (crafted headers), so every case is reproducible.
 */
import { deflateSync } from 'node:zlib'

import sharp from 'sharp'

/** A plain photo-like JPEG: gradient backdrop, a head, no metadata. */
export const photoJpeg = async (width = 600, height = 800): Promise<Buffer> => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9fb3c2"/><stop offset="1" stop-color="#2c3a46"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <ellipse cx="${width / 2}" cy="${height * 0.42}" rx="${width * 0.18}" ry="${height * 0.2}" fill="#e0ac8a"/>
    <ellipse cx="${width / 2}" cy="${height}" rx="${width * 0.4}" ry="${height * 0.3}" fill="#30354a"/>
  </svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer()
}

/**
 * A JPEG stored sideways (800 wide, 600 high) that says "rotate 90 degrees clockwise"
 * (EXIF orientation 6) and carries GPS coordinates and a camera make.
 */
export const sidewaysJpegWithGps = async (): Promise<Buffer> =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: '#808080' } })
    // Red band along the stored top edge: after rotation it must be on the right.
    .composite([
      { input: { create: { width: 800, height: 80, channels: 3, background: '#ff0000' } }, top: 0, left: 0 },
    ])
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'TestCam', Model: 'Snoop 3000' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 0/1',
      },
    })
    .jpeg()
    .toBuffer()

// PNG chunks by hand: a header can claim any size without the pixels existing.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (bytes: Buffer): number => {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
export const pngChunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A ~100-byte PNG whose header declares 20000 x 20000 (400 megapixels): a decompression bomb. */
export const pngPixelBomb = (side = 20000): Buffer => {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // RGB
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** A real PNG with an extra chunk inserted before IEND. */
export const pngWithChunk = async (type: string, data: Buffer): Promise<Buffer> => {
  const png = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#336699' } })
    .png()
    .toBuffer()
  const iend = png.length - 12
  return Buffer.concat([png.subarray(0, iend), pngChunk(type, data), png.subarray(iend)])
}

/** A JPEG with a COM (comment) segment right after SOI. */
export const jpegWithComment = async (comment: string): Promise<Buffer> => {
  const jpeg = await photoJpeg(600, 800)
  const text = Buffer.from(comment, 'latin1')
  const header = Buffer.from([0xff, 0xfe, 0, 0])
  header.writeUInt16BE(text.length + 2, 2)
  return Buffer.concat([jpeg.subarray(0, 2), header, text, jpeg.subarray(2)])
}

/** A minimal stored (uncompressed) ZIP holding one small file: a real, openable archive. */
export const tinyZip = (name = 'payload.txt', content = 'hello from inside the zip'): Buffer => {
  const file = Buffer.from(content)
  const fileName = Buffer.from(name)
  const crc = crc32(file)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(file.length, 18)
  local.writeUInt32LE(file.length, 22)
  local.writeUInt16LE(fileName.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt32LE(crc, 16)
  central.writeUInt32LE(file.length, 20)
  central.writeUInt32LE(file.length, 24)
  central.writeUInt16LE(fileName.length, 28)
  const centralStart = local.length + fileName.length + file.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + fileName.length, 12)
  end.writeUInt32LE(centralStart, 16)
  return Buffer.concat([local, fileName, file, central, fileName, end])
}

export const svgWithScript = (): Buffer =>
  Buffer.from(
    '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
  )
