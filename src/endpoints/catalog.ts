import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { hasRole, isStudioStaff, studioIdsOf } from '@/access'
import {
  type CatalogView,
  catalogCacheKey,
  catalogGeneration,
  catalogHeaders,
  etagMatches,
  readCatalogEntry,
  storeCatalogBody,
} from '@/catalog/cache'
import { loadPublicBundles } from '@/catalog/publicBundles'
import { loadPublicCatalog, type PublicPackage } from '@/catalog/publicCatalog'
import { PACKAGE_CATEGORIES } from '@/catalog/vocabulary'
import { forbidden, notFound } from '@/lib/errors'
import { studioOfRequest } from '@/studios/resolveStudio'

import { endpoint, json, parse, rawJson } from './respond'

const catalogQuerySchema = z.object({
  category: z
    .enum(PACKAGE_CATEGORIES, {
      error: (issue) =>
        `Unknown category "${String(issue.input)}". Use one of: ${PACKAGE_CATEGORIES.join(', ')}.`,
    })
    .optional(),
  at: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date written YYYY-MM-DD.')
    .refine((value) => !Number.isNaN(Date.parse(`${value}T12:00:00Z`)), 'Not a real date.')
    .optional(),
})

const slugSchema = z.string().regex(/^[a-z0-9-]{1,120}$/, 'A package slug holds only a-z, 0-9 and hyphens.')

type CatalogQuery = z.infer<typeof catalogQuerySchema>

const readQuery = (req: PayloadRequest): CatalogQuery =>
  parse(catalogQuerySchema, Object.fromEntries(req.searchParams ?? []))

/** ?at= previews the catalog on another date: for platform admins and the staff of the studio served. */
const mayPreviewDates = (user: unknown, studio: number): boolean =>
  hasRole(user as { role?: unknown }, 'admin') ||
  (isStudioStaff(user as { role?: unknown }) && studioIdsOf(user).map(String).includes(String(studio)))

/**
 * Serves a catalog read of the request's studio from the catalog cache (src/catalog/cache.ts),
 * filling it on a miss, with an ETag (304 for a matching If-None-Match), a Cache-Status (hit or
 * miss) and the Surrogate-Control that lets the production front keep a copy; ?at= is never cached.
 */
const cached = async (
  req: PayloadRequest,
  view: CatalogView,
  scope: string | undefined,
  query: CatalogQuery,
  build: (at: Date, studio: number) => Promise<unknown>,
): Promise<Response> => {
  const { id: studio } = await studioOfRequest(req)
  if (query.at && !mayPreviewDates(req.user, studio))
    throw forbidden("Only this studio's staff may view the catalog on another date (?at=).")
  if (query.at) return json(await build(new Date(`${query.at}T12:00:00Z`), studio))
  const key = catalogCacheKey(studio, view, scope)
  const generation = catalogGeneration(studio)
  const found = readCatalogEntry(key)
  const entry =
    found ?? storeCatalogBody(studio, key, JSON.stringify(await build(new Date(), studio)), generation)
  const headers = catalogHeaders(entry, { hit: Boolean(found) })
  return etagMatches(req.headers.get('if-none-match'), entry.etag)
    ? new Response(null, { status: 304, headers })
    : rawJson(entry.body, headers)
}

const findPackage = async (req: PayloadRequest, at: Date, studio: number): Promise<PublicPackage> => {
  const slug = parse(slugSchema, req.routeParams?.slug, 'slug')
  const [pkg] = await loadPublicCatalog(req.payload, { studio, slug, at })
  if (!pkg) throw notFound(`No active package called "${slug}".`)
  return pkg
}

export const catalogEndpoints: Endpoint[] = [
  {
    path: '/packages',
    method: 'get',
    handler: endpoint(async (req) => {
      const query = readQuery(req)
      return cached(req, 'packages', query.category, query, async (at, studio) => ({
        packages: await loadPublicCatalog(req.payload, { studio, category: query.category, at }),
      }))
    }),
  },
  {
    path: '/packages/:slug',
    method: 'get',
    handler: endpoint(async (req) => {
      const query = readQuery(req)
      return cached(req, 'package', String(req.routeParams?.slug), query, async (at, studio) => ({
        package: await findPackage(req, at, studio),
      }))
    }),
  },
  {
    path: '/packages/:slug/themes',
    method: 'get',
    handler: endpoint(async (req) => {
      const query = readQuery(req)
      return cached(req, 'themes', String(req.routeParams?.slug), query, async (at, studio) => ({
        themes: (await findPackage(req, at, studio)).themes,
      }))
    }),
  },
  {
    path: '/packages/:slug/pricing',
    method: 'get',
    handler: endpoint(async (req) => {
      const query = readQuery(req)
      return cached(req, 'pricing', String(req.routeParams?.slug), query, async (at, studio) => {
        const { pricing, currency } = await findPackage(req, at, studio)
        return { pricing, currency }
      })
    }),
  },
  {
    path: '/bundles',
    method: 'get',
    handler: endpoint(async (req) => {
      const query = readQuery(req)
      return cached(req, 'bundles', undefined, query, async (_at, studio) => ({
        bundles: await loadPublicBundles(req.payload, studio),
      }))
    }),
  },
]
