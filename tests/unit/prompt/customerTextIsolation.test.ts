import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  buildPrompt,
  type PortraitType,
  type PromptPackage,
  type ReferenceRole,
  sanitizeCustomPrompt,
} from '@/prompt'

import { gardenTheme as theme, weddingPackage } from './fixtures'

// Packages that hold the wishes in different ways: the default template, mid-sentence in the
// package's template, appended as a sentence (template without it), and in two places.
const PACKAGES: Record<string, PromptPackage> = {
  defaultTemplate: weddingPackage,
  midSentence: {
    ...weddingPackage,
    basePromptTemplate:
      'A {portraitType} headshot for {packageName}; direction: {customPrompt}; deliver {imageCount} crops.',
  },
  appendedSentence: {
    ...weddingPackage,
    basePromptTemplate: 'A {portraitType} portrait in the {theme} theme for {packageName}.',
  },
  twoPlaces: {
    ...weddingPackage,
    basePromptTemplate: 'A {portraitType} portrait ({customPrompt}) in the {theme} theme for {packageName}.',
    generationInstructions: { suffix: 'Remember: {customPrompt}', avoid: ['{customPrompt}'] },
  },
}

const MARKER = 'QQMARKERQQ'

// Units chosen to attack the builder: template syntax, every kind of control character and
// line break, bidi controls, odd spaces, lone surrogates, look-alikes of the studio's own text.
const hostileUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '{',
      '}',
      '{theme}',
      '{customPrompt}',
      '{{imageCount}}',
      '}{portraitType}',
      '{colour}',
      '{}',
      '\n',
      '\r\n',
      '\t',
      '\v',
      '\u0000',
      '\u0007',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u009b',
      '\u2028',
      '\u2029',
      '\u202e',
      '\u2066',
      ' ',
      '   ',
      '\u00a0',
      '\u3000',
      '\ufeff',
      '.',
      'none',
      'Technical requirements:',
      '📷',
      'é',
      '写真',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
)
const customerText = fc
  .string({ unit: hostileUnit, maxLength: 80 })
  .filter((text) => text.length <= 500 && !text.includes(MARKER))

const request = fc.oneof(
  fc.constantFrom({ portraitType: 'single' as const }, { portraitType: 'couple' as const }),
  fc
    .integer({ min: 2, max: 12 })
    .map((familyMemberCount) => ({ portraitType: 'family' as const, familyMemberCount })),
)

// One to five reference photos, each with a role the portrait type accepts.
const references = (choice: { portraitType: PortraitType; familyMemberCount?: number }): ReferenceRole[] => {
  if (choice.portraitType === 'single') return ['person', 'same-person', 'same-person']
  if (choice.portraitType === 'couple') return ['person-2', 'couple', 'person-1']
  const members = Math.min(4, choice.familyMemberCount ?? 2)
  return ['group', ...Array.from({ length: members }, () => 'family-member' as const)]
}

describe('customer text is data, never template', () => {
  it('changes nothing but its own slot, whatever it contains', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(PACKAGES)),
        request,
        fc.boolean(),
        customerText,
        (packageKey, choice, several, text) => {
          const pkg = PACKAGES[packageKey]
          const roles = several ? references(choice) : undefined
          const build = (customPrompt: string | null) =>
            buildPrompt({ pkg, theme, request: { ...choice, customPrompt }, references: roles })
          const around = build(MARKER).split(MARKER)
          expect(around.length).toBeGreaterThan(1)

          const slot = sanitizeCustomPrompt(text)
          if (slot === '' && packageKey === 'appendedSentence') {
            // No wishes: the appended sentence is left out, exactly as if nothing was sent.
            expect(build(text)).toBe(build(null))
          } else {
            expect(build(text)).toBe(around.join(slot || 'none'))
          }
          // What fills the slot carries no control, bidi or broken characters.
          expect(slot).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u)
          expect(slot).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('keeps printable text verbatim, braces and all', () => {
    const printableWord = fc.string({
      unit: fc.constantFrom('{', '}', 'a', 'Z', '7', '.', '-', 'é', '写', '📷'),
      minLength: 1,
      maxLength: 12,
    })
    fc.assert(
      fc.property(fc.array(printableWord, { minLength: 1, maxLength: 10 }), (words) => {
        const text = words.join(' ')
        expect(
          buildPrompt({
            pkg: weddingPackage,
            theme,
            request: { portraitType: 'single', customPrompt: text },
          }),
        ).toContain(`Client wishes: ${text}. Style:`)
      }),
    )
  })
})
