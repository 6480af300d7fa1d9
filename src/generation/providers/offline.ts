import sharp from 'sharp'

import { gradeInPlace, gradientLut, overlaySvg, paletteStops } from './offlineArt'
import type { AspectRatio, GenerateInput, GenerateOutcome, ImageProvider } from './types'

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

/** Long edge 1024 px (1536 for "high"), the other edge from the aspect ratio. */
export const outputSize = (aspectRatio: AspectRatio, quality: 'standard' | 'high'): { width: number; height: number } => {
  const longEdge = quality === 'high' ? 1536 : 1024
  const [w, h] = RATIOS[aspectRatio] ?? RATIOS['1:1']
  return w >= h
    ? { width: longEdge, height: Math.round((longEdge * h) / w) }
    : { width: Math.round((longEdge * w) / h), height: longEdge }
}

/**
 * The offline renderer: no model, no network. A real, deterministic stylised portrait made
 * from the customer's own photo with sharp: cropped to the aspect ratio, graded with a
 * gradient map of the theme palette, vignetted, framed and captioned with the theme name,
 * and clearly labelled "PREVIEW RENDER". Same input, same bytes.
 */
export class OfflineProvider implements ImageProvider {
  readonly name = 'offline'
  readonly isPreview = true

  async generate(input: GenerateInput): Promise<GenerateOutcome> {
    if (input.signal?.aborted) {
      return { kind: 'retryable', retryAfterMs: 0, message: 'The preview render was cancelled.' }
    }
    try {
      return { kind: 'image', data: await this.render(input), mimeType: 'image/jpeg', model: OFFLINE_MODEL }
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
      return { kind: 'failed', message: `The preview renderer could not read the photo (${detail}).` }
    }
  }

  private async render(input: GenerateInput): Promise<Buffer> {
    const { width, height } = outputSize(input.aspectRatio, input.quality)
    const variant = Math.abs(Math.trunc(input.hints?.variant ?? 0))
    const stops = paletteStops(input.hints?.palette)

    const { data: pixels, info } = await sharp(input.image.data, { limitInputPixels: 50e6, failOn: 'warning' })
      .rotate()
      .resize({ width, height, fit: 'cover', position: CROPS[variant % CROPS.length] })
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
}
