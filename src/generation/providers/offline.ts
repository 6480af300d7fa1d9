import sharp, { type Sharp } from 'sharp'

import { gradeInPlace, gradientLut, overlaySvg, paletteStops } from './offlineArt'
import type { ImageSize } from '../imageModels'
import type { AspectRatio, GenerateInput, GenerateOutcome, ImageProvider, ReferenceImage } from './types'

const RATIOS: Record<AspectRatio, [number, number]> = {
  '1:1': [1, 1],
  '3:4': [3, 4],
  '4:3': [4, 3],
  '9:16': [9, 16],
  '16:9': [16, 9],
}

export const OFFLINE_MODEL = 'offline-preview-renderer'

// The images of one package differ by crop and grade strength, so previews are not clones.
const CROPS = ['attention', 'centre', 'north'] as const
const STRENGTHS = [0.55, 0.45, 0.65]

const LONG_EDGE: Record<ImageSize, number> = { '512': 512, '1K': 1024, '2K': 2048, '4K': 4096 }

/** Long edge from the image size (1K 1024 px, 2K 2048 px; "high" without a size is 2K), the other edge from the aspect ratio. */
export const outputSize = (
  aspectRatio: AspectRatio,
  quality: 'standard' | 'high',
  imageSize?: ImageSize,
): { width: number; height: number } => {
  const longEdge = LONG_EDGE[imageSize ?? (quality === 'high' ? '2K' : '1K')]
  const [w, h] = RATIOS[aspectRatio] ?? RATIOS['1:1']
  return w >= h
    ? { width: longEdge, height: Math.round((longEdge * h) / w) }
    : { width: Math.round((longEdge * w) / h), height: longEdge }
}

// The offline demo renders at most 2K: 4K would only be slower, not more telling.
const offlineSize = (input: GenerateInput): ImageSize => {
  const size = input.imageSize ?? (input.quality === 'high' ? '2K' : '1K')
  return size === '4K' ? '2K' : size
}

/**
 * The offline renderer: no model, no network. A real, deterministic stylised portrait made
 * from the customer's own photo with sharp: cropped to the aspect ratio, graded with a
 * gradient map of the theme palette, vignetted, framed and captioned with the theme name,
 * and clearly labelled "PREVIEW RENDER". Same input, same bytes.
 */
/** The photos a preview shows: the couple or group photo alone, else all but "another angle" ones. */
const everyoneOnce = (photos: readonly ReferenceImage[]): ReferenceImage[] => {
  const together = photos.find((photo) => photo.role === 'couple' || photo.role === 'group')
  return together ? [together] : photos.filter((photo) => photo.role !== 'same-person')
}

export class OfflineProvider implements ImageProvider {
  readonly name = 'offline'
  readonly isPreview = true

  async generate(input: GenerateInput): Promise<GenerateOutcome> {
    if (input.signal?.aborted) {
      return { kind: 'retryable', retryAfterMs: 0, message: 'The preview render was cancelled.' }
    }
    try {
      return {
        kind: 'image',
        data: await this.render(input),
        mimeType: 'image/jpeg',
        model: OFFLINE_MODEL,
        imageSize: offlineSize(input),
      }
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
      return { kind: 'failed', message: `The preview renderer could not read the photo (${detail}).` }
    }
  }

  private async render(input: GenerateInput): Promise<Buffer> {
    const { width, height } = outputSize(input.aspectRatio, input.quality, offlineSize(input))
    const variant = Math.abs(Math.trunc(input.hints?.variant ?? 0))
    const stops = paletteStops(input.hints?.palette)

    const composed = await this.compose(input, width, height)
    const { data: pixels, info } = await sharp(composed.data, { raw: composed.info })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
    gradeInPlace(pixels, info.channels, gradientLut(stops), STRENGTHS[variant % STRENGTHS.length])

    const overlay = overlaySvg({
      width,
      height,
      frameColour: stops[Math.floor(stops.length / 2)],
      accentColour: stops[0],
      themeName: input.hints?.themeName,
    })
    return sharp(pixels, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .composite([{ input: overlay, blend: 'over' }])
      .jpeg({ quality: 88, chromaSubsampling: '4:4:4' })
      .toBuffer()
  }

  /**
   * Each person once, as a portrait shows them: the photo of everyone together when there is one
   * (couple, group), else every photo but the extra angles of the same person.
   * One photo fills the frame; several stand side by side in order (person 1 left, person 2
   * right), each in its strip, so the preview visibly uses every reference. Each photo is shown
   * whole (scaled to fit its strip, over a blurred cover-crop of itself), so no face is cut off:
   * the likeness check scores the customer's own face in a preview.
   */
  private async compose(input: GenerateInput, width: number, height: number): Promise<RawImage> {
    const photos = everyoneOnce(input.references?.length ? input.references : [input.image])
    const position = CROPS[Math.abs(Math.trunc(input.hints?.variant ?? 0)) % CROPS.length]
    const strip = (index: number) => Math.round((width * index) / photos.length)
    const tiles = await Promise.all(
      photos.map(async (photo, index) => {
        const tileWidth = strip(index + 1) - strip(index)
        const read = () => sharp(photo.data, { limitInputPixels: 50e6, failOn: 'warning' }).rotate()
        const backdrop = await rawOf(
          read().resize({ width: tileWidth, height, fit: 'cover', position }).blur(18),
        )
        const subject = await rawOf(read().resize({ width: tileWidth, height, fit: 'inside' }))
        const tile = await rawOf(
          sharp(backdrop.data, { raw: backdrop.info }).composite([
            { input: subject.data, raw: subject.info, gravity: 'centre' },
          ]),
        )
        return { left: strip(index), top: 0, input: tile.data, raw: tile.info }
      }),
    )
    if (tiles.length === 1) return { data: tiles[0].input, info: tiles[0].raw }
    return rawOf(sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).composite(tiles))
  }
}

/** Decoded pixels between the steps of a render: re-encoding them (PNG) would only cost time. */
interface RawImage {
  data: Buffer
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 }
}

const rawOf = async (image: Sharp): Promise<RawImage> => {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true })
  return { data, info: { width: info.width, height: info.height, channels: info.channels } }
}
