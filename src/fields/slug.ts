import type { FieldHook, TextField } from 'payload'

import { SLUG_PATTERN, slugify } from '@/catalog/slugify'

/** Fills an empty slug from `name` by the seed's rule; an editor may still type their own. */
const slugFromName: FieldHook = ({ value, siblingData }) => {
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  return typeof siblingData?.name === 'string' ? slugify(siblingData.name) : value
}

export const slugField = (): TextField => ({
  name: 'slug',
  type: 'text',
  unique: true,
  index: true,
  maxLength: 120,
  admin: { position: 'sidebar', description: 'Made from the name when left empty.' },
  hooks: { beforeValidate: [slugFromName] },
  validate: (value: string | null | undefined) => {
    if (!value) return 'Slug is required (or give the package a name to derive it from).'
    return SLUG_PATTERN.test(value)
      ? true
      : 'Slug may only hold lower-case letters, digits and single hyphens.'
  },
})
