import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import Link from 'next/link'

import { SiteHeader } from '@/components/SiteHeader'

// One stylesheet in five parts, in this order (later rules win ties).
import './styles/site.css'
import './styles/catalog.css'
import './styles/generationForm.css'
import './styles/shoots.css'
import './styles/pages.css'

export const metadata: Metadata = {
  title: { default: 'Photo Packages · AI portrait studio', template: '%s · Photo Packages' },
  description: 'Studio-quality AI portraits: weddings, engagements, headshots and anniversaries.',
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#8a5a44' }

export default function FrontendLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
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
            Photo Packages · AI portrait studio ·{' '}
            {/* Not a provider name: the page may be built without knowing which renderer runs. */}
            Portraits are made from your photo by an AI image model.
          </p>
        </footer>
      </body>
    </html>
  )
}
