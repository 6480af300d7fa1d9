import { readFileSync } from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'

import { faceFixture } from '../fixtures/make-face-fixtures'

/**
 * A real portrait photo (the face fixture astronaut.jpg, public domain) cropped to the size asked
 * for: uploads are checked for a real face now (src/faces). At 600 px or more its face is over
 * the 160 px minimum.
 */
export const portraitJpeg = async (width = 800, height = 1000): Promise<Buffer> =>
  sharp(faceFixture('astronaut.jpg')).resize(width, height, { fit: 'cover' }).jpeg({ quality: 85 }).toBuffer()

/** A synthetic, face-like drawing: a warm background, a head and shoulders. Not reliably a face to the detector. */
export const cartoonPortraitJpeg = async (width = 800, height = 1000): Promise<Buffer> => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#d9c4a8"/><stop offset="1" stop-color="#8c6f56"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#bg)"/>
    <ellipse cx="${width / 2}" cy="${height * 0.95}" rx="${width * 0.38}" ry="${height * 0.3}" fill="#2f3e46"/>
    <ellipse cx="${width / 2}" cy="${height * 0.4}" rx="${width * 0.17}" ry="${height * 0.2}" fill="#e0ac8a"/>
    <ellipse cx="${width * 0.44}" cy="${height * 0.37}" rx="${width * 0.02}" ry="${height * 0.012}" fill="#3b2a20"/>
    <ellipse cx="${width * 0.56}" cy="${height * 0.37}" rx="${width * 0.02}" ry="${height * 0.012}" fill="#3b2a20"/>
    <path d="M ${width * 0.45} ${height * 0.47} Q ${width / 2} ${height * 0.5} ${width * 0.55} ${height * 0.47}" stroke="#8a3b3b" stroke-width="6" fill="none"/>
    <ellipse cx="${width / 2}" cy="${height * 0.24}" rx="${width * 0.19}" ry="${height * 0.09}" fill="#4a3426"/>
  </svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer()
}

/** A JPEG that says "rotate me" (EXIF orientation 6) and carries GPS coordinates. */
export const jpegWithExifAndGps = async (): Promise<Buffer> =>
  // Stored on its side (800 x 600) with orientation 6, as a phone does: upright (600 x 800) once turned.
  sharp(
    await sharp(await portraitJpeg(600, 800))
      .rotate(270)
      .toBuffer(),
  )
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'TestCam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 0/1',
      },
    })
    .jpeg()
    .toBuffer()

/** A small file that decodes to 64 megapixels: a pixel bomb. */
export const pngPixelBomb = async (): Promise<Buffer> =>
  sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#ffffff' } })
    .png({ compressionLevel: 9 })
    .toBuffer()

export const svgImage = (): Buffer =>
  Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
  )

export const truncated = async (): Promise<Buffer> => {
  const full = await portraitJpeg(600, 750)
  return full.subarray(0, Math.floor(full.length / 2))
}

/** A valid JPEG with a ZIP archive glued on after its end: a polyglot. */
export const jpegZipPolyglot = async (): Promise<Buffer> =>
  Buffer.concat([await portraitJpeg(600, 600), Buffer.from('PK\u0003\u0004 this is an archive payload')])

const fixtures = path.resolve(import.meta.dirname, '../fixtures')
/** The hostile tester's sample: a 968-byte AVIF of 7000 x 7000 px (49 MP, under the 50 MP limit). */
export const avifBomb7000 = (): Buffer => readFileSync(path.join(fixtures, 'bomb-7000x7000.avif'))
/** The same kind: an 820-byte AVIF of 6000 x 4500 px (27 MP). */
export const avifBomb6000 = (): Buffer => readFileSync(path.join(fixtures, 'bomb-6000x4500.avif'))

/** 16-bit RGBA PNG of 6000 x 6000 (36 MP, under the pixel limit): 275 MB decoded, a few hundred KB stored. */
export const deepPngBomb = async (): Promise<Buffer> =>
  sharp({ create: { width: 6000, height: 6000, channels: 4, background: '#808080' } })
    .toColourspace('rgb16')
    .png({ compressionLevel: 9 })
    .toBuffer()
