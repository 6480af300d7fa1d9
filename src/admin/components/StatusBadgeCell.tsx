'use client'

import type { DefaultCellComponentProps } from 'payload'

import '../admin-tools.css'
import '../admin-widgets.css'

/** "Live" in green, "Hidden: …" in grey with its reasons: the package list's "On the site" column. */
export function StatusBadgeCell({ cellData }: DefaultCellComponentProps) {
  const text = typeof cellData === 'string' ? cellData : ''
  const live = text === 'Live'
  return (
    <span
      className={`pp-badge ${live ? 'pp-badge--on' : 'pp-badge--off'}`}
      data-testid="catalog-status"
      title={text}
    >
      {text || '—'}
    </span>
  )
}
