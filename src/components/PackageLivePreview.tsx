'use client'

import { useLivePreview } from '@payloadcms/live-preview-react'

import { createInOrderPopulation } from './inOrderPopulation'

import type { PhotoPackage } from '@/payload-types'
import { plural } from '@/lib/format'

// One per page: the hook resubscribes when its handler changes.
const populateInOrder = createInOrderPopulation()

/** The editor's live preview of a package header and its theme list, as the public sees it. */
export function PackageLivePreview({
  initialData,
  themeNames,
  serverURL,
}: {
  initialData: PhotoPackage
  themeNames: string[]
  serverURL: string
}) {
  const { data } = useLivePreview<PhotoPackage>({
    initialData,
    serverURL,
    depth: 0,
    requestHandler: populateInOrder,
  })
  const pkg = data ?? initialData
  return (
    <div className="preview">
      <p className="eyebrow">
        Live preview · {pkg.isActive ? 'active' : 'inactive (hidden from the public)'}
      </p>
      <header className="package-header">
        <h1 data-testid="preview-package-name">{pkg.name}</h1>
        <p className="muted">{pkg.description}</p>
        <p className="package-facts">
          <span>{plural(themeNames.length, 'theme')}</span>
          <span>{pkg.imagesPerGeneration} images per shoot</span>
          {pkg.isFeatured && <span className="badge badge-featured">Featured</span>}
        </p>
      </header>
      <ul className="theme-preview-list">
        {themeNames.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    </div>
  )
}
