import type { CollectionSlug, PayloadRequest } from 'payload'

/**
 * The seed's slug rule: lower-case, drop anything but [a-z0-9], whitespace and '-',
 * whitespace to '-', collapse repeated '-'. Leading/trailing '-' are trimmed so a
 * name like "  Wedding!  " still yields a clean slug.
 */
export const slugify = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** The first free slug of base-copy, base-copy-2, base-copy-3, ... in `collection` (within `studio` when given). */
export const freeCopySlug = async (
  req: PayloadRequest,
  collection: CollectionSlug,
  slug: string,
  studio?: unknown,
): Promise<string> => {
  const base = `${slug.slice(0, 100)}-copy`
  const studioId = studio && typeof studio === 'object' ? (studio as { id?: unknown }).id : studio
  const { docs } = await req.payload.find({
    collection,
    where: {
      and: [
        { slug: { like: base } },
        ...(typeof studioId === 'number' || typeof studioId === 'string'
          ? [{ studio: { equals: studioId } }]
          : []),
      ],
    },
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
    select: { slug: true },
  })
  const taken = new Set(docs.map((doc) => (doc as { slug?: string }).slug))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}
