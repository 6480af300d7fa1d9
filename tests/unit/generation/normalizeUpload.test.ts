import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import fc from 'fast-check'
import sharp, { type Sharp } from 'sharp'
import { describe, expect, it } from 'vitest'

import {
  MAX_INPUT_PIXELS,
  MAX_PROVIDER_EDGE,
  MAX_UPLOAD_BYTES,
  normalizeUpload,
  UploadRejectedError,
} from '@/uploads'

import {
  jpegWithComment,
  photoJpeg,
  pngPixelBomb,
  pngWithChunk,
  sidewaysJpegWithGps,
  svgWithScript,
  tinyZip,
} from './samples'

/** Runs normalizeUpload and returns the refusal, failing the test if it was accepted. */
const refusal = async (bytes: Buffer): Promise<UploadRejectedError> => {
  try {
    const accepted = await normalizeUpload(bytes)
    throw new Error(`expected a refusal, got a ${accepted.width}x${accepted.height} ${accepted.sourceFormat}`)
  } catch (error) {
    if (!(error instanceof UploadRejectedError)) throw error
    expect(error.message.length).toBeGreaterThan(10)
    return error
  }
}

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#7a6a5a' } })

describe('normalizeUpload: accepted photos', () => {
  it('exports the limits', () => {
    expect([MAX_UPLOAD_BYTES, MAX_INPUT_PIXELS, MAX_PROVIDER_EDGE]).toEqual([
      15 * 1024 * 1024,
      50_000_000,
      2048,
    ])
  })

  it.each([
    ['jpeg', (s: Sharp) => s.jpeg()],
    ['png', (s: Sharp) => s.png()],
    ['webp', (s: Sharp) => s.webp()],
    ['heif', (s: Sharp) => s.avif()],
  ] as const)('re-encodes %s to a JPEG', async (format, encode) => {
    const result = await normalizeUpload(await encode(solid(640, 512)).toBuffer())
    expect(result).toMatchObject({ mimeType: 'image/jpeg', width: 640, height: 512, sourceFormat: format })
    expect((await sharp(result.data).metadata()).format).toBe('jpeg')
  })

  it('applies the EXIF orientation and strips every piece of metadata, GPS included', async () => {
    const original = await sidewaysJpegWithGps()
    const before = await sharp(original).metadata()
    expect(before.orientation).toBe(6)
    // The GPS IFD pointer tag (0x8825) is in the original EXIF, in either byte order.
    expect(
      before.exif?.includes(Buffer.from([0x88, 0x25])) || before.exif?.includes(Buffer.from([0x25, 0x88])),
    ).toBe(true)

    const result = await normalizeUpload(original)
    expect([result.width, result.height]).toEqual([600, 800])
    const after = await sharp(result.data).metadata()
    expect(after.exif).toBeUndefined()
    expect(after.xmp).toBeUndefined()
    expect(after.orientation).toBeUndefined()
    expect(result.data.includes('TestCam')).toBe(false)
    // The red band stored along the top edge is now on the right: the pixels were rotated.
    const { data } = await sharp(result.data).raw().toBuffer({ resolveWithObject: true })
    const pixel = (x: number, y: number) => data.subarray((y * 600 + x) * 3, (y * 600 + x) * 3 + 3)
    expect(pixel(590, 400)[0]).toBeGreaterThan(200)
    expect(pixel(10, 400)[0]).toBeLessThan(160)
  })

  it('downscales to 2048 px on the long edge, and never enlarges', async () => {
    const big = await normalizeUpload(await solid(4000, 3000).jpeg().toBuffer())
    expect([big.width, big.height]).toEqual([2048, 1536])
    expect((await sharp(big.data).metadata()).width).toBe(2048)
    const small = await normalizeUpload(await solid(600, 800).jpeg().toBuffer())
    expect([small.width, small.height]).toEqual([600, 800])
  }, 30_000)

  it('fills transparency with white, not black', async () => {
    const transparent = await sharp({
      create: { width: 600, height: 600, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer()
    const { channels } = await sharp((await normalizeUpload(transparent)).data).stats()
    expect(channels[0].mean).toBeGreaterThan(240)
  })

  it('keeps phone trailers out: a second JPEG after the image is accepted and dropped', async () => {
    // Ultra HDR gain maps and MPF depth maps are JPEGs appended after the main image.
    const photo = await photoJpeg(600, 780)
    const result = await normalizeUpload(Buffer.concat([photo, await photoJpeg(50, 50)]))
    expect([result.width, result.height]).toEqual([600, 780])
    expect(result.data.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true)
    expect(result.data.indexOf(Buffer.from([0xff, 0xd8]), 2)).toBe(-1)
  })

  it('accepts a Motion Photo style video trailer, which re-encoding drops', async () => {
    const mp4Box = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypmp42\u0000\u0000\u0000\u0000mp42isom', 'latin1'),
      Buffer.alloc(4096, 7),
    ])
    const result = await normalizeUpload(Buffer.concat([await photoJpeg(600, 780), mp4Box]))
    expect(result.width).toBe(600)
    expect(result.data.includes('ftypmp42')).toBe(false)
  })

  it('drops a harmless comment segment by re-encoding', async () => {
    const result = await normalizeUpload(await jpegWithComment('shot by a friendly camera'))
    expect(result.data.includes('friendly camera')).toBe(false)
  })

  it('accepts a noisy photo whose compressed data is random-looking', async () => {
    const noise = Buffer.alloc(900 * 900 * 3)
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24
    const jpeg = await sharp(noise, { raw: { width: 900, height: 900, channels: 3 } })
      .jpeg({ quality: 98 })
      .toBuffer()
    expect((await normalizeUpload(jpeg)).width).toBe(900)
  })
})

describe('normalizeUpload: what is useless and what browsers accept', () => {
  it('refuses a photo whose short side is under 512 px, or a strip beyond 1:3, naming the size', async () => {
    const tiny = await refusal(await solid(1, 1).png().toBuffer())
    expect(tiny.code).toBe('too_small')
    expect(tiny.message).toBe(
      'The photo is 1 x 1 px; its short side must be at least 512 px for a usable portrait.',
    )
    expect(tiny.status).toBe(400)
    const strip = await refusal(await solid(9000, 600).jpeg().toBuffer())
    expect(strip.code).toBe('bad_aspect_ratio')
    expect(strip.message).toContain('9000 x 600')
    expect((await normalizeUpload(await solid(1536, 512).jpeg().toBuffer())).width).toBe(1536) // exactly 1:3 is fine
  })

  it('accepts a JPEG with invalid SOS parameters (Ah/Al = 1, some Samsung phones) but refuses a truncated one', async () => {
    const jpeg = await solid(640, 640).jpeg().toBuffer()
    const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]))
    const length = jpeg.readUInt16BE(sos + 2)
    const odd = Buffer.from(jpeg)
    odd[sos + 2 + length - 1] = 0x01 // the last SOS header byte holds Ah (high nibble) and Al (low nibble)
    expect((await normalizeUpload(odd)).width).toBe(640)
    const cut = await refusal(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))
    expect(cut.code).toBe('corrupt')
  })
})

describe('normalizeUpload: refusals', () => {
  it('refuses an empty file and one over 15 MB', async () => {
    expect((await refusal(Buffer.alloc(0))).code).toBe('empty')
    const huge = Buffer.concat([await photoJpeg(50, 50), Buffer.alloc(MAX_UPLOAD_BYTES)])
    const tooLarge = await refusal(huge)
    expect(tooLarge.code).toBe('too_large')
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.message).toMatch(/limit is 15\.0 MB/)
  })

  it('refuses SVG, even with a script inside', async () => {
    const error = await refusal(svgWithScript())
    expect(error.code).toBe('unsupported_format')
    expect(error.message).toContain('SVG')
  })

  it('refuses a text file sent as image/jpeg', async () => {
    const error = await refusal(Buffer.from('Hello, this is definitely a photo.jpg, trust me.\n'))
    expect(error.code).toBe('unsupported_format')
  })

  it.each([
    ['gif', () => solid(20, 20).gif().toBuffer()],
    ['tiff', () => solid(20, 20).tiff().toBuffer()],
  ])('refuses %s', async (_, make) => {
    expect((await refusal(await make())).code).toBe('unsupported_format')
  })

  it('refuses a PNG declaring 20000 x 20000 before decoding it', async () => {
    const bomb = pngPixelBomb(20000)
    expect(bomb.length).toBeLessThan(200)
    const error = await refusal(bomb)
    expect(error.code).toBe('too_many_pixels')
    expect(error.message).toContain('20000 x 20000')
  })

  it('draws the pixel line at 50 megapixels', async () => {
    expect((await refusal(pngPixelBomb(7072))).code).toBe('too_many_pixels') // 50.01 MP
    // 49 MP passes the pixel check, then fails to decode: this crafted file has no real pixels.
    expect((await refusal(pngPixelBomb(7000))).code).toBe('corrupt')
  })

  it('refuses a truncated JPEG and a truncated PNG', async () => {
    const jpeg = await photoJpeg(600, 750)
    expect((await refusal(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))).code).toBe('corrupt')
    const png = await sharp(await photoJpeg(600, 600))
      .png()
      .toBuffer()
    expect((await refusal(png.subarray(0, Math.floor(png.length * 0.6)))).code).toBe('corrupt')
  })

  it.each([
    ['a ZIP appended after a JPEG', async () => Buffer.concat([await photoJpeg(120, 160), tinyZip()])],
    [
      'an HTML page appended after a JPEG',
      async () =>
        Buffer.concat([await photoJpeg(120, 160), Buffer.from('<html><script>alert(1)</script></html>')]),
    ],
    [
      'a script after junk bytes after a JPEG',
      async () =>
        Buffer.concat([await photoJpeg(120, 160), Buffer.from('\u0001\u0002junk<script>alert(1)</script>')]),
    ],
    [
      'a PDF appended after a JPEG',
      async () => Buffer.concat([await photoJpeg(120, 160), Buffer.from('%PDF-1.7\n1 0 obj\n')]),
    ],
    ['a script in a JPEG comment', () => jpegWithComment('<script>fetch("/api/users/me")</script>')],
    [
      'HTML in a PNG text chunk',
      () => pngWithChunk('tEXt', Buffer.from('Comment\u0000<html><body onload=alert(1)>')),
    ],
    [
      'a ZIP appended after a PNG',
      async () => Buffer.concat([await solid(32, 32).png().toBuffer(), tinyZip()]),
    ],
    [
      'a ZIP appended after a WebP',
      async () => Buffer.concat([await solid(32, 32).webp().toBuffer(), tinyZip()]),
    ],
    [
      'a JPEG magic followed by an HTML page',
      async () => Buffer.from('\xff\xd8\xff\xe0<!DOCTYPE html><html></html>', 'latin1'),
    ],
  ])('refuses a polyglot: %s', async (_, make) => {
    const error = await refusal(await make())
    expect(error.code).toBe('polyglot')
  })

  it('never crashes on random bytes behind a valid magic number', async () => {
    const magics = [
      Buffer.from([0xff, 0xd8, 0xff]),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('RIFF\u0010\u0000\u0000\u0000WEBP', 'latin1'),
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...magics),
        fc.uint8Array({ minLength: 0, maxLength: 2048 }),
        async (magic, tail) => {
          try {
            await normalizeUpload(Buffer.concat([magic, Buffer.from(tail)]))
          } catch (error) {
            if (!(error instanceof UploadRejectedError)) throw error
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('normalizeUpload: iPhone HEIC', () => {
  // A real HEVC-coded HEIC of the portrait fixture, made with libheif's heif-enc (x265).
  const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures')

  it('decodes an HEVC HEIC to a clean upright JPEG of the same picture', async () => {
    const heic = await readFile(path.join(fixtures, 'portrait.heic'))
    const header = await sharp(heic).metadata()
    expect([header.format, header.compression]).toEqual(['heif', 'hevc'])
    const clean = await normalizeUpload(heic)
    expect(clean).toMatchObject({ mimeType: 'image/jpeg', width: 800, height: 1000, sourceFormat: 'heif' })
    const meta = await sharp(clean.data).metadata()
    expect([meta.format, meta.exif, meta.icc]).toEqual(['jpeg', undefined, undefined])
    // Same picture as the JPEG it was made from: mean colour within a few levels.
    const [fromHeic, fromJpeg] = await Promise.all([
      sharp(clean.data).stats(),
      sharp(await readFile(path.join(fixtures, 'portrait.jpg'))).stats(),
    ])
    for (const channel of [0, 1, 2])
      expect(Math.abs(fromHeic.channels[channel].mean - fromJpeg.channels[channel].mean)).toBeLessThan(4)
  })

  it('refuses a truncated HEIC with a reason', async () => {
    const heic = await readFile(path.join(fixtures, 'portrait.heic'))
    await expect(normalizeUpload(heic.subarray(0, Math.floor(heic.length / 2)))).rejects.toBeInstanceOf(
      UploadRejectedError,
    )
  })
})
