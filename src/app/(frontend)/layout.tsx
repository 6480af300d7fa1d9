import type { Metadata } from 'next'
import type { ReactNode } from 'react'

import './styles.css'

export const metadata: Metadata = {
  title: { default: 'Photo Packages · AI portrait studio', template: '%s · Photo Packages' },
  description: 'Studio-quality AI portraits: weddings, engagements, headshots and anniversaries.',
}

export default function FrontendLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a className="brand" href="/">
            Photo Packages
          </a>
        </header>
        <main className="site-main">{children}</main>
      </body>
    </html>
  )
}
