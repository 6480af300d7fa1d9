import { z } from 'zod'

import { InstructionsError } from './errors'
import { templateIssues } from './template'
import { PORTRAIT_TYPES } from './variables'

export const INSTRUCTION_TEXT_MAX = 1000
export const AVOID_ITEMS_MAX = 30
export const AVOID_ITEM_MAX = 200

/** A template text: valid variables and balanced braces, each issue reported with its position. */
const instructionText = z
  .string({ error: 'must be text' })
  .max(INSTRUCTION_TEXT_MAX, `must be at most ${INSTRUCTION_TEXT_MAX} characters`)
  .superRefine((text, context) => {
    for (const issue of templateIssues(text)) context.addIssue({ code: 'custom', message: issue.message })
  })

/**
 * A package's `generationInstructions`. Every key is optional; unknown keys are refused
 * (a typo such as "sufix" would otherwise be ignored in silence):
 * ```json
 * {
 *   "prefix": "Text before the base template (template: may use {variables})",
 *   "suffix": "Text after the theme and style modifiers (template)",
 *   "avoid": ["plain phrases the image must not show", "…"],
 *   "portraitTypes": {
 *     "single": "Line added after the base template for single portraits (template)",
 *     "couple": "… for couples",
 *     "family": "… for families, e.g. all {familyMemberCount} people in focus"
 *   }
 * }
 * ```
 * Texts are at most 1000 characters; `avoid` holds at most 30 phrases of 1-200 characters,
 * used literally (braces in them are not variables). Empty texts count as absent.
 * null (or a missing value) means no instructions, for the whole object or any key: the admin
 * stores them as Payload fields (a group), which read back as null when left empty.
 */
export const generationInstructionsSchema = z
  .object({
    prefix: instructionText.nullish(),
    suffix: instructionText.nullish(),
    avoid: z
      .array(
        z
          .string({ error: 'must be text' })
          .trim()
          .min(1, 'must not be empty')
          .max(AVOID_ITEM_MAX, `must be at most ${AVOID_ITEM_MAX} characters`),
        { error: 'must be a list of texts' },
      )
      .max(AVOID_ITEMS_MAX, `must have at most ${AVOID_ITEMS_MAX} phrases`)
      .nullish(),
    portraitTypes: z
      .object(
        {
          single: instructionText.nullish(),
          couple: instructionText.nullish(),
          family: instructionText.nullish(),
        },
        { error: 'must be an object with single, couple and/or family texts' },
      )
      .strict()
      .nullish(),
  })
  .strict()

export type GenerationInstructions = z.infer<typeof generationInstructionsSchema>

const ALLOWED_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(generationInstructionsSchema.shape),
  portraitTypes: PORTRAIT_TYPES,
}

/** e.g. ["avoid", 2] -> "generationInstructions.avoid[2]" */
const jsonPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    'generationInstructions',
  )

const firstProblem = (error: z.ZodError): InstructionsError => {
  const issue = error.issues[0]
  if (issue.code === 'unrecognized_keys') {
    const path = jsonPath([...issue.path, issue.keys[0]])
    const allowed = ALLOWED_KEYS[issue.path.join('.')] ?? []
    return new InstructionsError(path, `${path}: unknown key (allowed: ${allowed.join(', ')})`)
  }
  const path = jsonPath(issue.path)
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return new InstructionsError(
      path,
      `${path}: must be a JSON object such as {"prefix": "…", "avoid": ["…"]}`,
    )
  }
  return new InstructionsError(path, `${path}: ${issue.message}`)
}

const present = (text: null | string | undefined): string | undefined => (text?.trim() ? text : undefined)

/** Null/undefined mean "no instructions"; anything else must match the documented shape or an InstructionsError is thrown. */
export const parseGenerationInstructions = (value: unknown): GenerationInstructions => {
  if (value === null || value === undefined) return {}
  const result = generationInstructionsSchema.safeParse(value)
  if (!result.success) throw firstProblem(result.error)
  const { prefix, suffix, avoid, portraitTypes } = result.data
  return {
    prefix: present(prefix),
    suffix: present(suffix),
    avoid: avoid ?? undefined,
    portraitTypes: portraitTypes
      ? {
          single: present(portraitTypes.single),
          couple: present(portraitTypes.couple),
          family: present(portraitTypes.family),
        }
      : undefined,
  }
}

/** For the field's `validate`: the first problem, naming its path (generationInstructions.avoid[2]), or null. */
export const generationInstructionsProblem = (value: unknown): string | null => {
  try {
    parseGenerationInstructions(value)
    return null
  } catch (error) {
    if (error instanceof InstructionsError) return error.message
    throw error
  }
}
