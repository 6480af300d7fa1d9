import { describe, expect, it } from 'vitest'

import {
  buildPrompt,
  generationInstructionsProblem,
  generationInstructionsSchema,
  InstructionsError,
  parseGenerationInstructions,
} from '@/prompt'

import { gardenTheme as theme, weddingPackage } from './fixtures'

const build = (generationInstructions: unknown, portraitType: 'single' | 'couple' = 'single') =>
  buildPrompt({
    pkg: {
      ...weddingPackage,
      basePromptTemplate: 'A {portraitType} portrait for {packageName} in the {theme} theme.',
      generationInstructions,
    },
    theme: { ...theme, styleModifiers: ['pastel'] },
    request: { portraitType },
  })

const THEME_AND_STYLE =
  'Setting: a rose garden arranged for a single portrait. Wardrobe: an ivory gown and a light grey suit. Mood: romantic and tender. ' +
  'Photography: 85mm lens at f/1.8, golden hour. Style: pastel.'

describe('generationInstructions when building', () => {
  it('adds nothing when there are none', () => {
    for (const none of [null, undefined, {}]) {
      expect(build(none)).toMatch(
        new RegExp(
          `^A single portrait for Wedding Portraits in the Garden Romance theme\\. ${THEME_AND_STYLE.replace(/[.()/]/g, '\\$&')} Reference photo: the attached photo is the person to portray\\. Technical requirements: `,
        ),
      )
    }
  })

  it('places prefix, portrait-type line, suffix and avoid list around the template and theme', () => {
    const instructions = {
      prefix: 'Editorial {theme} photography.',
      suffix: 'Deliver {imageCount} variations.',
      avoid: [' harsh flash ', 'props with {braces}.'],
      portraitTypes: { single: 'Head and shoulders.', couple: 'Side by side.' },
    }
    expect(build(instructions)).toMatch(
      new RegExp(
        '^Editorial Garden Romance photography\\. A single portrait for Wedding Portraits in the Garden Romance theme\\. Head and shoulders\\. ' +
          'Setting: .* Style: pastel\\. Deliver 3 variations\\. Avoid: harsh flash, props with \\{braces\\}\\. Reference photo: .*\\. Technical requirements: ',
      ),
    )
    expect(build(instructions, 'couple')).toContain('Garden Romance theme. Side by side. Setting:')
    expect(build(instructions, 'couple')).not.toContain('Head and shoulders')
  })

  it('does not repeat a theme part an instruction text already places', () => {
    const prompt = build({ suffix: 'Dressed in {clothingDescription}.' })
    expect(prompt).toContain('Dressed in an ivory gown and a light grey suit.')
    expect(prompt).not.toContain('Wardrobe:')
  })

  it('reads the shape the admin stores (empty fields are null) like the same instructions without them', () => {
    const stored = {
      prefix: 'Editorial {theme} photography.',
      suffix: null,
      avoid: null,
      portraitTypes: { single: null, couple: 'Side by side.', family: null },
    }
    const plain = { prefix: 'Editorial {theme} photography.', portraitTypes: { couple: 'Side by side.' } }
    expect(build(stored, 'couple')).toBe(build(plain, 'couple'))
    expect(build({ prefix: null, suffix: null, avoid: [], portraitTypes: null })).toBe(build(null))
  })

  it('treats blank texts as absent', () => {
    expect(build({ prefix: '  ', suffix: '', portraitTypes: { single: ' ' } })).toBe(build(null))
  })

  it('throws a typed error naming the JSON path when the shape is wrong', () => {
    const attempt = () => build({ avoid: ['ok', 42] })
    expect(attempt).toThrow(InstructionsError)
    try {
      attempt()
    } catch (error) {
      expect((error as InstructionsError).path).toBe('generationInstructions.avoid[1]')
      expect((error as InstructionsError).message).toBe('generationInstructions.avoid[1]: must be text')
    }
    expect(() => build({ prefix: 'Shot on {camera}.' })).toThrow(
      'generationInstructions.prefix: Unknown variable {camera} at position 8',
    )
  })
})

describe('generationInstructionsProblem (save-time validation)', () => {
  it('accepts the documented shape', () => {
    expect(generationInstructionsProblem(null)).toBeNull()
    expect(
      generationInstructionsProblem({
        prefix: 'For {packageName}.',
        suffix: 'Shot {imageCount} times.',
        avoid: ['extra people'],
        portraitTypes: { single: 'Solo.', couple: 'Together.', family: 'All {familyMemberCount}.' },
      }),
    ).toBeNull()
  })

  it.each([
    [
      'a string',
      'prefix: x',
      'generationInstructions: must be a JSON object such as {"prefix": "…", "avoid": ["…"]}',
    ],
    ['an array', [], 'generationInstructions: must be a JSON object such as {"prefix": "…", "avoid": ["…"]}'],
    [
      'an unknown key',
      { sufix: 'x' },
      'generationInstructions.sufix: unknown key (allowed: prefix, suffix, avoid, portraitTypes)',
    ],
    [
      'an unknown portrait type',
      { portraitTypes: { toddler: 'x' } },
      'generationInstructions.portraitTypes.toddler: unknown key (allowed: single, couple, family)',
    ],
    ['a number as prefix', { prefix: 42 }, 'generationInstructions.prefix: must be text'],
    ['a text as avoid list', { avoid: 'flash' }, 'generationInstructions.avoid: must be a list of texts'],
    ['an empty avoid phrase', { avoid: ['ok', '  '] }, 'generationInstructions.avoid[1]: must not be empty'],
    [
      'too many avoid phrases',
      { avoid: Array.from({ length: 31 }, (_, index) => `p${index}`) },
      'generationInstructions.avoid: must have at most 30 phrases',
    ],
    [
      'an over-long suffix',
      { suffix: 'x'.repeat(1001) },
      'generationInstructions.suffix: must be at most 1000 characters',
    ],
    [
      'a text as portraitTypes',
      { portraitTypes: 'solo' },
      'generationInstructions.portraitTypes: must be an object with single, couple and/or family texts',
    ],
    [
      'an unknown variable in a line',
      { portraitTypes: { family: 'All {count}' } },
      'generationInstructions.portraitTypes.family: Unknown variable {count} at position 4',
    ],
    [
      'an unbalanced brace',
      { suffix: 'end }' },
      'generationInstructions.suffix: Unbalanced "}" at position 4',
    ],
  ])('names the path for %s', (_label, value, problem) => {
    expect(generationInstructionsProblem(value)).toBe(problem)
  })

  it('exports the schema and a parser that drops blank texts', () => {
    expect(generationInstructionsSchema.safeParse({ prefix: 'x' }).success).toBe(true)
    expect(parseGenerationInstructions({ prefix: ' ', avoid: [' a '] })).toEqual({ avoid: ['a'] })
  })
})
