import { type CollectionBeforeChangeHook, type CollectionSlug, ValidationError } from 'payload'

import { relationId } from '@/lib/relationId'

/**
 * Slugs are unique per studio (two studios may both sell "wedding"): a slug another document of
 * the same studio has is a 400 naming `slug`, before the (studio, slug) unique index would refuse
 * it as a conflict.
 * Errors: 400 ValidationError on `slug`: `"<slug>" is already used in this studio.`
 */
export const uniqueSlugPerStudio: CollectionBeforeChangeHook = async ({
  collection,
  data,
  originalDoc,
  req,
}) => {
  const slug = data.slug ?? originalDoc?.slug
  const studio = relationId(data.studio ?? originalDoc?.studio)
  if (typeof slug !== 'string' || studio === undefined) return data
  if (originalDoc && slug === originalDoc.slug && studio === relationId(originalDoc.studio)) return data
  const { totalDocs } = await req.payload.count({
    collection: collection.slug as CollectionSlug,
    where: {
      and: [
        { slug: { equals: slug } },
        { studio: { equals: studio } },
        ...(originalDoc?.id !== undefined ? [{ id: { not_equals: originalDoc.id } }] : []),
      ],
    },
    overrideAccess: true,
    req,
  })
  if (totalDocs > 0)
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ path: 'slug', message: `"${slug}" is already used in this studio.` }],
    })
  return data
}
