/**
 * The offline renderer's artwork: palette handling, the gradient-map grade, and the SVG
 * overlay (vignette, frame, caption, "PREVIEW RENDER" label). Pure functions, so the
 * renderer stays deterministic.
 */

export type Rgb = [number, number, number]

// Warm studio tones, dark to light, used when a theme has no usable palette.
export const DEFAULT_PALETTE: Rgb[] = [
  [47, 42, 38],
  [138, 90, 68],
  [201, 162, 126],
  [245, 230, 211],
]

/** Only #rgb / #rrggbb survive: palette strings are editor input and end up inside SVG. */
export const parseHexColour = (value: unknown): Rgb | null => {
  if (typeof value !== 'string') return null
  const hex = value.trim()
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(hex)
  if (short) return [short[1], short[2], short[3]].map((d) => Number.parseInt(d + d, 16)) as Rgb
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  return long ? ([long[1], long[2], long[3]].map((d) => Number.parseInt(d, 16)) as Rgb) : null
}

export const toHex = ([r, g, b]: Rgb): string =>
  `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`

const luminance = ([r, g, b]: Rgb): number => 0.2126 * r + 0.7152 * g + 0.0722 * b

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
]

/**
 * Palette colours sorted dark to light, as gradient-map stops. One colour becomes a
 * duotone from its deep shade to its pale tint; none falls back to the studio palette.
 */
export const paletteStops = (palette: readonly unknown[] | undefined): Rgb[] => {
  const colours = (palette ?? [])
    .map(parseHexColour)
    .filter((c): c is Rgb => c !== null)
    .slice(0, 8)
  if (colours.length === 0) return DEFAULT_PALETTE
  const sorted = [...colours].sort((a, b) => luminance(a) - luminance(b))
  if (sorted.length === 1)
    return [mix(sorted[0], [12, 10, 10], 0.75), sorted[0], mix(sorted[0], [255, 255, 255], 0.8)]
  // Keep shadows dark and highlights light whatever the palette, so faces stay readable.
  const first = luminance(sorted[0]) > 90 ? [mix(sorted[0], [12, 10, 10], 0.7)] : []
  const last = luminance(sorted.at(-1)!) < 170 ? [mix(sorted.at(-1)!, [255, 255, 255], 0.7)] : []
  return [...first, ...sorted, ...last]
}

/** 256-entry RGB lookup table: grey level -> colour along the stops. */
export const gradientLut = (stops: Rgb[]): Uint8Array => {
  const lut = new Uint8Array(256 * 3)
  for (let level = 0; level < 256; level++) {
    const position = (level / 255) * (stops.length - 1)
    const index = Math.min(Math.floor(position), stops.length - 2)
    const colour = mix(stops[index], stops[index + 1], position - index)
    lut.set(
      colour.map((v) => Math.round(v)),
      level * 3,
    )
  }
  return lut
}

/**
 * Grades raw RGB pixels in place: each pixel's luminance is mapped through the palette
 * gradient and blended with the original, so the photo keeps some natural colour.
 */
export const gradeInPlace = (pixels: Buffer, channels: number, lut: Uint8Array, strength: number): void => {
  const keep = 1 - strength
  for (let i = 0; i + 2 < pixels.length; i += channels) {
    const r = pixels[i]
    const g = pixels[i + 1]
    const b = pixels[i + 2]
    const level = Math.min(255, Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b)) * 3
    pixels[i] = Math.round(r * keep + lut[level] * strength)
    pixels[i + 1] = Math.round(g * keep + lut[level + 1] * strength)
    pixels[i + 2] = Math.round(b * keep + lut[level + 2] * strength)
  }
}

// Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/FFFF) would make librsvg
// refuse the whole overlay, so they go before escaping.
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export const escapeXml = (text: string): string =>
  text
    .replace(XML_FORBIDDEN, '')
    .replace(
      /[<>&'"]/g,
      (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!,
    )

/** A caption that fits one line: whitespace collapsed, at most 42 characters (code points). */
export const captionText = (themeName: string | undefined): string => {
  const clean = (themeName ?? '').replace(/\s+/g, ' ').trim() || 'Portrait'
  const chars = Array.from(clean)
  return chars.length > 42 ? `${chars.slice(0, 41).join('').trimEnd()}…` : clean
}

export interface OverlayOptions {
  width: number
  height: number
  frameColour: Rgb
  accentColour: Rgb
  themeName: string | undefined
}

/** Vignette, double frame, caption band with the theme name, and the preview label. */
export const overlaySvg = ({
  width,
  height,
  frameColour,
  accentColour,
  themeName,
}: OverlayOptions): Buffer => {
  const short = Math.min(width, height)
  const frame = Math.round(short * 0.03)
  const band = Math.round(short * 0.13)
  const titleSize = Math.round(band * 0.36)
  const labelSize = Math.max(10, Math.round(short * 0.022))
  const labelWidth = Math.round(labelSize * 13)
  const inset = frame + Math.round(short * 0.02)
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <defs>
    <radialGradient id="vignette" cx="50%" cy="45%" r="72%">
      <stop offset="50%" stop-color="#000" stop-opacity="0"/>
      <stop offset="100%" stop-color="#000" stop-opacity="0.62"/>
    </radialGradient>
    <linearGradient id="band" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#000" stop-opacity="0"/>
      <stop offset="1" stop-color="#000" stop-opacity="0.72"/>
    </linearGradient>
  </defs>
  <rect width="${width}" height="${height}" fill="url(#vignette)"/>
  <rect x="${frame}" y="${height - frame - band * 1.6}" width="${width - 2 * frame}" height="${band * 1.6}" fill="url(#band)"/>
  <rect x="${frame / 2}" y="${frame / 2}" width="${width - frame}" height="${height - frame}" fill="none" stroke="${toHex(frameColour)}" stroke-width="${frame}"/>
  <rect x="${inset}" y="${inset}" width="${width - 2 * inset}" height="${height - 2 * inset}" fill="none" stroke="#ffffff" stroke-opacity="0.7" stroke-width="${Math.max(1, Math.round(short * 0.003))}"/>
  <text x="${width / 2}" y="${height - frame - band * 0.42}" text-anchor="middle" font-family="DejaVu Serif, Georgia, serif" font-size="${titleSize}" fill="#ffffff">${escapeXml(captionText(themeName))}</text>
  <rect x="${width - inset - labelWidth - frame / 2}" y="${inset + frame / 2}" width="${labelWidth}" height="${labelSize * 2}" rx="${labelSize}" fill="${toHex(accentColour)}" fill-opacity="0.85"/>
  <text x="${width - inset - frame / 2 - labelWidth / 2}" y="${inset + frame / 2 + labelSize * 1.38}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="bold" font-size="${labelSize}" letter-spacing="${labelSize * 0.12}" fill="#ffffff">PREVIEW RENDER</text>
</svg>`,
  )
}
