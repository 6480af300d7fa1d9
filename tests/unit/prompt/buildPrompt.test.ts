import { describe, expect, it } from 'vitest'

import {
  buildPrompt,
  buildPromptsForAllPortraitTypes,
  CustomerInputError,
  DEFAULT_BASE_PROMPT_TEMPLATE,
  PROMPT_VARIABLES,
  PromptError,
  TemplateError,
  templateIssues,
} from '@/prompt'

import { gardenTheme as theme, weddingPackage as pkg } from './fixtures'

const REQUIREMENTS_AFTER_PEOPLE =
  "keep each person's identity and face exactly as in the reference photo (facial features, skin tone, age, hair and proportions); " +
  'natural skin texture and natural hands; sharp focus on the eyes; no text, no watermarks, no logos, no signatures, no borders or frames.'

describe('buildPrompt: exact prompts per portrait type', () => {
  it('single', () => {
    expect(buildPrompt({ pkg, theme, request: { portraitType: 'single' } })).toBe(
      'Fine wedding photography for Wedding Portraits. Create a single portrait for the Wedding Portraits collection in the Garden Romance theme. ' +
        'Setting: a rose garden arranged for a single portrait. Wardrobe: an ivory gown and a light grey suit. Mood: romantic and tender. ' +
        'Photography: 85mm lens at f/1.8, golden hour. Client wishes: none. Style: fine-art, pastel tones. One of 3 variations. ' +
        'Avoid: extra people, cartoon look. Reference photo: the attached photo is the person to portray. ' +
        'Technical requirements: a photorealistic photograph, not an illustration or painting; ' +
        "exactly one person, the person from the reference photo, and no one else; keep each person's identity and face exactly as in " +
        'the reference photo (facial features, skin tone, age, hair and proportions); natural skin texture and natural hands; ' +
        'sharp focus on the eyes; no text, no watermarks, no logos, no signatures, no borders or frames.',
    )
  })

  it('couple: the couple line follows the template and customer braces stay literal', () => {
    expect(
      buildPrompt({ pkg, theme, request: { portraitType: 'couple', customPrompt: 'Add a {theme} sign' } }),
    ).toBe(
      'Fine wedding photography for Wedding Portraits. Create a couple portrait for the Wedding Portraits collection in the Garden Romance theme. ' +
        'Setting: a rose garden arranged for a couple portrait. Wardrobe: an ivory gown and a light grey suit. Mood: romantic and tender. ' +
        'Photography: 85mm lens at f/1.8, golden hour. Client wishes: Add a {theme} sign. Both faces clearly visible. ' +
        'Style: fine-art, pastel tones. One of 3 variations. Avoid: extra people, cartoon look. ' +
        'Reference photo: the attached photo is both people of the couple together. ' +
        'Technical requirements: a photorealistic photograph, not an illustration or painting; ' +
        `exactly two people, the couple from the reference photo, and no one else; ${REQUIREMENTS_AFTER_PEOPLE}`,
    )
  })

  it('family: the count reaches the family line and the requirements; control characters are stripped', () => {
    const request = {
      portraitType: 'family',
      familyMemberCount: 5,
      customPrompt: '  Include\u0007 our\r\n dog\tRex ',
    } as const
    expect(buildPrompt({ pkg, theme, request })).toBe(
      'Fine wedding photography for Wedding Portraits. Create a family portrait for the Wedding Portraits collection in the Garden Romance theme. ' +
        'Setting: a rose garden arranged for a family portrait. Wardrobe: an ivory gown and a light grey suit. Mood: romantic and tender. ' +
        'Photography: 85mm lens at f/1.8, golden hour. Client wishes: Include our dog Rex. All 5 people in focus. ' +
        'Style: fine-art, pastel tones. One of 3 variations. Avoid: extra people, cartoon look. ' +
        'Reference photo: the attached photo is the whole family together. ' +
        'Technical requirements: a photorealistic photograph, not an illustration or painting; ' +
        `exactly 5 people, the family from the reference photo, and no one else; ${REQUIREMENTS_AFTER_PEOPLE}`,
    )
  })
})

describe('buildPrompt: assembly', () => {
  const bare = { ...pkg, generationInstructions: null }

  it('appends, as sentences, the theme parts and wishes a custom template does not place', () => {
    const custom = {
      ...bare,
      basePromptTemplate:
        'A {portraitType} for {packageName} ({imageCount} images), {theme}, mood {atmosphereDescription}.',
    }
    expect(
      buildPrompt({ pkg: custom, theme, request: { portraitType: 'single', customPrompt: 'soft smile' } }),
    ).toBe(
      'A single for Wedding Portraits (3 images), Garden Romance, mood romantic and tender. ' +
        'Setting: a rose garden arranged for a single portrait. Wardrobe: an ivory gown and a light grey suit. ' +
        'Photography: 85mm lens at f/1.8, golden hour. Style: fine-art, pastel tones. Client wishes: soft smile. ' +
        'Reference photo: the attached photo is the person to portray. Technical requirements: a photorealistic photograph, not an illustration or painting; ' +
        `exactly one person, the person from the reference photo, and no one else; ${REQUIREMENTS_AFTER_PEOPLE}`,
    )
  })

  it('leaves the wishes sentence out when a template without {customPrompt} gets no wishes', () => {
    const custom = {
      ...bare,
      basePromptTemplate: 'A {portraitType} portrait in the {theme} theme for {packageName}.',
    }
    expect(
      buildPrompt({ pkg: custom, theme, request: { portraitType: 'single', customPrompt: ' \n ' } }),
    ).not.toContain('Client wishes')
  })

  it('uses the studio default template for an empty or blank one', () => {
    for (const basePromptTemplate of [null, undefined, '', '   ']) {
      expect(
        buildPrompt({ pkg: { ...bare, basePromptTemplate }, theme, request: { portraitType: 'single' } }),
      ).toMatch(
        /^Create a single portrait for the Wedding Portraits collection in the Garden Romance theme\. Setting: /,
      )
    }
  })

  it('has a default template of 50-2000 characters that is valid and uses several variables', () => {
    expect(DEFAULT_BASE_PROMPT_TEMPLATE.length).toBeGreaterThanOrEqual(50)
    expect(DEFAULT_BASE_PROMPT_TEMPLATE.length).toBeLessThanOrEqual(2000)
    expect(templateIssues(DEFAULT_BASE_PROMPT_TEMPLATE)).toEqual([])
    const used = PROMPT_VARIABLES.filter((name) => DEFAULT_BASE_PROMPT_TEMPLATE.includes(`{${name}}`))
    expect(used.length).toBeGreaterThanOrEqual(5)
  })

  it('fills {familyMemberCount} with the number of people for every portrait type', () => {
    const custom = {
      ...bare,
      basePromptTemplate:
        'Portrait of {familyMemberCount} people in the {theme} theme for the {packageName}.',
    }
    const prompts = buildPromptsForAllPortraitTypes(custom, theme, { familyMemberCount: 7 })
    expect(prompts.single).toMatch(/^Portrait of 1 people/)
    expect(prompts.couple).toMatch(/^Portrait of 2 people/)
    expect(prompts.family).toMatch(/^Portrait of 7 people/)
  })

  it('falls back to defaults for missing theme parts, and to the description for a blank setting prompt', () => {
    const sparse = {
      name: 'Plain',
      description: 'A quiet {studio}.',
      settingPrompt: ' ',
      styleModifiers: null,
    }
    expect(buildPrompt({ pkg: bare, theme: sparse, request: { portraitType: 'single' } })).toContain(
      'Setting: A quiet {studio}. Wardrobe: attire that suits the setting. Mood: natural and warm. ' +
        'Photography: professional portrait photography with soft, flattering light. Client wishes: none. Reference photo: the attached photo is the person to portray. ' +
        'Technical requirements:',
    )
  })

  it('folds all whitespace, including newlines in admin texts, to single spaces', () => {
    const spaced = {
      ...bare,
      basePromptTemplate: 'Line one for {packageName}.\n\n\tLine   two in {theme}, {themeDescription}.',
    }
    const prompt = buildPrompt({ pkg: spaced, theme, request: { portraitType: 'single' } })
    expect(prompt).toMatch(/^Line one for Wedding Portraits\. Line two in Garden Romance, a rose garden/)
    expect(prompt).not.toMatch(/\s{2}|[\t\n]/)
  })

  it('takes style modifiers literally, braces included', () => {
    const braced = { ...theme, styleModifiers: ['{theme} look'] }
    expect(buildPrompt({ pkg: bare, theme: braced, request: { portraitType: 'single' } })).toContain(
      'Style: {theme} look.',
    )
  })

  it('gives editors the prompt for each portrait type with sample inputs', () => {
    const prompts = buildPromptsForAllPortraitTypes(pkg, theme, { customPrompt: 'golden light' })
    expect(Object.keys(prompts)).toEqual(['single', 'couple', 'family'])
    expect(prompts.single).toBe(
      buildPrompt({ pkg, theme, request: { portraitType: 'single', customPrompt: 'golden light' } }),
    )
    expect(prompts.family).toBe(
      buildPrompt({
        pkg,
        theme,
        request: { portraitType: 'family', familyMemberCount: 4, customPrompt: 'golden light' },
      }),
    )
    expect(buildPromptsForAllPortraitTypes(pkg, theme).couple).toContain('Client wishes: none.')
  })
})

describe('buildPrompt: refusals', () => {
  it('refuses customer input that breaks the rules, with a typed error', () => {
    const attempt = (request: Parameters<typeof buildPrompt>[0]['request']) => () =>
      buildPrompt({ pkg, theme, request })
    expect(attempt({ portraitType: 'family' })).toThrow(CustomerInputError)
    expect(attempt({ portraitType: 'family' })).toThrow(
      'familyMemberCount (2-12) is required for a family portrait.',
    )
    expect(attempt({ portraitType: 'single', familyMemberCount: 3 })).toThrow(
      'familyMemberCount is only for family portraits.',
    )
    expect(attempt({ portraitType: 'single', customPrompt: 'x'.repeat(501) })).toThrow(
      'customPrompt is at most 500 characters.',
    )
  })

  it('refuses an invalid base template or theme prompt, naming the text and the position', () => {
    const badBase = () =>
      buildPrompt({
        pkg: { ...pkg, basePromptTemplate: 'A {colour} portrait' },
        theme,
        request: { portraitType: 'single' },
      })
    expect(badBase).toThrow(TemplateError)
    expect(badBase).toThrow('basePromptTemplate: Unknown variable {colour} at position 2')
    const selfReference = { ...theme, clothingPrompt: 'matching {atmosphereDescription}' }
    expect(() => buildPrompt({ pkg, theme: selfReference, request: { portraitType: 'single' } })).toThrow(
      'theme.clothingPrompt: Variable {atmosphereDescription} at position 9 cannot be used here',
    )
  })

  it('refuses a package without a sensible image count', () => {
    for (const imagesPerGeneration of [0, 1.5, Number.NaN]) {
      expect(() =>
        buildPrompt({ pkg: { ...pkg, imagesPerGeneration }, theme, request: { portraitType: 'single' } }),
      ).toThrow(PromptError)
    }
  })
})
