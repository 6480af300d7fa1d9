import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { OfflineProvider } from '@/generation/providers/offline'
import { fitReferences, REFERENCE_BUDGET_BYTES } from '@/generation/referencePhotos'

const solid = (r: number, g: number, b: number, width = 600, height = 800) =>
  sharp({ create: { width, height, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer()

// Random pixels compress badly: the worst case for the inline budget.
const noise = (edge: number, seed: number) => {
  const pixels = Buffer.alloc(edge * edge * 3)
  let state = seed
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    pixels[i] = state >> 23
  }
  return sharp(pixels, { raw: { width: edge, height: edge, channels: 3 } })
    .jpeg({ quality: 100 })
    .toBuffer()
}

describe('reference photos', () => {
  it('fit worst-case photos under the inline budget, in order, labels kept', async () => {
    const photos = await Promise.all(
      [1, 2, 3].map(async (seed) => ({
        data: await noise(1800, seed),
        mimeType: 'image/jpeg',
        label: `p${seed}`,
      })),
    )
    const raw = photos.reduce((sum, photo) => sum + Math.ceil(photo.data.length / 3) * 4, 0)
    const budget = Math.floor(raw / 6) // forces shrink steps
    const fitted = await fitReferences(photos, budget)
    expect(fitted.map((photo) => photo.label)).toEqual(['p1', 'p2', 'p3'])
    expect(fitted.reduce((sum, photo) => sum + Math.ceil(photo.data.length / 3) * 4, 0)).toBeLessThanOrEqual(
      budget,
    )
    const { width } = await sharp(fitted[0].data).metadata()
    expect(width).toBeLessThan(1536)
    expect(REFERENCE_BUDGET_BYTES).toBeLessThan(20 * 1024 * 1024)
  })

  it('the offline renderer shows every reference: person 1 on the left, person 2 on the right', async () => {
    const red = { data: await solid(220, 30, 30), mimeType: 'image/jpeg', label: 'one' }
    const blue = { data: await solid(30, 30, 220), mimeType: 'image/jpeg', label: 'two' }
    const outcome = await new OfflineProvider().generate({
      prompt: 'ignored',
      image: red,
      references: [red, blue],
      aspectRatio: '1:1',
      quality: 'standard',
    })
    if (outcome.kind !== 'image') throw new Error(JSON.stringify(outcome))
    expect(outcome.imageSize).toBe('1K')
    const mean = async (left: number) => {
      const region = await sharp(outcome.data)
        .extract({ left, top: 300, width: 200, height: 200 })
        .png()
        .toBuffer()
      const { channels } = await sharp(region).stats()
      return { red: channels[0].mean, blue: channels[2].mean }
    }
    const [left, right] = await Promise.all([mean(150), mean(674)])
    // The palette grade tints everything alike; what differs is where each photo shows.
    expect(left.red).toBeGreaterThan(right.red + 20)
    expect(right.blue).toBeGreaterThan(left.blue + 20)
  })
})
