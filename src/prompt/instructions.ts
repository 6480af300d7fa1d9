import { z } from 'zod'

/**
 * A package's `generationInstructions` JSON. Every key is optional:
 * ```json
 * {
 *   "prefix": "Text placed before everything else",
 *   "suffix": "Text placed after the theme and style",
 *   "avoid": ["things the model must not show"],
 *   "portraitTypes": { "single": "…", "couple": "…", "family": "…" }
 * }
 * ```
 * Texts may use the template variables, like the base template.
 */
export const generationInstructionsSchema = z
  .object({
    prefix: z.string().max(1000).optional(),
    suffix: z.string().max(1000).optional(),
    avoid: z.array(z.string().min(1).max(200)).max(30).optional(),
    portraitTypes: z
      .object({
        single: z.string().max(1000).optional(),
        couple: z.string().max(1000).optional(),
        family: z.string().max(1000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

export type GenerationInstructions = z.infer<typeof generationInstructionsSchema>

export class InstructionsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InstructionsError'
  }
}

/** Null/undefined mean "none"; anything else must match the documented shape. */
export const parseGenerationInstructions = (value: unknown): GenerationInstructions => {
  if (value === null || value === undefined) return {}
  const result = generationInstructionsSchema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue.path.length ? issue.path.join('.') : '(root)'
  throw new InstructionsError(`generationInstructions.${where}: ${issue.message}`)
}
