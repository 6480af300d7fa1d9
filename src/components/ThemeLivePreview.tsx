'use client'

import { useLivePreview } from '@payloadcms/live-preview-react'

import { createInOrderPopulation } from './inOrderPopulation'

import type { PackageTheme, PhotoPackage } from '@/payload-types'
import { buildPromptsForAllPortraitTypes } from '@/prompt'

// One per page: the hook resubscribes when its handler changes.
const populateInOrder = createInOrderPopulation()

const safePrompts = (pkg: PhotoPackage, theme: PackageTheme) => {
  try {
    return {
      prompts: buildPromptsForAllPortraitTypes(
        {
          name: pkg.name,
          basePromptTemplate: pkg.basePromptTemplate,
          generationInstructions: pkg.generationInstructions,
          imagesPerGeneration: pkg.imagesPerGeneration,
        },
        {
          name: theme.name ?? '',
          description: theme.description,
          settingPrompt: theme.settingPrompt ?? '',
          clothingPrompt: theme.clothingPrompt,
          atmospherePrompt: theme.atmospherePrompt,
          technicalPrompt: theme.technicalPrompt,
          styleModifiers: theme.styleModifiers,
        },
        { customPrompt: 'a soft, natural smile' },
      ),
      problem: null,
    }
  } catch (error) {
    return { prompts: null, problem: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * The editor's live preview of a theme: the public theme card and, because only staff can
 * open this page, the exact prompt the builder makes from the unsaved draft for each
 * portrait type. It updates as the editor types, before saving.
 */
export function ThemeLivePreview({
  initialData,
  pkg,
  serverURL,
}: {
  initialData: PackageTheme
  pkg: PhotoPackage
  serverURL: string
}) {
  const { data } = useLivePreview<PackageTheme>({
    initialData,
    serverURL,
    depth: 0,
    requestHandler: populateInOrder,
  })
  const theme = data ?? initialData
  const { prompts, problem } = safePrompts(pkg, theme)
  const palette = theme.colorPalette?.length ? theme.colorPalette : ['#e8e0d6', '#c9a27e']
  return (
    <div className="preview">
      <p className="eyebrow">Live preview · {pkg.name}</p>
      <article className="theme-card theme-card-selected" style={{ maxWidth: '22rem' }}>
        <span
          className="theme-preview"
          style={{ backgroundImage: `linear-gradient(135deg, ${palette.join(', ')})` }}
        />
        <span className="theme-name" data-testid="preview-theme-name">
          {theme.name}
          {theme.isPremium && <span className="badge badge-pro">PRO</span>}
          {theme.isSeasonal && <span className="badge badge-season">Seasonal</span>}
        </span>
        {theme.description && <span className="muted small">{theme.description}</span>}
      </article>
      <section aria-labelledby="prompts-title">
        <h2 id="prompts-title">Prompts from this draft (staff only)</h2>
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        {prompts &&
          (Object.entries(prompts) as [string, string][]).map(([type, prompt]) => (
            <div key={type}>
              <h3>{type[0].toUpperCase() + type.slice(1)}</h3>
              <p className="prompt-text" data-testid={`preview-prompt-${type}`}>
                {prompt}
              </p>
            </div>
          ))}
      </section>
    </div>
  )
}
