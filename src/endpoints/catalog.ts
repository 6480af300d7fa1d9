import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { isAdmin, isStaffUser } from '@/access'
import { catalogCache } from '@/catalog/catalogCache'
import { loadPublicBundles } from '@/catalog/publicBundles'
import { loadPublicCatalog, type PublicPackage } from '@/catalog/publicCatalog'
import { type CatalogView, catalogCacheKey } from '@/catalog/catalogCacheKey'
import { PACKAGE_CATEGORIES } from '@/catalog/vocabulary'
import { forbidden, notFound, unauthorized } from '@/lib/errors'

import { endpoint, json, parse, rawJson } from './respond'

const catalogQuerySchema = z.object({
  category: z
    .enum(PACKAGE_CATEGORIES, {
      error: (issue) => `Unknown category "${String(issue.input)}". Use one of: ${PACKAGE_CATEGORIES.join(', ')}.`,
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

const readQuery = (req: PayloadRequest): CatalogQuery => {
  const query = parse(catalogQuerySchema, Object.fromEntries(req.searchParams ?? []))
  if (query.at && !isStaffUser(req.user)) throw forbidden('Only staff may view the catalog on another date (?at=).')
  return query
}

/** Serves a catalog read from the in-memory cache (see catalogCacheKey); ?at= is never cached. */
const cached = async (
  req: PayloadRequest,
  view: CatalogView,
  scope: string | undefined,
  query: CatalogQuery,
  build: (at: Date) => Promise<unknown>,
): Promise<Response> => {
  if (query.at) return json(await build(new Date(`${query.at}T12:00:00Z`)))
  const fullKey = catalogCacheKey(view, scope)
  const cache = catalogCache()
  let body = cache.get(fullKey) as string | undefined
  if (body === undefined) {
    body = JSON.stringify(await build(new Date()))
    cache.set(fullKey, body)
  }
  return rawJson(body, { 'cache-control': 'public, max-age=0, must-revalidate' })
}

const findPackage = async (req: PayloadRequest, at: Date): Promise<PublicPackage> => {
  const slug = parse(slugSchema, req.routeParams?.slug)
  const [pkg] = await loadPublicCatalog(req.payload, { slug, at })
  if (!pkg) throw notFound(`No active package called "${slug}".`)
  return pkg
}

export const catalogEndpoints: Endpoint[] = [
  {
    path: '/packages',
    method: 'get',
    handler: endpoint(async (req) => {
      const query = readQuery(req)
      return cached(req, 'packages', query.category, query, async (at) => ({
        packages: await loadPublicCatalog(req.payload, { category: query.category, at }),
      }))
    }),
  },
  {
    path: '/packages/:slug',
    method: 'get',
    handler: endpoint(async (req) => {
      const query = readQuery(req)
      return cached(req, 'package', String(req.routeParams?.slug), query, async (at) => ({
        package: await findPackage(req, at),
      }))
    }),
  },
  {
    path: '/packages/:slug/themes',
    method: 'get',
    handler: endpoint(async (req) => {
      const query = readQuery(req)
      return cached(req, 'themes', String(req.routeParams?.slug), query, async (at) => ({
        themes: (await findPackage(req, at)).themes,
      }))
    }),
  },
  {
    path: '/packages/:slug/pricing',
    method: 'get',
    handler: endpoint(async (req) => {
      const query = readQuery(req)
      return cached(req, 'pricing', String(req.routeParams?.slug), query, async (at) => ({
        pricing: (await findPackage(req, at)).pricing,
      }))
    }),
  },
  {
    path: '/bundles',
    method: 'get',
    handler: endpoint(async (req) => {
      const query = readQuery(req)
      return cached(req, 'bundles', undefined, query, async () => ({ bundles: await loadPublicBundles(req.payload) }))
    }),
  },
  {
    path: '/admin/packages/:id/toggle-active',
    method: 'patch',
    handler: endpoint(async (req) => {
      if (!req.user) throw unauthorized()
      if (!(await isAdmin({ req }))) throw forbidden('Only admins may switch packages on or off.')
      const id = parse(z.coerce.number().int().positive('Package id must be a positive whole number.'), req.routeParams?.id)
      const current = await req.payload
        .findByID({ collection: 'photo-packages', id, depth: 0, req, overrideAccess: true })
        .catch(() => null)
      if (!current) throw notFound(`No package with id ${id}.`)
      const updated = await req.payload.update({
        collection: 'photo-packages',
        id,
        data: { isActive: !current.isActive },
        req,
        overrideAccess: true,
        depth: 0,
      })
      return json({ package: { id: updated.id, slug: updated.slug, isActive: updated.isActive } })
    }),
  },
]
