import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import { ApiClient } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

const fieldErrors = (body: any): string[] =>
  (body.errors ?? []).flatMap((error: any) => [
    error.message,
    ...(error.data?.errors ?? []).map((e: any) => `${e.path}: ${e.message}`),
  ])

/** Admin parts that must work for staff: the built-in Duplicate, list order, prices in cents. */
describe('admin parts', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let admin: ApiClient
  const stamp = Date.now()
  const created: Array<{ collection: 'package-bundles' | 'photo-packages'; id: number }> = []

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
  })

  afterAll(async () => {
    for (const { collection, id } of created.reverse())
      await payload.delete({ collection, id }).catch(() => undefined)
    await server?.close()
  })

  it("gives a bundle copied with Payload's Duplicate the next free slug, and offers packages only the full Duplicate", async () => {
    const packages = await payload.find({
      collection: 'photo-packages',
      where: { isActive: { equals: true } },
      limit: 2,
      sort: 'id',
    })
    const bundle = await admin.post('/api/package-bundles', {
      name: `Copy me ${stamp}`,
      items: packages.docs.map((pkg) => ({ package: pkg.id, shoots: 5 })),
      priceCents: 999,
    })
    expect(bundle.status).toBe(201)
    created.push({ collection: 'package-bundles', id: bundle.body.doc.id })
    const slug = bundle.body.doc.slug
    for (const expected of [`${slug}-copy`, `${slug}-copy-2`]) {
      const copy = await admin.post(`/api/package-bundles/${bundle.body.doc.id}/duplicate`)
      expect(copy.status, JSON.stringify(copy.body).slice(0, 300)).toBe(200)
      expect(copy.body.doc.slug).toBe(expected)
      created.push({ collection: 'package-bundles', id: copy.body.doc.id })
    }
    // A package alone would be a package without themes or tiers: the built-in route is gone.
    const pkgCopy = await admin.post(`/api/photo-packages/${packages.docs[0].id}/duplicate`)
    expect(pkgCopy.status).toBeGreaterThanOrEqual(400)
    expect(pkgCopy.status).toBeLessThan(500)
    expect((await admin.post(`/api/admin/packages/${packages.docs[0].id}/duplicate`)).status).toBe(201)
    const copies = await payload.find({
      collection: 'photo-packages',
      where: { slug: { like: `${packages.docs[0].slug}-copy` } },
    })
    for (const doc of copies.docs) created.push({ collection: 'photo-packages', id: doc.id })
  })

  it('lists themes grouped by package, then in the package order', async () => {
    const list = await admin.get('/api/package-themes?limit=500&depth=0')
    expect(list.status).toBe(200)
    const keys = (list.body.docs as Array<{ package: number; sortOrder: number | null }>).map((theme) => [
      theme.package,
      theme.sortOrder ?? 0,
    ])
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1])
    expect(new Set(keys.map(([pkg]) => pkg)).size).toBeGreaterThan(1)
    expect(keys).toEqual(sorted)
  })

  it('keeps prices in whole cents and says so in dollars too', async () => {
    const pkg = await payload.create({
      collection: 'photo-packages',
      data: {
        name: `Cents ${stamp}`,
        category: 'artistic',
        imagesPerGeneration: 1,
        basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
      },
    })
    created.push({ collection: 'photo-packages', id: pkg.id })
    const tier = (body: Record<string, unknown>) =>
      admin.post('/api/package-pricing-tiers', { package: pkg.id, name: 'Pack', shootsCount: 5, ...body })
    const dollars = await tier({ priceCents: 9.99 })
    expect(dollars.status).toBe(400)
    expect(fieldErrors(dollars.body).join(' | ')).toContain(
      'priceCents: Price must be whole cents from 0 to 999999 ($0.00 to $9,999.99).',
    )
    const was = await tier({ priceCents: 999, originalPriceCents: 500 })
    expect(fieldErrors(was.body).join(' | ')).toContain(
      'originalPriceCents: Was-price ($5.00) must be at least the price ($9.99).',
    )
    expect((await tier({ priceCents: 999, originalPriceCents: 1299 })).body.doc).toMatchObject({
      priceCents: 999,
      originalPriceCents: 1299,
    })
  })
})
