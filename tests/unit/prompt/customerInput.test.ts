import { describe, expect, it } from 'vitest'

import { customerInputSchema, sanitizeCustomPrompt } from '@/prompt'

const problems = (input: unknown): string[] => {
  const result = customerInputSchema.safeParse(input)
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('sanitizeCustomPrompt', () => {
  it.each([
    [
      'line breaks and tabs become spaces',
      'golden\r\nlight\tplease\u2028now\u0085ok',
      'golden light please now ok',
    ],
    ['other control characters are removed', 'gol\u0000den\u0007 li\u001bght\u007f\u009b', 'golden light'],
    ['runs of spaces fold and ends are trimmed', '   a    b   ', 'a b'],
    ['bidi controls are removed', 'abc\u202edef\u2066g\u2069', 'abcdefg'],
    ['lone surrogates are removed, pairs kept', 'x\ud800y\udc00z 📷', 'xyz 📷'],
    ['braces and unicode stay as typed', '{theme} – ünïcödé 写真 {', '{theme} – ünïcödé 写真 {'],
    ['null becomes empty', null, ''],
  ])('%s', (_label, input, output) => {
    expect(sanitizeCustomPrompt(input)).toBe(output)
  })
})

describe('customerInputSchema', () => {
  it('accepts each portrait type and sanitises the wishes', () => {
    expect(customerInputSchema.parse({ portraitType: 'single', customPrompt: ' a\nb ' })).toEqual({
      portraitType: 'single',
      customPrompt: 'a b',
    })
    expect(
      customerInputSchema.parse({ portraitType: 'couple', customPrompt: null, familyMemberCount: null }),
    ).toEqual({
      portraitType: 'couple',
      customPrompt: '',
      familyMemberCount: null,
    })
    expect(customerInputSchema.parse({ portraitType: 'family', familyMemberCount: 12 })).toEqual({
      portraitType: 'family',
      customPrompt: '',
      familyMemberCount: 12,
    })
  })

  it('allows exactly 500 characters of wishes, measured as sent', () => {
    expect(problems({ portraitType: 'single', customPrompt: 'x'.repeat(500) })).toEqual([])
    expect(problems({ portraitType: 'single', customPrompt: 'x'.repeat(501) })).toEqual([
      'customPrompt: customPrompt is at most 500 characters.',
    ])
  })

  it.each([
    [{}, 'portraitType: portraitType must be single, couple or family.'],
    [{ portraitType: 'group' }, 'portraitType: portraitType must be single, couple or family.'],
    [{ portraitType: 'single', customPrompt: 7 }, 'customPrompt: customPrompt must be text.'],
    [
      { portraitType: 'family' },
      'familyMemberCount: familyMemberCount (2-12) is required for a family portrait.',
    ],
    [
      { portraitType: 'family', familyMemberCount: null },
      'familyMemberCount: familyMemberCount (2-12) is required for a family portrait.',
    ],
    [{ portraitType: 'family', familyMemberCount: 1 }, 'familyMemberCount: familyMemberCount is at least 2.'],
    [
      { portraitType: 'family', familyMemberCount: 13 },
      'familyMemberCount: familyMemberCount is at most 12.',
    ],
    [
      { portraitType: 'family', familyMemberCount: 3.5 },
      'familyMemberCount: familyMemberCount must be a whole number (2-12).',
    ],
    [
      { portraitType: 'family', familyMemberCount: '4' },
      'familyMemberCount: familyMemberCount must be a number (2-12).',
    ],
    [
      { portraitType: 'single', familyMemberCount: 3 },
      'familyMemberCount: familyMemberCount is only for family portraits.',
    ],
    [
      { portraitType: 'couple', familyMemberCount: 2 },
      'familyMemberCount: familyMemberCount is only for family portraits.',
    ],
  ])('refuses %j with a clear message', (input, message) => {
    expect(problems(input)).toEqual([message])
  })
})
