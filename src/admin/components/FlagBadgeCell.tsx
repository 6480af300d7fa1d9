'use client'

import type { DefaultCellComponentProps } from 'payload'

import '../admin-tools.css'
import '../admin-widgets.css'

/** Words for a checkbox column, by field name; anything else reads Yes / No. */
const WORDS: Record<string, [on: string, off: string]> = {
  isActive: ['Active', 'Inactive'],
  isFeatured: ['Featured', '—'],
  isDefault: ['Default', '—'],
  isPremium: ['Premium', 'Standard'],
}

/** A checkbox shown as a badge ("Active" / "Inactive") instead of raw true/false. */
export function FlagBadgeCell({ cellData, field }: DefaultCellComponentProps) {
  const [on, off] = WORDS[field && 'name' in field ? String(field.name) : ''] ?? ['Yes', 'No']
  const value = Boolean(cellData)
  if (!value && off === '—') return <span className="pp-muted">—</span>
  return <span className={`pp-badge ${value ? 'pp-badge--on' : 'pp-badge--off'}`}>{value ? on : off}</span>
}
