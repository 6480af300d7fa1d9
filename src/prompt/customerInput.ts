import { z } from 'zod'

import { PORTRAIT_TYPES } from './variables'

export const CUSTOM_PROMPT_MAX = 500
export const FAMILY_MEMBERS_MIN = 2
export const FAMILY_MEMBERS_MAX = 12

// Line breaks and tabs are word separators to a reader, so they become spaces.
const BREAKING_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/g
// Any other control character is invisible noise (or an attempt to hide text): removed.
const OTHER_CONTROLS = /\p{Cc}/gu
// Bidi overrides and isolates can make text read differently from what the model receives.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g
// Half a surrogate pair is not a character and cannot be encoded for the provider.
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * Customer text is data: line breaks become spaces, other control characters, bidi controls
 * and lone surrogates are removed, runs of whitespace fold to one space, ends are trimmed.
 */
export const sanitizeCustomPrompt = (text: string | null | undefined): string =>
  (text ?? '')
    .replace(BREAKING_CONTROLS, ' ')
    .replace(OTHER_CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(LONE_SURROGATES, '')
    .replace(/\s+/g, ' ')
    .trim()

const FAMILY_RANGE = `${FAMILY_MEMBERS_MIN}-${FAMILY_MEMBERS_MAX}`

/**
 * The customer's choices, as POST /api/generate and buildPrompt both accept them.
 * Output: customPrompt sanitised ("" when none), familyMemberCount only for family.
 * The 500-character limit applies to the text as sent, before sanitising.
 */
export const customerInputSchema = z
  .object({
    portraitType: z.enum(PORTRAIT_TYPES, { error: 'portraitType must be single, couple or family.' }),
    customPrompt: z
      .string({ error: 'customPrompt must be text.' })
      .max(CUSTOM_PROMPT_MAX, `customPrompt is at most ${CUSTOM_PROMPT_MAX} characters.`)
      .nullish()
      .transform((value) => sanitizeCustomPrompt(value)),
    familyMemberCount: z
      .number({ error: `familyMemberCount must be a number (${FAMILY_RANGE}).` })
      .int(`familyMemberCount must be a whole number (${FAMILY_RANGE}).`)
      .min(FAMILY_MEMBERS_MIN, `familyMemberCount is at least ${FAMILY_MEMBERS_MIN}.`)
      .max(FAMILY_MEMBERS_MAX, `familyMemberCount is at most ${FAMILY_MEMBERS_MAX}.`)
      .nullish(),
  })
  .superRefine((value, context) => {
    const hasCount = value.familyMemberCount !== null && value.familyMemberCount !== undefined
    if (value.portraitType === 'family' && !hasCount) {
      context.addIssue({
        code: 'custom',
        path: ['familyMemberCount'],
        message: `familyMemberCount (${FAMILY_RANGE}) is required for a family portrait.`,
      })
    }
    if (value.portraitType !== 'family' && hasCount) {
      context.addIssue({
        code: 'custom',
        path: ['familyMemberCount'],
        message: 'familyMemberCount is only for family portraits.',
      })
    }
  })

export type CustomerInput = z.input<typeof customerInputSchema>
export type ParsedCustomerInput = z.output<typeof customerInputSchema>
