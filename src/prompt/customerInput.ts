import { z } from 'zod'

import { PORTRAIT_TYPES } from './variables'

export const CUSTOM_PROMPT_MAX = 500

// C0/C1 control characters and the Unicode line/paragraph separators: never part of a wish.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/** Customer text is data: control characters out, whitespace folded, trimmed. */
export const sanitizeCustomPrompt = (text: string | null | undefined): string =>
  (text ?? '').replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim()

/** The customer's wishes, as POST /api/generate and the prompt builder both accept them. */
export const customerInputSchema = z
  .object({
    portraitType: z.enum(PORTRAIT_TYPES, { error: 'portraitType must be single, couple or family.' }),
    customPrompt: z
      .string({ error: 'customPrompt must be text.' })
      .max(CUSTOM_PROMPT_MAX, `customPrompt is at most ${CUSTOM_PROMPT_MAX} characters.`)
      .nullish()
      .transform((value) => sanitizeCustomPrompt(value)),
    familyMemberCount: z
      .number({ error: 'familyMemberCount must be a number.' })
      .int('familyMemberCount must be a whole number.')
      .min(2, 'familyMemberCount is at least 2.')
      .max(12, 'familyMemberCount is at most 12.')
      .nullish(),
  })
  .superRefine((value, context) => {
    if (value.portraitType === 'family' && (value.familyMemberCount === null || value.familyMemberCount === undefined)) {
      context.addIssue({ code: 'custom', path: ['familyMemberCount'], message: 'familyMemberCount (2-12) is required for a family portrait.' })
    }
    if (value.portraitType !== 'family' && value.familyMemberCount !== null && value.familyMemberCount !== undefined) {
      context.addIssue({ code: 'custom', path: ['familyMemberCount'], message: 'familyMemberCount is only for family portraits.' })
    }
  })

export type CustomerInput = z.input<typeof customerInputSchema>
export type ParsedCustomerInput = z.output<typeof customerInputSchema>
