import { randomBytes } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

import { settings } from '@/lib/settings'
import { slugify } from '@/catalog/slugify'

import { STUDIO_OWNED_COLLECTIONS } from './studioOwned'

/**
 * The default studio is the first one made (lowest id): the one the `studios` migration (or, on
 * the pushed SQLite demo, `ensureDefaultStudio` at start) creates to own every row from before
 * studios existed. A write that names no studio and has no single studio of its own lands there.
 */
export const defaultStudioId = async (
  payload: Payload,
  req?: Partial<PayloadRequest>,
): Promise<number | undefined> => {
  const { docs } = await payload.find({
    collection: 'studios',
    sort: 'id',
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    select: {},
    ...(req && { req }),
  })
  return docs[0]?.id as number | undefined
}

/** The default studio's values from the settings: STUDIO_NAME, EMAIL_FROM, EMAIL_FROM_NAME. */
export const defaultStudioData = () => {
  const { studioName, emailFrom, emailFromName } = settings()
  return {
    name: studioName,
    slug: slugify(studioName) || 'studio',
    status: 'active' as const,
    branding: { emailFrom, emailFromName, currency: 'usd' as const },
    platformFeePercent: 0,
  }
}

/**
 * Makes sure a default studio exists and owns every studio-owned row without one, that every
 * customer without a studio is its customer, and that every owner and editor works in at least
 * the default studio. The `studios` migration does this on
 * Postgres; the pushed SQLite demo has no migrations, so its start (and the seed) call this.
 * Idempotent. Returns the default studio's id.
 */
export const ensureDefaultStudio = async (payload: Payload): Promise<number> => {
  const id =
    (await defaultStudioId(payload)) ??
    ((await payload.create({ collection: 'studios', data: defaultStudioData(), overrideAccess: true }))
      .id as number)
  for (const collection of STUDIO_OWNED_COLLECTIONS)
    await payload.db.updateMany({ collection, where: { studio: { exists: false } }, data: { studio: id } })
  await payload.db.updateMany({
    collection: 'users',
    where: { and: [{ role: { equals: 'customer' } }, { studio: { exists: false } }] },
    data: { studio: id },
  })
  const { docs: staff } = await payload.find({
    collection: 'users',
    where: { role: { in: ['owner', 'editor'] } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { tenants: true },
  })
  // The adapter writes array rows as given: the row needs its id (Payload's hooks make one as an
  // ObjectID, 24 hex digits), else SQLite refuses the insert (NOT NULL users_tenants.id).
  for (const user of staff)
    if (!user.tenants?.length)
      await payload.db.updateOne({
        collection: 'users',
        id: user.id,
        data: { tenants: [{ id: randomBytes(12).toString('hex'), tenant: id }] },
        returning: false,
      })
  return id
}
