import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { buildPrompt, buildPromptsForAllPortraitTypes, customerInputSchema, DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

const pkg = {
  name: 'Wedding Portraits',
  basePromptTemplate: null,
  generationInstructions: { prefix: 'Studio portrait.', avoid: ['extra people'], portraitTypes: { couple: 'Both faces visible.' } },
  imagesPerGeneration: 3,
}
const theme = {
  name: 'Garden Romance',
  settingPrompt: 'a rose garden for a {portraitType} portrait',
  clothingPrompt: 'an ivory gown',
  atmospherePrompt: 'romantic',
  technicalPrompt: '85mm at f/1.8',
  styleModifiers: ['fine-art', 'pastel tones'],
}
const REQUIREMENTS =
  'preserve each face, identity, skin tone and proportions faithfully from the reference photo; natural skin texture; sharp focus on the eyes; no text, no watermark, no logos, no borders.'

describe('buildPrompt', () => {
  it('builds the exact prompt for a single portrait', () => {
    expect(buildPrompt({ pkg, theme, request: { portraitType: 'single' } })).toBe(
      'Studio portrait. Create a single portrait for the Wedding Portraits collection in the Garden Romance theme. ' +
        'Setting: a rose garden for a single portrait. Wardrobe: an ivory gown. Mood: romantic. Photography: 85mm at f/1.8. ' +
        'Client wishes: none. Style: fine-art, pastel tones. Avoid: extra people. Technical requirements: photorealistic photograph; ' +
        `exactly one person, the person in the reference photo; ${REQUIREMENTS}`,
    )
  })

  it('builds the exact prompt for a couple, keeping customer braces literal', () => {
    expect(buildPrompt({ pkg, theme, request: { portraitType: 'couple', customPrompt: 'Add a {theme} sign' } })).toBe(
      'Studio portrait. Create a couple portrait for the Wedding Portraits collection in the Garden Romance theme. ' +
        'Setting: a rose garden for a couple portrait. Wardrobe: an ivory gown. Mood: romantic. Photography: 85mm at f/1.8. ' +
        'Client wishes: Add a {theme} sign. Both faces visible. Style: fine-art, pastel tones. Avoid: extra people. ' +
        `Technical requirements: photorealistic photograph; exactly two people, the couple in the reference photo; ${REQUIREMENTS}`,
    )
  })

  it('builds the exact prompt for a family, stripping control characters', () => {
    expect(buildPrompt({ pkg, theme, request: { portraitType: 'family', familyMemberCount: 5, customPrompt: 'Include\u0007 our\n dog' } })).toBe(
      'Studio portrait. Create a family portrait for the Wedding Portraits collection in the Garden Romance theme. ' +
        'Setting: a rose garden for a family portrait. Wardrobe: an ivory gown. Mood: romantic. Photography: 85mm at f/1.8. ' +
        'Client wishes: Include our dog. Style: fine-art, pastel tones. Avoid: extra people. ' +
        `Technical requirements: photorealistic photograph; exactly 5 people, the family in the reference photo; ${REQUIREMENTS}`,
    )
  })

  it('appends theme parts a custom template does not place, and fills every variable', () => {
    const prompt = buildPrompt({
      pkg: { ...pkg, generationInstructions: null, basePromptTemplate: '{packageName}: {imageCount} images of a {portraitType} in {theme}, wishes {customPrompt}.' },
      theme,
      request: { portraitType: 'single', customPrompt: 'soft smile' },
    })
    expect(prompt).toContain('Wedding Portraits: 3 images of a single in Garden Romance, wishes soft smile.')
    expect(prompt).toContain('Setting: a rose garden for a single portrait.')
    expect(prompt).toContain('Wardrobe: an ivory gown.')
    expect(prompt).not.toMatch(/\{[a-zA-Z]+\}/)
  })

  it('uses the studio default template when the package has none', () => {
    expect(DEFAULT_BASE_PROMPT_TEMPLATE.length).toBeGreaterThanOrEqual(50)
    expect(buildPrompt({ pkg: { ...pkg, generationInstructions: undefined }, theme, request: { portraitType: 'single' } })).toMatch(
      /^Create a single portrait for the Wedding Portraits collection/,
    )
  })

  it('refuses family rules broken and over-long wishes', () => {
    expect(() => buildPrompt({ pkg, theme, request: { portraitType: 'family' } })).toThrow(/familyMemberCount/)
    expect(() => buildPrompt({ pkg, theme, request: { portraitType: 'single', familyMemberCount: 3 } })).toThrow(/only for family/)
    expect(() => buildPrompt({ pkg, theme, request: { portraitType: 'family', familyMemberCount: 13 } })).toThrow(/at most 12/)
    expect(customerInputSchema.safeParse({ portraitType: 'single', customPrompt: 'x'.repeat(501) }).success).toBe(false)
    expect(() => buildPrompt({ pkg: { ...pkg, generationInstructions: { prefix: 3 } }, theme, request: { portraitType: 'single' } })).toThrow(
      /generationInstructions\.prefix/,
    )
  })

  it('gives editors one prompt per portrait type', () => {
    const prompts = buildPromptsForAllPortraitTypes(pkg, theme, { customPrompt: 'golden light' })
    expect(Object.keys(prompts)).toEqual(['single', 'couple', 'family'])
    expect(prompts.family).toContain('exactly 4 people')
    expect(prompts.couple).toContain('Client wishes: golden light.')
  })
})

describe('customer text is data, never template', () => {
  const MARKER = 'QQMARKERQQ'
  const slotOf = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim()

  it('changes nothing but its own slot, whatever it contains', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{theme}', '{customPrompt}{', '}{portraitType}', '{{imageCount}}', '\u0000\n{packageName}\t')),
        fc.constantFrom('single' as const, 'couple' as const),
        (text, portraitType) => {
          const slot = slotOf(text)
          fc.pre(slot.length > 0 && !slot.includes(MARKER))
          const withMarker = buildPrompt({ pkg, theme, request: { portraitType, customPrompt: MARKER } })
          const withText = buildPrompt({ pkg, theme, request: { portraitType, customPrompt: text } })
          expect(withText).toBe(withMarker.split(MARKER).join(slot))
        },
      ),
      { numRuns: 300 },
    )
  })
})
