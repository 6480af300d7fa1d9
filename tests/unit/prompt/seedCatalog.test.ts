import { describe, expect, it } from 'vitest'

import {
  buildPromptsForAllPortraitTypes,
  generationInstructionsProblem,
  templateProblem,
  themePromptProblem,
} from '@/prompt'
import { catalogSeed } from '@/seed/catalog'

// The launch catalog must pass the same checks the admin applies on save, and build for every portrait type.
describe('the seed catalog through the prompt builder', () => {
  it.each(catalogSeed.map((pkg) => [pkg.slug, pkg] as const))('%s is valid and builds', (_slug, pkg) => {
    expect(templateProblem(pkg.basePromptTemplate ?? '')).toBeNull()
    expect(generationInstructionsProblem(pkg.generationInstructions)).toBeNull()
    for (const theme of pkg.themes) {
      for (const text of [
        theme.settingPrompt,
        theme.clothingPrompt,
        theme.atmospherePrompt,
        theme.technicalPrompt,
      ]) {
        expect(themePromptProblem(text ?? '')).toBeNull()
      }
      const prompts = buildPromptsForAllPortraitTypes(pkg, theme, { customPrompt: 'a warm smile' })
      for (const prompt of Object.values(prompts)) {
        expect(prompt).toContain(theme.settingPrompt.trim().replace(/[.\s]+$/, ''))
        expect(prompt).not.toMatch(/\{[A-Za-z]+\}/)
      }
    }
  })
})
