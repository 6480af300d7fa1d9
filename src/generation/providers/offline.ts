import sharp from 'sharp'

import type { AspectRatio, GenerateInput, GenerateOutcome, ImageProvider } from './types'

const RATIOS: Record<AspectRatio, [number, number]> = {
  '1:1': [1, 1],
  '3:4': [3, 4],
  '4:3': [4, 3],
  '9:16': [9, 16],
  '16:9': [16, 9],
}
const DEFAULT_PALETTE = ['#f5e6d3', '#c9a27e', '#8a5a44', '#2f2a26']
const CROPS = ['attention', 'centre', 'north'] as const

export const outputSize = (aspectRatio: AspectRatio, quality: 'standard' | 'high'): { width: number; height: number } => {
  const longEdge = quality === 'high' ? 1536 : 1024
  const [w, h] = RATIOS[aspectRatio] ?? RATIOS['1:1']
  return w >= h
    ? { width: longEdge, height: Math.round((longEdge * h) / w) }
    : { width: Math.round((longEdge * w) / h), height: longEdge }
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] as string)

const safeColour = (value: string | undefined, fallback: string): string =>
  value && /^#[0-9a-fA-F]{6}$/.test(value) ? value : fallback

/** Palette wash, vignette, frame and caption, as one SVG laid over the photo. */
const overlaySvg = (width: number, height: number, palette: string[], themeName: string, variant: number): Buffer => {
  const colours = palette.length ? palette.map((c, i) => safeColour(c, DEFAULT_PALETTE[i % 4])) : DEFAULT_PALETTE
  const stops = colours
    .map((colour, index) => `<stop offset="${Math.round((100 * index) / Math.max(colours.length - 1, 1))}%" stop-color="${colour}"/>`)
    .join('')
  const angle = (variant * 37) % 360
  const frame = Math.round(Math.min(width, height) * 0.025)
  const band = Math.round(height * 0.11)
  const titleSize = Math.round(band * 0.38)
  const labelSize = Math.round(band * 0.2)
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs>
        <linearGradient id="wash" gradientTransform="rotate(${angle} 0.5 0.5)">${stops}</linearGradient>
        <radialGradient id="vignette" cx="50%" cy="45%" r="75%">
          <stop offset="55%" stop-color="#000" stop-opacity="0"/><stop offset="100%" stop-color="#000" stop-opacity="0.6"/>
        </radialGradient>
      </defs>
      <rect width="100%" height="100%" fill="url(#wash)" opacity="0.38"/>
      <rect width="100%" height="100%" fill="url(#vignette)"/>
      <rect x="${frame / 2}" y="${frame / 2}" width="${width - frame}" height="${height - frame}" fill="none" stroke="${colours[0]}" stroke-width="${frame}"/>
      <rect x="${frame}" y="${height - frame - band}" width="${width - 2 * frame}" height="${band}" fill="#000" opacity="0.45"/>
      <text x="50%" y="${height - frame - band * 0.45}" text-anchor="middle" font-family="DejaVu Serif, Georgia, serif" font-size="${titleSize}" fill="#fff">${escapeXml(themeName)}</text>
      <text x="50%" y="${height - frame - band * 0.14}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="${labelSize}" letter-spacing="3" fill="#fff" opacity="0.85">PREVIEW RENDER</text>
    </svg>`,
  )
}

/**
 * The offline renderer: no model, no network. A real, deterministic stylised portrait made
 * from the customer's own photo with sharp (crop to the aspect ratio, palette grade,
 * vignette, frame, theme caption), clearly labelled "PREVIEW RENDER".
 */
export class OfflineProvider implements ImageProvider {
  readonly name = 'offline'
  readonly isPreview = true

  async generate(input: GenerateInput): Promise<GenerateOutcome> {
    try {
      const { width, height } = outputSize(input.aspectRatio, input.quality)
      const variant = input.hints?.variant ?? 0
      const palette = input.hints?.palette ?? []
      const photo = await sharp(input.image.data, { limitInputPixels: 50e6 })
        .rotate()
        .resize({ width, height, fit: 'cover', position: CROPS[variant % CROPS.length] })
        .modulate({ saturation: 0.85 + 0.05 * (variant % 3), brightness: 1.02 })
        .toBuffer()
      const data = await sharp(photo)
        .composite([{ input: overlaySvg(width, height, palette, input.hints?.themeName ?? 'Portrait', variant), blend: 'over' }])
        .jpeg({ quality: 90 })
        .toBuffer()
      return { kind: 'image', data, mimeType: 'image/jpeg', model: 'offline-preview-renderer' }
    } catch (error) {
      return { kind: 'failed', message: `The preview renderer could not read the photo (${error instanceof Error ? error.message : error}).` }
    }
  }
}
