import type { Payload } from 'payload'

import { settings } from '@/lib/settings'
import type { Media, Studio } from '@/payload-types'

/** CSS font stacks for the studio's `branding.font` choices (web-safe: no font files to host or license). */
export const FONT_STACK_CSS: Record<string, string> = {
  'system-sans': "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  georgia: "Georgia, 'Times New Roman', serif",
  helvetica: "'Helvetica Neue', Helvetica, Arial, sans-serif",
  palatino: "'Palatino Linotype', Palatino, 'Book Antiqua', serif",
  trebuchet: "'Trebuchet MS', 'Lucida Grande', sans-serif",
  monospace: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
}

/** What the public site shows of the studio serving a request: its name, look and legal texts. */
export interface StudioBranding {
  /** Null for the platform's own look (a host no studio serves). */
  id: number | null
  name: string
  /** #rrggbb: links and buttons; absent keeps the site's own. */
  primaryColor?: string
  /** #rrggbb: the header's rule and highlights; absent keeps the site's own. */
  accentColor?: string
  /** A CSS font-family value (FONT_STACK_CSS). */
  fontFamily?: string
  logo?: { url: string; width?: number; height?: number }
  faviconUrl?: string
  /** The studio's own terms and privacy texts (plain text, paragraphs split on blank lines), when set. */
  termsText?: string
  privacyText?: string
}

/** The look of a host no studio serves: the platform's name (STUDIO_NAME) and the site's own colours. */
export const platformBranding = (): StudioBranding => ({ id: null, name: settings().studioName })

/** A populated upload (depth 1), or undefined for an id or nothing. */
const uploadOf = (value: unknown): Media | undefined =>
  value && typeof value === 'object' && 'url' in value ? (value as Media) : undefined

/**
 * Black or white, whichever reads better on `hex` (#rrggbb), by WCAG 2.1 relative luminance
 * (w3.org/TR/WCAG21/#dfn-relative-luminance): the text colour of a button in the studio's colour.
 */
export const inkOn = (hex: string): '#000000' | '#ffffff' => {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
  // Contrast with white (1.05 / (L + 0.05)) beats contrast with black ((L + 0.05) / 0.05) below L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff'
}

/** The CSS custom properties of site.css a studio's branding sets (none for the platform's own look). */
export const brandingStyle = (branding: StudioBranding): Record<string, string> => ({
  ...(branding.primaryColor && {
    '--accent': branding.primaryColor,
    '--accent-ink': inkOn(branding.primaryColor),
  }),
  ...(branding.accentColor && { '--brand-accent': branding.accentColor }),
  ...(branding.fontFamily && { '--brand-font': branding.fontFamily }),
})

/**
 * Studio `id`'s branding (name, colours, font, logo and favicon URLs, legal texts), read with
 * the server's rights: a public page shows it to anyone. The platform's look when the studio is gone.
 */
export const loadStudioBranding = async (payload: Payload, id: number): Promise<StudioBranding> => {
  const studio = (await payload
    .findByID({ collection: 'studios', id, depth: 1, overrideAccess: true, disableErrors: true })
    .catch(() => null)) as Studio | null
  if (!studio) return platformBranding()
  const branding = studio.branding ?? {}
  const logo = uploadOf(branding.logo)
  const favicon = uploadOf(branding.favicon)
  const text = (value: null | string | undefined) => (value && value.trim() ? value : undefined)
  return {
    id: studio.id as number,
    name: studio.name,
    ...(branding.primaryColor && { primaryColor: branding.primaryColor }),
    ...(branding.accentColor && { accentColor: branding.accentColor }),
    ...(branding.font && FONT_STACK_CSS[branding.font] && { fontFamily: FONT_STACK_CSS[branding.font] }),
    ...(logo?.url && {
      logo: {
        url: logo.url,
        ...(logo.width && { width: logo.width }),
        ...(logo.height && { height: logo.height }),
      },
    }),
    ...(favicon?.url && { faviconUrl: favicon.url }),
    ...(text(branding.termsText) && { termsText: branding.termsText as string }),
    ...(text(branding.privacyText) && { privacyText: branding.privacyText as string }),
  }
}
