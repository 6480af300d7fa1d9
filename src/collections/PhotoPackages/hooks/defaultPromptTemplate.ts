import type { FieldHook } from 'payload'

import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'
import type { PhotoPackage } from '@/payload-types'

/** An empty template means "use the studio default", as the seed's schema does. */
export const defaultPromptTemplate: FieldHook<PhotoPackage> = ({ value, operation }) => {
  if (operation === 'create' && (value === undefined || value === null || value === '')) {
    return DEFAULT_BASE_PROMPT_TEMPLATE
  }
  if (value === '') return DEFAULT_BASE_PROMPT_TEMPLATE
  return value
}
