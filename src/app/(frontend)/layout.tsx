import type { Metadata, Viewport } from 'next'
import type { CSSProperties, ReactNode } from 'react'

import Link from 'next/link'
import { notFound } from 'next/navigation'

import { SiteHeader } from '@/components/SiteHeader'
import { requestBranding } from '@/next/payloadServer'
import { brandingStyle } from '@/studios/branding'

// One stylesheet in five parts, in this order (later rules win ties).
import './styles/site.css'
import './styles/catalog.css'
import './styles/generationForm.css'
import './styles/shoots.css'
import './styles/pages.css'

/** The studio serving the Host names every page (issue 24: each studio sells under its own name). */
export const generateMetadata = async (): Promise<Metadata> => {
  const { name, faviconUrl } = await requestBranding()
  return {
    title: { default: `${name} · AI portrait studio`, template: `%s · ${name}` },
    description: 'Studio-quality AI portraits: weddings, engagements, headshots and anniversaries.',
    ...(faviconUrl && { icons: { icon: faviconUrl } }),
  }
}

export const generateViewport = async (): Promise<Viewport> => ({
  width: 'device-width',
  initialScale: 1,
  themeColor: (await requestBranding()).primaryColor ?? '#8a5a44',
})

export default async function FrontendLayout({ children }: { children: ReactNode }) {
  const branding = await requestBranding()
  // A host no active studio serves (a suspended studio's; any unclaimed one with PLATFORM_DOMAIN) has
  // no site: every page is a 404, decided here before a page starts streaming a 200.
  if (branding.id === null) notFound()
  return (
    <html lang="en" style={brandingStyle(branding) as CSSProperties}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader branding={branding} />
        <main id="main" className="site-main">
          {children}
        </main>
        <footer className="site-footer">
          <nav aria-label="Studio" className="footer-nav">
            <Link href="/privacy">Privacy</Link>
            <Link href="/terms">Terms</Link>
            <Link href="/help">Help and contact</Link>
          </nav>
          <p>
            {branding.name} · AI portrait studio ·{' '}
            {/* Not a provider name: the page may be built without knowing which renderer runs. */}
            Portraits are made from your photo by an AI image model.
          </p>
        </footer>
      </body>
    </html>
  )
}
