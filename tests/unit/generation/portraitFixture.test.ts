import { readFile } from 'node:fs/promises'

import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { normalizeUpload } from '@/uploads'

import { makePortraitFixture, PORTRAIT_FIXTURE, PORTRAIT_SIZE } from '../../fixtures/make-fixtures'

describe('tests/fixtures/portrait.jpg', () => {
  it('is a small, metadata-free 800 x 1000 JPEG that passes upload checks', async () => {
    const bytes = await readFile(PORTRAIT_FIXTURE)
    expect(bytes.length).toBeLessThan(200 * 1024)
    const meta = await sharp(bytes).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual([
      'jpeg',
      PORTRAIT_SIZE.width,
      PORTRAIT_SIZE.height,
    ])
    expect(meta.exif).toBeUndefined()
    const normalized = await normalizeUpload(bytes)
    expect([normalized.width, normalized.height]).toEqual([800, 1000])
  })

  it('is built deterministically by its script', async () => {
    const [first, second] = await Promise.all([makePortraitFixture(), makePortraitFixture()])
    expect(first.equals(second)).toBe(true)
    // Not flat: a face on a backdrop has real tonal range.
    const { channels } = await sharp(first).stats()
    expect(channels[0].max - channels[0].min).toBeGreaterThan(150)
  })
})
