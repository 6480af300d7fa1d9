import config from '@payload-config'
import { unstable_cache } from 'next/cache'
import { headers } from 'next/headers'
import { getPayload, type Payload } from 'payload'

import { loadPublicBundles, type PublicBundle } from '@/catalog/publicBundles'
import { loadPublicCatalog, type PublicPackage } from '@/catalog/publicCatalog'
import { catalogGeneration } from '@/catalog/cache'
import { CATALOG_TAG } from '@/catalog/invalidate'
import { monthDayOf } from '@/catalog/season'
import { requestOrigin as originOfRequest } from '@/lib/requestOrigin'
import { settings } from '@/lib/settings'
import type { User } from '@/payload-types'

/*
 * The Next edge: how server components reach Payload (the config, the auth cookie, Next's data cache).
 * Only src/app, src/admin and this room import next/* or @payload-config.
 */
export const payloadInstance = (): Promise<Payload> => getPayload({ config })

/** The signed-in user from the Payload auth cookie, or null (server components only). */
export const currentUser = async (): Promise<User | null> => {
  const payload = await payloadInstance()
  const { user } = await payload.auth({ headers: await headers() })
  return (user as User | null) ?? null
}

/**
 * The public catalog for pages: cached by Next under the `catalog` tag, which every
 * catalog change revalidates. Keyed by day so seasonal themes roll over at midnight.
 *
 * Next's data cache lives on disk under .next, per node, and outlives a server: the database
 * is part of the key so a cache filled against one database is never served for another, and
 * so is the catalog cache generation (src/catalog/cache.ts), which every invalidation changes
 * on every node (Redis pub/sub), where revalidateTag reaches only the node that made the edit.
 */
const databaseKey = (): string =>
  `${settings().databaseUri ?? settings().sqliteUrl ?? 'embedded'}#${catalogGeneration()}`

export const cachedCatalog = (category?: PublicPackage['category']): Promise<PublicPackage[]> =>
  unstable_cache(
    async () => loadPublicCatalog(await payloadInstance(), { category }),
    ['public-catalog', databaseKey(), category ?? 'all', monthDayOf(new Date())],
    { tags: [CATALOG_TAG] },
  )()

export const cachedPackage = async (slug: string): Promise<PublicPackage | null> =>
  unstable_cache(
    async () => (await loadPublicCatalog(await payloadInstance(), { slug }))[0] ?? null,
    ['public-package', databaseKey(), slug, monthDayOf(new Date())],
    { tags: [CATALOG_TAG] },
  )()

export const cachedBundles = (): Promise<PublicBundle[]> =>
  unstable_cache(async () => loadPublicBundles(await payloadInstance()), ['public-bundles', databaseKey()], {
    tags: [CATALOG_TAG],
  })()

/** This server's public origin: SERVER_URL, or the request's own host (live preview messages check it). */
export const requestOrigin = async (): Promise<string> => {
  const { publicOrigin, trustProxy } = settings()
  if (publicOrigin) return publicOrigin
  return originOfRequest({ url: 'http://localhost:3000/', headers: await headers() }, { trustProxy })
}
