import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

import { OfflineProvider, outputSize } from '@/generation/providers/offline'
import { ASPECT_RATIOS, type GenerateInput } from '@/generation/providers/types'

import { photoJpeg } from './samples'

const provider = new OfflineProvider()

const render = async (input: Partial<GenerateInput> & { image: GenerateInput['image'] }) => {
  const outcome = await provider.generate({
    prompt: 'ignored offline',
    aspectRatio: '3:4',
    quality: 'standard',
    ...input,
  })
  if (outcome.kind !== 'image') throw new Error(`expected an image, got ${JSON.stringify(outcome)}`)
  return outcome
}

const rawRows = async (jpeg: Buffer, fromRow: number, rows: number) => {
  const { width } = await sharp(jpeg).metadata()
  return sharp(jpeg).extract({ left: 0, top: fromRow, width: width!, height: rows }).raw().toBuffer()
}

describe('OfflineProvider', () => {
  let image: GenerateInput['image']
  beforeAll(async () => {
    image = { data: await photoJpeg(600, 800), mimeType: 'image/jpeg' }
  })

  it('is the labelled preview provider', () => {
    expect(provider.isPreview).toBe(true)
    expect(provider.name).toBe('offline')
  })

  it('renders byte-identical output for the same input', async () => {
    const hints = { themeName: 'Garden Romance', palette: ['#f7e1d7', '#b0c4b1', '#4a5759'], variant: 1 }
    const first = await render({ image, hints })
    const second = await render({
      image: { ...image, data: Buffer.from(image.data) },
      hints: { ...hints, palette: [...hints.palette] },
    })
    expect(first.data.equals(second.data)).toBe(true)
    expect(first).toMatchObject({ mimeType: 'image/jpeg', model: 'offline-preview-renderer' })
    expect((await sharp(first.data).metadata()).format).toBe('jpeg')
  })

  it.each(
    ASPECT_RATIOS.flatMap((ratio) =>
      (['standard', 'high'] as const).map((quality) => [ratio, quality] as const),
    ),
  )('renders %s at %s quality with the expected size', async (aspectRatio, quality) => {
    const outcome = await render({ image, aspectRatio, quality })
    const meta = await sharp(outcome.data).metadata()
    const { width, height } = outputSize(aspectRatio, quality)
    expect([meta.width, meta.height]).toEqual([width, height])
    expect(Math.max(width, height)).toBe(quality === 'high' ? 2048 : 1024)
    const [w, h] = aspectRatio.split(':').map(Number)
    expect(Math.abs(width / height - w / h)).toBeLessThan(0.01)
  })

  it('grades with the theme palette', async () => {
    const green = await render({ image, hints: { palette: ['#00a000'] } })
    const magenta = await render({ image, hints: { palette: ['#a000a0'] } })
    const greenStats = await sharp(green.data).stats()
    const magentaStats = await sharp(magenta.data).stats()
    expect(greenStats.channels[1].mean).toBeGreaterThan(greenStats.channels[0].mean)
    expect(magentaStats.channels[0].mean).toBeGreaterThan(magentaStats.channels[1].mean)
  })

  it('ignores palette entries that are not hex colours (they would land inside SVG)', async () => {
    const hostile = await render({
      image,
      hints: { palette: ['red" onload="alert(1)', 'url(javascript:alert(1))', '#12345g'] },
    })
    const none = await render({ image, hints: { palette: [] } })
    expect(hostile.data.equals(none.data)).toBe(true)
  })

  it('captions a hostile theme name as text, changing only the caption band', async () => {
    const hostileName =
      '</text><script>alert("x")</script> & Co \u0000\u0007 \ud800 <![CDATA[ ]]> ' + 'long '.repeat(30)
    const hostile = await render({ image, aspectRatio: '1:1', hints: { themeName: hostileName } })
    const plain = await render({ image, aspectRatio: '1:1', hints: { themeName: 'Plain' } })
    const meta = await sharp(hostile.data).metadata()
    expect([meta.width, meta.height]).toEqual([1024, 1024])
    // JPEG blocks are coded independently: everything above the caption band decodes identically.
    expect((await rawRows(hostile.data, 0, 640)).equals(await rawRows(plain.data, 0, 640))).toBe(true)
    expect((await rawRows(hostile.data, 880, 104)).equals(await rawRows(plain.data, 880, 104))).toBe(false)
  })

  it('varies the crop and grade by image index so a package is not four clones', async () => {
    const [a, b] = await Promise.all([
      render({ image, hints: { variant: 0 } }),
      render({ image, hints: { variant: 1 } }),
    ])
    expect(a.data.equals(b.data)).toBe(false)
  })

  it('reads orientation-tagged and transparent inputs', async () => {
    const png = await sharp({
      create: { width: 300, height: 200, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0 } },
    })
      .png()
      .toBuffer()
    const outcome = await render({ image: { data: png, mimeType: 'image/png' }, aspectRatio: '4:3' })
    expect((await sharp(outcome.data).metadata()).width).toBe(1024)
  })

  it('reports an unreadable photo as failed and a cancelled call as retryable', async () => {
    const broken = await provider.generate({
      prompt: '',
      image: { data: Buffer.from('not an image'), mimeType: 'image/jpeg' },
      aspectRatio: '1:1',
      quality: 'standard',
    })
    expect(broken).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('could not read the photo'),
    })
    const cancelled = await provider.generate({
      prompt: '',
      image,
      aspectRatio: '1:1',
      quality: 'standard',
      signal: AbortSignal.abort(),
    })
    expect(cancelled).toMatchObject({ kind: 'retryable', retryAfterMs: 0 })
  })
})
