import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { renderResultVariants } from '@/generation/images'

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#a67b5b' } })
    .png()
    .toBuffer()

describe('renderResultVariants', () => {
  it('makes WebP full, 1024 px and 256 px versions of a portrait result', async () => {
    const { full, large, thumbnail } = await renderResultVariants(await png(1536, 2048))
    expect([full.width, full.height]).toEqual([1536, 2048])
    expect([large.width, large.height]).toEqual([768, 1024])
    expect([thumbnail.width, thumbnail.height]).toEqual([192, 256])
    for (const variant of [full, large, thumbnail]) {
      const meta = await sharp(variant.data).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', variant.width, variant.height])
    }
    expect(thumbnail.data.length).toBeLessThan(large.data.length)
  })

  it('never enlarges a small result', async () => {
    const { full, large, thumbnail } = await renderResultVariants(await png(512, 288))
    expect([full.width, full.height]).toEqual([512, 288])
    expect([large.width, large.height]).toEqual([512, 288])
    expect([thumbnail.width, thumbnail.height]).toEqual([256, 144])
  })

  it('accepts JPEG results and refuses bytes that are not an image', async () => {
    const jpeg = await sharp(await png(1024, 1024)).jpeg().toBuffer()
    expect((await renderResultVariants(jpeg)).large.width).toBe(1024)
    await expect(renderResultVariants(Buffer.from('nope'))).rejects.toThrow()
  })
})
