import fc from 'fast-check'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Callers, signInCallers } from '../../support/clients/callers'
import type { ApiClient } from '../../support/clients/client'
import {
  databaseFingerprint,
  type HostileRequest,
  hostileContentType,
  hostileJsonText,
  hostileJsonValue,
  hostileMultipart,
  hostileText,
  multipartType,
  oversizedBody,
} from '../../support/fixtures/hostile'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

// Stripe is "configured" but unreachable: nothing a malformed request does may reach it.
process.env.STRIPE_SECRET_KEY = 'sk_test_hostile'
process.env.STRIPE_WEBHOOK_SECRET = 'whsec_hostile'
process.env.STRIPE_API_HOST = '127.0.0.1'
process.env.STRIPE_API_PORT = '9'
process.env.STRIPE_API_PROTOCOL = 'http'

const COLLECTIONS = [
  'users',
  'media',
  'photo-packages',
  'package-themes',
  'package-pricing-tiers',
  'package-bundles',
  'photo-uploads',
  'generations',
  'generation-results',
  'generation-events',
  'credit-ledger',
  'credit-adjustments',
  'purchases',
  'stripe-events',
  'package-analytics',
  'analytics-rollups',
  'analytics-user-days',
  'analytics-likeness-days',
  'analytics-model-days',
  'analytics-rollup-runs',
  'test-renders',
  'payload-locked-documents',
  'payload-preferences',
  'payload-jobs',
  'payload-migrations',
  'payload-kv',
]
const UPLOADS = ['photo-uploads', 'media', 'test-renders', 'generation-results']
const FIELDS = [
  'id',
  'package',
  'owner',
  'user',
  'name',
  'email',
  'slug',
  'amount',
  'createdAt',
  'isActive',
  'priceCents',
  'theme',
]
const OPERATORS = ['equals', 'in', 'not_in', 'greater_than', 'less_than', 'exists', 'like', 'all']
const CUSTOM_ID_ROUTES = [
  'PATCH /api/admin/packages/{id}/toggle-active',
  'PATCH /api/admin/packages/{id}/toggle-featured',
  'POST /api/admin/packages/{id}/duplicate',
  'POST /api/admin/themes/{id}/test-render',
  'GET /api/admin/themes/{id}/test-renders',
  'POST /api/admin/test-renders/{id}/use-as-preview',
  'GET /api/admin/packages/{id}/analytics',
  'GET /api/generations/{id}',
  'GET /api/generations/{id}/events',
  'POST /api/generations/{id}/rating',
  'GET /api/generations/{id}/download',
  'GET /api/packages/{id}',
  'GET /api/packages/{id}/themes',
  'GET /api/packages/{id}/pricing',
]
const BODY_ROUTES = [
  'POST /api/generate',
  'POST /api/checkout',
  'POST /api/stripe/webhook',
  'POST /api/admin/analytics/refresh',
  'POST /api/users/login',
  'POST /api/users/forgot-password',
  'POST /api/users/reset-password',
  'POST /api/users/verify/abc',
  'POST /api/generations/1/rating',
  'POST /api/admin/themes/refresh-seasons',
]

const requestArbitrary: fc.Arbitrary<HostileRequest> = fc.oneof(
  // ids in Payload's REST paths
  fc
    .record({
      method: fc.constantFrom('GET', 'PATCH', 'DELETE'),
      slug: fc.constantFrom(...COLLECTIONS),
      id: hostileText,
      value: hostileJsonValue,
    })
    .map(({ method, slug, id, value }) => ({
      method,
      path: `/api/${slug}/${id}`,
      body: method === 'PATCH' ? JSON.stringify({ name: value }) : undefined,
      contentType: method === 'PATCH' ? 'application/json' : undefined,
    })),
  // paging and filters
  fc
    .record({
      slug: fc.constantFrom(...COLLECTIONS),
      // where/data as raw text are JSON.parsed by Payload; select/populate/joins are its other object params.
      param: fc.constantFrom(
        'page',
        'limit',
        'depth',
        'sort',
        'where',
        'data',
        'select',
        'populate',
        'joins',
        'draft',
      ),
      value: hostileText,
      field: fc.constantFrom(...FIELDS),
      operator: fc.constantFrom(...OPERATORS),
      filter: hostileText,
    })
    .map(({ slug, param, value, field, operator, filter }) => ({
      method: 'GET',
      path: `/api/${slug}?${param}=${value}&where[${field}][${operator}]=${filter}`,
    })),
  // document writes with wrong types, NULs and bad bodies
  fc
    .record({
      slug: fc.constantFrom(...COLLECTIONS),
      body: fc.oneof(
        hostileJsonText,
        fc
          .record({
            field: fc.constantFrom(...FIELDS, 'colorPalette', 'role', 'shootCredits'),
            value: hostileJsonValue,
          })
          .map(({ field, value }) => JSON.stringify({ [field]: value })),
      ),
      contentType: hostileContentType,
    })
    .map(({ slug, body, contentType }) => ({ method: 'POST', path: `/api/${slug}`, body, contentType })),
  // malformed multipart on every upload collection and the prompt lab
  fc
    .record({ slug: fc.constantFrom(...UPLOADS, 'admin/themes/1/test-render'), body: hostileMultipart })
    .map(({ slug, body }) => ({
      method: 'POST',
      path: `/api/${slug}`,
      body,
      contentType: multipartType,
    })),
  // bodies past the body limit, to any collection or endpoint (413, or a 4xx on an upload route
  // for a signed-in caller, whose limit is the file's)
  fc
    .record({
      route: fc.constantFrom(
        ...COLLECTIONS.map((slug) => `POST /api/${slug}`),
        ...BODY_ROUTES,
        'PATCH /api/users/1',
      ),
      body: oversizedBody,
    })
    .map(({ route, body }) => {
      const [method, path] = route.split(' ')
      return { method, path, ...body }
    }),
  // our endpoints: ids in their routes
  fc.record({ route: fc.constantFrom(...CUSTOM_ID_ROUTES), id: hostileText }).map(({ route, id }) => {
    const [method, path] = route.split(' ')
    return {
      method,
      path: path.replace('{id}', id),
      body: method === 'GET' ? undefined : '{}',
      contentType: 'application/json',
    }
  }),
  // our endpoints: bodies of the wrong type, shape or content type
  fc
    .record({
      route: fc.constantFrom(...BODY_ROUTES),
      body: hostileJsonText,
      contentType: hostileContentType,
    })
    .map(({ route, body, contentType }) => {
      const [method, path] = route.split(' ')
      return { method, path, body, contentType }
    }),
  // query strings of our endpoints
  fc
    .record({
      path: fc.constantFrom(
        '/api/packages',
        '/api/bundles',
        '/api/admin/analytics',
        '/api/packages/wedding-portraits',
      ),
      key: fc.constantFrom('category', 'at', 'timeframe', 'from', 'to', 'packageId', '%ff', 'a%00'),
      value: hostileText,
    })
    .map(({ path, key, value }) => ({ method: 'GET', path: `${path}?${key}=${value}` })),
)

/** At least 300 generated malformed requests over every collection and endpoint: no 5xx, no change when refused. */
describe('hostile requests', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let callers: Callers
  const histogram = new Map<number, number>()
  let sent = 0

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    callers = await signInCallers(payload, server.url, 'hostile')
  })

  afterAll(async () => {
    await server?.close()
    console.log(
      `hostile suite: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...histogram].sort()))}`,
    )
  })

  const send = async (client: ApiClient, request: HostileRequest) => {
    const headers: Record<string, string> = {}
    if (request.contentType) headers['content-type'] = request.contentType
    if (client.token) headers.authorization = `JWT ${client.token}`
    const response = await fetch(`${server.url}${request.path}`, {
      method: request.method,
      headers,
      body: request.body,
    })
    const text = await response.text()
    sent++
    histogram.set(response.status, (histogram.get(response.status) ?? 0) + 1)
    return { status: response.status, text }
  }

  for (const role of ['anonymous', 'customer', 'admin'] as const) {
    it(`answers ${role} callers 4xx (never 5xx) and changes nothing when it refuses`, async () => {
      const client = callers[role]
      await fc.assert(
        fc.asyncProperty(requestArbitrary, async (request) => {
          const before = await databaseFingerprint(payload)
          const { status, text } = await send(client, request)
          const label = `${request.method} ${request.path} (${request.contentType ?? 'no type'}) ${request.body?.slice(0, 80) ?? ''} -> ${status} ${text.slice(0, 200)}`
          expect(status, label).toBeLessThan(500)
          if (status >= 400) {
            const after = await databaseFingerprint(payload)
            const changed = after.split(';').filter((part) => !before.split(';').includes(part))
            expect(changed, label).toEqual([])
          }
        }),
        { numRuns: 110, seed: 20261130 + role.length },
      )
    })
  }

  it('reads where given as JSON text like the bracketed form, and refuses what is not a JSON object naming where', async () => {
    const get = (query: string) => callers.anonymous.get(`/api/photo-packages?depth=0&${query}`)
    const byJson = await get(
      `where=${encodeURIComponent(JSON.stringify({ slug: { equals: 'wedding-portraits' } }))}`,
    )
    expect(byJson.status).toBe(200)
    expect(byJson.body.docs.map((doc: { slug: string }) => doc.slug)).toEqual(['wedding-portraits'])
    for (const [query, message] of [
      ['where=x', /^where must be a JSON object/],
      ['where=1', /^where must be a JSON object/],
      ['where=%5B%5D', /^where must be a JSON object/],
      ['where=null', /^where must be a JSON object/],
      [`where=${encodeURIComponent('{"id":{"equals":"abc"}}')}`, /^where\.id\.equals: "abc" is not valid/],
      [`where=${encodeURIComponent('{"name":{"equals":"a\\u0000b"}}')}`, /NUL/],
      [`where=${encodeURIComponent('{"a":'.repeat(40) + '1' + '}'.repeat(40))}`, /nested too deeply/],
      ['data=%7Bnope', /^data must be a JSON object/],
    ] as const) {
      const response = await get(query)
      expect(response.status, query).toBe(400)
      expect(response.body.errors?.[0]?.message ?? response.body.error, query).toMatch(message)
    }
  })

  it('sent at least 300 requests', () => {
    expect(sent).toBeGreaterThanOrEqual(300)
  })
})
