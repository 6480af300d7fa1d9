import type { CollectionSlug, FieldHook, TextField } from 'payload'

import { freeCopySlug, SLUG_PATTERN, slugify } from '@/catalog/slugify'

/** Fills an empty slug from `name` by the seed's rule; an editor may still type their own. */
const slugFromName: FieldHook = ({ value, siblingData }) => {
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  return typeof siblingData?.name === 'string' ? slugify(siblingData.name) : value
}

/** Payload's built-in "Duplicate" copies every field: the copy gets the next free "-copy" slug. */
const slugForCopy: FieldHook = async ({ value, req, collection, siblingData }) =>
  typeof value === 'string' && value && collection
    ? freeCopySlug(req, collection.slug as CollectionSlug, value, siblingData?.studio)
    : value

/**
 * The slug: unique per studio, by the collection's (studio, slug) index and uniqueSlugPerStudio
 * (src/hooks), not across the platform.
 */
export const slugField = (): TextField => ({
  name: 'slug',
  type: 'text',
  index: true,
  maxLength: 120,
  admin: { position: 'sidebar', description: 'Made from the name when left empty.' },
  hooks: { beforeValidate: [slugFromName], beforeDuplicate: [slugForCopy] },
  validate: (value: string | null | undefined) => {
    if (!value) return 'Slug is required (or give the package a name to derive it from).'
    return SLUG_PATTERN.test(value)
      ? true
      : 'Slug may only hold lower-case letters, digits and single hyphens.'
  },
})
