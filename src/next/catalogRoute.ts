import config from '@payload-config'
import { REST_GET } from '@payloadcms/next/routes'

import { catalogCache } from '@/catalog/catalogCache'
import { type CatalogView, catalogCacheKey } from '@/catalog/catalogCacheKey'

const payloadGet = REST_GET(config)

/**
 * Next.js route for a public catalog path. A cache hit is answered straight from the
 * in-process cache, skipping Payload's per-request setup (auth, i18n, locale). Anything
 * else (a miss, ?at=, a bad query) goes to the Payload endpoint, which validates, fills
 * the cache and answers exactly as it does without Next.
 */
export const catalogRoute =
  (view: CatalogView) =>
  async (request: Request, context?: { params?: Promise<{ slug?: string }> }): Promise<Response> => {
    // A route without segments (/api/packages) gets no params at all.
    const { slug } = (await context?.params) ?? {}
    const url = new URL(request.url)
    const keys = [...url.searchParams.keys()]
    const category = url.searchParams.get('category') ?? undefined
    const cacheable = keys.every((key) => key === 'category')
    if (cacheable) {
      const body = catalogCache().get(catalogCacheKey(view, view === 'packages' ? category : slug)) as string | undefined
      if (body !== undefined) {
        return new Response(body, {
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=0, must-revalidate' },
        })
      }
    }
    const segments = ['packages', ...(slug ? [slug] : []), ...(view === 'themes' || view === 'pricing' ? [view] : [])]
    return payloadGet(request, { params: Promise.resolve({ slug: segments }) })
  }
