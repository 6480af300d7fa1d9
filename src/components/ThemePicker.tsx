'use client'

import Image from 'next/image'

import type { PublicTheme } from '@/catalog/publicCatalog'
import { plural } from '@/lib/format'

/** Theme cards as a radio group: preview, palette swatches, PRO badge with its cost, season. */
export function ThemePicker({
  themes,
  selected,
  premiumCost,
  onSelect,
}: {
  themes: PublicTheme[]
  selected: number | null
  premiumCost: number
  onSelect: (id: number) => void
}) {
  return (
    <fieldset className="theme-grid">
      <legend>1. Choose a theme</legend>
      {themes.map((theme) => (
        <label key={theme.id} className={`theme-card ${selected === theme.id ? 'theme-card-selected' : ''}`}>
          <input
            className="visually-hidden"
            type="radio"
            name="theme"
            value={theme.id}
            checked={selected === theme.id}
            onChange={() => onSelect(theme.id)}
          />
          <span
            className="theme-preview"
            style={{
              backgroundImage: `linear-gradient(135deg, ${(theme.colorPalette.length ? theme.colorPalette : ['#e8e0d6', '#c9a27e']).join(', ')})`,
            }}
          >
            {theme.previewImage && (
              <Image
                src={theme.previewImage.thumbnailUrl ?? theme.previewImage.url}
                alt=""
                fill
                sizes="(max-width: 640px) 50vw, 200px"
              />
            )}
          </span>
          <span className="theme-name">
            {theme.name}
            {theme.isPremium && <span className="badge badge-pro">PRO · {plural(premiumCost, 'shoot')}</span>}
            {theme.isSeasonal && <span className="badge badge-season">Seasonal</span>}
          </span>
          {theme.description && <span className="muted small">{theme.description}</span>}
          <span className="swatches" aria-label={`Palette: ${theme.colorPalette.join(', ')}`}>
            {theme.colorPalette.map((colour) => (
              <span key={colour} className="swatch" style={{ background: colour }} />
            ))}
          </span>
        </label>
      ))}
    </fieldset>
  )
}
