import type { TextareaField } from 'payload'

import { templateProblem } from '@/prompt'

type ProblemCheck = (text: string) => string | null

type TemplateTextOptions = Omit<TextareaField, 'type' | 'validate'> & {
  minLength?: number
  maxLength?: number
  /** Which variables the text may use: package templates allow all, theme prompts fewer. */
  check?: ProblemCheck
}

/**
 * A textarea holding prompt-template text. Saving an unknown {variable} or an unbalanced
 * brace fails with a message naming the variable and its position, in the admin and API alike.
 */
export const templateTextField = ({
  check = templateProblem,
  ...options
}: TemplateTextOptions): TextareaField =>
  ({
    ...options,
    type: 'textarea',
    validate: (value: null | string | undefined, { required }: { required?: boolean }) => {
      if (value === null || value === undefined || value === '') {
        return required ? 'This field is required.' : true
      }
      if (typeof value !== 'string') return 'Must be text.'
      if (options.minLength !== undefined && value.length < options.minLength) {
        return `Must be at least ${options.minLength} characters (it has ${value.length}).`
      }
      if (options.maxLength !== undefined && value.length > options.maxLength) {
        return `Must be at most ${options.maxLength} characters (it has ${value.length}).`
      }
      return check(value) ?? true
    },
  }) as TextareaField
