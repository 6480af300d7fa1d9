import config from '@payload-config'
import { unstable_cache } from 'next/cache'
import { headers } from 'next/headers'
import { notFound } from 'next/navigation'
import { getPayload, type Payload } from 'payload'

import { loadPublicBundles, type PublicBundle } from '@/catalog/publicBundles'
import { loadPublicCatalog, type PublicPackage } from '@/catalog/publicCatalog'
import { catalogGeneration } from '@/catalog/cache'
import { CATALOG_TAG, catalogStudioTag } from '@/catalog/invalidate'
import { monthDayOf } from '@/catalog/season'
import { requestOrigin as originOfRequest } from '@/lib/requestOrigin'
import { settings } from '@/lib/settings'
import { loadStudioBranding, platformBranding, type StudioBranding } from '@/studios/branding'
import { type RequestStudio, resolveStudio } from '@/studios/resolveStudio'
import { trustStudioOrigins } from '@/studios/studioOrigins'
import type { User } from '@/payload-types'

/*
 * The Next edge: how server components reach Payload (the config, the auth cookie, Next's data cache).
 * Only src/app, src/admin and this room import next/* or @payload-config.
 */
export const payloadInstance = (): Promise<Payload> => getPayload({ config })

/** The signed-in user from the Payload auth cookie, or null (server components only). */
export const currentUser = async (): Promise<User | null> => {
  const payload = await payloadInstance()
  // A studio's own site is on Payload's CSRF allowlist before Payload reads the cookie.
  await trustStudioOrigins(payload)
  const { user } = await payload.auth({ headers: await headers() })
  return (user as User | null) ?? null
}

/**
 * The public catalog for pages, of the request's studio (requestStudio): cached by Next under
 * the `catalog` tag (a full purge revalidates it) and the studio's own `catalog:studio:<id>` (an
 * edit of that studio's catalog revalidates it). Keyed by studio, and by day so seasonal themes
 * roll over at midnight.
 *
 * Next's data cache lives on disk under .next, per node, and outlives a server: the database
 * is part of the key so a cache filled against one database is never served for another, and
 * so is the studio's catalog cache generation (src/catalog/cache.ts), which every invalidation
 * of that studio (or of all) changes on every node (Redis pub/sub), where revalidateTag reaches
 * only the node that made the edit.
 */
const databaseKey = (studio: number): string =>
  `${settings().databaseUri ?? settings().sqliteUrl ?? 'embedded'}#${catalogGeneration(studio)}`

/** The tags of studio `studio`'s cached reads: the global one and its own. */
const tagsOf = (studio: number): string[] => [CATALOG_TAG, catalogStudioTag(studio)]

/**
 * The studio this page request's Host is served by (src/studios/resolveStudio.ts); a host no
 * active studio serves gets the site's not-found page, never another studio's catalog.
 */
export const requestStudio = async (): Promise<RequestStudio> => {
  const studio = await resolveStudio(await payloadInstance(), await headers())
  if (!studio) notFound()
  return studio
}

/**
 * The branding of the studio this request's Host is served by, or the platform's own look for a
 * host none serves (the layout renders either; the page itself answers not-found). Cached as the
 * catalog is: a save of the studio (or of its media) clears it on every node.
 */
export const requestBranding = async (): Promise<StudioBranding> => {
  const studio = await resolveStudio(await payloadInstance(), await headers())
  if (!studio) return platformBranding()
  return unstable_cache(
    async () => loadStudioBranding(await payloadInstance(), studio.id),
    ['studio-branding', databaseKey(studio.id), `studio ${studio.id}`],
    { tags: tagsOf(studio.id) },
  )()
}

export const cachedCatalog = async (category?: PublicPackage['category']): Promise<PublicPackage[]> => {
  const { id: studio } = await requestStudio()
  return unstable_cache(
    async () => loadPublicCatalog(await payloadInstance(), { studio, category }),
    ['public-catalog', databaseKey(studio), `studio ${studio}`, category ?? 'all', monthDayOf(new Date())],
    { tags: tagsOf(studio) },
  )()
}

export const cachedPackage = async (slug: string): Promise<PublicPackage | null> => {
  const { id: studio } = await requestStudio()
  return unstable_cache(
    async () => (await loadPublicCatalog(await payloadInstance(), { studio, slug }))[0] ?? null,
    ['public-package', databaseKey(studio), `studio ${studio}`, slug, monthDayOf(new Date())],
    { tags: tagsOf(studio) },
  )()
}

export const cachedBundles = async (): Promise<PublicBundle[]> => {
  const { id: studio } = await requestStudio()
  return unstable_cache(
    async () => loadPublicBundles(await payloadInstance(), studio),
    ['public-bundles', databaseKey(studio), `studio ${studio}`],
    { tags: tagsOf(studio) },
  )()
}

/** This server's public origin: SERVER_URL, or the request's own host (live preview messages check it). */
export const requestOrigin = async (): Promise<string> => {
  const { publicOrigin, trustProxy } = settings()
  if (publicOrigin) return publicOrigin
  return originOfRequest({ url: 'http://localhost:3000/', headers: await headers() }, { trustProxy })
}
