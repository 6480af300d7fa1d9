import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { catalogSeed } from '@/seed/catalog'
import { seedDemo } from '@/seed'
import { upsertCatalogPackage } from '@/seed/upsertPackage'
import { defaultStudioId } from '@/studios/defaultStudio'

import { ApiClient } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

const fieldErrors = (body: any): string[] =>
  (body.errors ?? []).flatMap((e: any) => (e.data?.errors ?? []).map((d: any) => `${d.path}: ${d.message}`))

describe('catalog rules an admin meets in the panel and the API alike', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let admin: ApiClient
  let packageId: number

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    const created = await admin.post('/api/photo-packages', {
      name: 'Rules & Checks!  Package',
      category: 'artistic',
    })
    packageId = created.body.doc.id
  })

  afterAll(async () => {
    await server?.close()
  })

  it('derives the slug from the name by the seed rule, and refuses a duplicate slug', async () => {
    const pkg = await payload.findByID({ collection: 'photo-packages', id: packageId })
    expect(pkg.slug).toBe('rules-checks-package')
    const duplicate = await admin.post('/api/photo-packages', { name: 'Other', slug: 'rules-checks-package' })
    expect(duplicate.status).toBe(400)
    expect(fieldErrors(duplicate.body).join()).toMatch(/slug/)
  })

  it('names the field for out-of-range values', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['/api/photo-packages', { name: 'x'.repeat(101) }, /name/],
      ['/api/photo-packages', { name: 'Six', imagesPerGeneration: 6 }, /imagesPerGeneration/],
      ['/api/photo-packages', { name: 'Half', imagesPerGeneration: 2.5 }, /imagesPerGeneration/],
      [
        '/api/photo-packages',
        { name: 'Short', basePromptTemplate: 'too short {theme}' },
        /basePromptTemplate/,
      ],
      [
        '/api/photo-packages',
        { name: 'Json', generationInstructions: { prefix: 42 } },
        /generationInstructions/,
      ],
      ['/api/package-themes', { package: packageId, name: 'Tiny', settingPrompt: 'short' }, /settingPrompt/],
      [
        '/api/package-themes',
        {
          package: packageId,
          name: 'Colour',
          settingPrompt: 'A quiet studio backdrop',
          colorPalette: ['#fff'],
        },
        /colorPalette/,
      ],
      [
        '/api/package-themes',
        { package: packageId, name: 'Season', settingPrompt: 'A quiet studio backdrop', isSeasonal: true },
        /seasonStart/,
      ],
      [
        '/api/package-themes',
        {
          package: packageId,
          name: 'Feb30',
          settingPrompt: 'A quiet studio backdrop',
          isSeasonal: true,
          seasonStart: '02-30',
          seasonEnd: '03-01',
        },
        /seasonStart/,
      ],
      [
        '/api/package-pricing-tiers',
        { package: packageId, name: 'Was', shootsCount: 5, priceCents: 500, originalPriceCents: 400 },
        /originalPriceCents/,
      ],
      [
        '/api/package-pricing-tiers',
        { package: packageId, name: 'Many', shootsCount: 1001, priceCents: 500 },
        /shootsCount/,
      ],
      [
        '/api/package-pricing-tiers',
        { package: packageId, name: 'Badge', shootsCount: 5, priceCents: 500, badge: 'B'.repeat(31) },
        /badge/,
      ],
      [
        '/api/package-pricing-tiers',
        {
          package: packageId,
          name: 'Features',
          shootsCount: 5,
          priceCents: 500,
          features: Array.from({ length: 11 }, (_, i) => `f${i}`),
        },
        /features/,
      ],
    ]
    for (const [path, body, field] of cases) {
      const response = await admin.post(path, body)
      expect(response.status, `${path} ${JSON.stringify(body).slice(0, 60)}`).toBe(400)
      expect(fieldErrors(response.body).join(' | ')).toMatch(field)
    }
  })

  it('starts a new package hidden, and lists it only once it is active with a theme in season and a tier on sale', async () => {
    const anonymous = new ApiClient(server.url)
    const created = await admin.post('/api/photo-packages', {
      name: 'Going Live Package',
      category: 'artistic',
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id
    const slug = created.body.doc.slug
    expect(created.body.doc.isActive).toBe(false)
    const status = async () => (await admin.get(`/api/photo-packages/${id}`)).body.catalogStatus
    const listed = async () =>
      ((await anonymous.get('/api/packages')).body.packages as any[]).some((pkg) => pkg.id === id)
    expect(await status()).toBe('Hidden: switched off; no active theme; no active tier')

    expect((await admin.patch(`/api/photo-packages/${id}`, { isActive: true })).status).toBe(200)
    expect(await status()).toBe('Hidden: no active theme; no active tier')
    expect(await listed()).toBe(false)
    expect((await anonymous.get(`/api/packages/${slug}`)).status).toBe(404)

    // Only an out-of-season theme: still hidden, and the admin says why.
    const today = new Date()
    const monthDay = (offsetDays: number) =>
      new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(5, 10)
    await admin.post('/api/package-themes', {
      package: id,
      name: 'Far Season',
      settingPrompt: 'A quiet studio backdrop',
      isSeasonal: true,
      seasonStart: monthDay(100),
      seasonEnd: monthDay(110),
    })
    expect(
      (
        await admin.post('/api/package-pricing-tiers', {
          package: id,
          name: 'Pack',
          shootsCount: 5,
          priceCents: 500,
        })
      ).status,
    ).toBe(201)
    expect(await status()).toBe('Hidden: no active theme in season')
    expect((await admin.get(`/api/photo-packages/${id}`)).body.themeCount).toBe(
      '1 of 1 active, 1 out of season',
    )
    expect(await listed()).toBe(false)

    await admin.post('/api/package-themes', {
      package: id,
      name: 'All Year',
      settingPrompt: 'A quiet studio backdrop',
    })
    expect(await status()).toBe('Live')
    expect(await listed()).toBe(true)
    expect((await anonymous.get(`/api/packages/${slug}`)).status).toBe(200)
    // The status is for staff only.
    expect((await anonymous.get(`/api/photo-packages/${id}`)).body.catalogStatus).toBeUndefined()
  })

  it('names an unknown template variable and its position', async () => {
    const response = await admin.post('/api/package-themes', {
      package: packageId,
      name: 'Bad variable',
      settingPrompt: 'A sunlit terrace for {portraitType} in {colour} tones',
    })
    expect(response.status).toBe(400)
    const message = fieldErrors(response.body).join()
    expect(message).toMatch(/settingPrompt/)
    expect(message).toMatch(/colour/)
    expect(message).toMatch(/at position 39/)
  })

  it('keeps at most one default tier per package', async () => {
    const first = await admin.post('/api/package-pricing-tiers', {
      package: packageId,
      name: 'One',
      shootsCount: 5,
      priceCents: 500,
      isDefault: true,
    })
    const second = await admin.post('/api/package-pricing-tiers', {
      package: packageId,
      name: 'Two',
      shootsCount: 10,
      priceCents: 900,
      isDefault: true,
    })
    expect(second.status).toBe(201)
    const firstNow = await payload.findByID({ collection: 'package-pricing-tiers', id: first.body.doc.id })
    expect(firstNow.isDefault).toBe(false)
    const defaults = await payload.count({
      collection: 'package-pricing-tiers',
      where: { package: { equals: packageId }, isDefault: { equals: true } },
    })
    expect(defaults.totalDocs).toBe(1)
  })

  it('deletes a package with its themes and tiers', async () => {
    const pkg = await admin.post('/api/photo-packages', { name: 'Doomed Package', category: 'artistic' })
    const id = pkg.body.doc.id
    await admin.post('/api/package-themes', {
      package: id,
      name: 'Doomed theme',
      settingPrompt: 'A quiet studio backdrop',
    })
    await admin.post('/api/package-pricing-tiers', {
      package: id,
      name: 'Doomed tier',
      shootsCount: 1,
      priceCents: 100,
    })
    expect((await admin.delete(`/api/photo-packages/${id}`)).status).toBe(200)
    expect(
      (await payload.count({ collection: 'package-themes', where: { package: { equals: id } } })).totalDocs,
    ).toBe(0)
    expect(
      (await payload.count({ collection: 'package-pricing-tiers', where: { package: { equals: id } } }))
        .totalDocs,
    ).toBe(0)
  })

  it('leaves nothing behind when one document of a multi-document write is invalid', async () => {
    const broken = {
      ...catalogSeed[0],
      name: 'Half Written',
      slug: 'half-written',
      tiers: [
        {
          ...catalogSeed[0].tiers[0],
          name: 'Bad default',
          priceCents: 900,
          originalPriceCents: 100,
          isDefault: true,
        },
      ],
    }
    await expect(upsertCatalogPackage(payload, broken, (await defaultStudioId(payload))!)).rejects.toThrow()
    const left = await payload.count({
      collection: 'photo-packages',
      where: { slug: { equals: 'half-written' } },
    })
    expect(left.totalDocs).toBe(0)
    const themes = await payload.count({
      collection: 'package-themes',
      where: { name: { equals: catalogSeed[0].themes[0].name } },
    })
    expect(themes.totalDocs).toBe(1)
  })

  it('seeds idempotently: a second run changes nothing', async () => {
    // Other files edit seeded rows; the first run restores them, the second must write nothing.
    await seedDemo(payload, { demoPasswords: true, log: () => undefined })
    const before = await payload.find({ collection: 'package-themes', pagination: false, sort: 'id' })
    const summaries = await seedDemo(payload, { demoPasswords: true, log: () => undefined })
    expect(summaries.every((s) => s.created === 0 && s.updated === 0)).toBe(true)
    const after = await payload.find({ collection: 'package-themes', pagination: false, sort: 'id' })
    expect(after.docs.map((d) => [d.id, d.updatedAt])).toEqual(before.docs.map((d) => [d.id, d.updatedAt]))
  })
})
