import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  fillTemplate,
  PROMPT_VARIABLES,
  TemplateError,
  templateIssues,
  templateProblem,
  themePromptProblem,
  tokenize,
} from '@/prompt'

const ALLOWED_HINT =
  ' Allowed variables: {portraitType} {theme} {themeDescription} {clothingDescription} {atmosphereDescription} {technicalSpecs} ' +
  '{customPrompt} {familyMemberCount} {imageCount} {packageName}.'

describe('templateIssues / templateProblem (save-time validation)', () => {
  it('accepts every known variable and plain text', () => {
    expect(templateProblem(PROMPT_VARIABLES.map((name) => `{${name}}`).join(' and '))).toBeNull()
    expect(templateProblem('No variables at all.')).toBeNull()
    expect(templateProblem('')).toBeNull()
  })

  it('names an unknown variable and its 0-based position', () => {
    const text = 'A portrait in the {theme} theme, in shades of {colour}.'
    expect(text.indexOf('{colour}')).toBe(46)
    expect(templateIssues(text)).toEqual([
      {
        kind: 'unknown-variable',
        position: 46,
        variable: 'colour',
        message: 'Unknown variable {colour} at position 46',
      },
    ])
    expect(templateProblem(text)).toBe(`Unknown variable {colour} at position 46.${ALLOWED_HINT}`)
  })

  it('names unbalanced braces and their positions', () => {
    expect(templateProblem('Hello {theme')).toBe('Unbalanced "{" at position 6.')
    expect(templateProblem('Hello theme}')).toBe('Unbalanced "}" at position 11.')
    expect(templateProblem('{}')).toBe(`Unknown variable {} at position 0.${ALLOWED_HINT}`)
  })

  it('goes on after a problem and reports all of them, in text order', () => {
    expect(templateIssues('A {the{me} x} {theme}').map((issue) => issue.message)).toEqual([
      'Unbalanced "{" at position 2',
      'Unknown variable {me} at position 6',
      'Unbalanced "}" at position 12',
    ])
  })

  it('caps a long list and shortens a long name', () => {
    const problem = templateProblem('}}}}}}}') ?? ''
    expect(problem).toBe(
      'Unbalanced "}" at position 0; Unbalanced "}" at position 1; Unbalanced "}" at position 2; Unbalanced "}" at position 3; ' +
        'Unbalanced "}" at position 4; and 2 more.',
    )
    expect(templateIssues(`{${'x'.repeat(60)}}`)[0].message).toBe(
      `Unknown variable {${'x'.repeat(40)}…} at position 0`,
    )
  })

  it('limits theme prompts to variables that neither refer to theme parts nor hold customer text', () => {
    expect(
      themePromptProblem(
        'a garden for a {portraitType} of {familyMemberCount} in {theme} for {packageName}, {imageCount} shots',
      ),
    ).toBeNull()
    expect(themePromptProblem('like {themeDescription}')).toBe(
      'Variable {themeDescription} at position 5 cannot be used here. ' +
        'Allowed variables: {portraitType} {theme} {familyMemberCount} {imageCount} {packageName}.',
    )
    expect(themePromptProblem('wishes {customPrompt}')).toMatch(
      /^Variable \{customPrompt\} at position 7 cannot be used here\./,
    )
  })

  it('finds an unknown variable wherever it is inserted into a valid template', () => {
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', '.', '\n', 'é') }),
      fc.constantFrom(...PROMPT_VARIABLES.map((name) => `{${name}}`)),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(piece, { maxLength: 8 }), (before, after) => {
        const head = before.join('')
        expect(templateIssues(`${head}{colour}${after.join('')}`)).toEqual([
          {
            kind: 'unknown-variable',
            position: head.length,
            variable: 'colour',
            message: `Unknown variable {colour} at position ${head.length}`,
          },
        ])
      }),
    )
  })
})

describe('tokenize / fillTemplate', () => {
  it('fills in one pass: inserted values are never read as template', () => {
    expect(fillTemplate('{customPrompt} / {theme}', { customPrompt: '{theme} {', theme: 'Garden' })).toBe(
      '{theme} { / Garden',
    )
  })

  it('inserts any value verbatim', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(fillTemplate('<{customPrompt}|{theme}>', { customPrompt: value, theme: 'T' })).toBe(
          `<${value}|T>`,
        )
      }),
    )
  })

  it('throws a TemplateError that carries the source and every issue', () => {
    try {
      tokenize('{a} and {b', {}, 'theme.settingPrompt')
      expect.unreachable('tokenize accepted a broken template')
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError)
      const templateError = error as TemplateError
      expect(templateError.source).toBe('theme.settingPrompt')
      expect(templateError.issues.map((issue) => issue.position)).toEqual([0, 8])
      expect(templateError.message).toBe(
        'theme.settingPrompt: Unknown variable {a} at position 0; Unbalanced "{" at position 8',
      )
    }
  })
})
