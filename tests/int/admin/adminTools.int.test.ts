import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { refreshAnalyticsRollups } from '@/analytics/rollup'
import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import { ApiClient } from '../../support/clients/client'
import { portraitJpeg, svgImage } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

const testRenderForm = async (options: Record<string, unknown>, file?: Buffer, type = 'image/jpeg') => {
  const form = new FormData()
  if (file) form.append('file', new Blob([new Uint8Array(file)], { type }), 'sample.jpg')
  form.append('_payload', JSON.stringify(options))
  return form
}

/** Staff run the catalog from the admin: quick actions on packages, list figures, the prompt lab. */
describe('admin tools for packages and themes', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let anonymous: ApiClient
  let admin: ApiClient
  let editor: ApiClient
  let customer: ApiClient
  let wedding: { id: number; slug: string }
  let themeId: number

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    anonymous = new ApiClient(server.url)
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    editor = await new ApiClient(server.url).login('editor@photo-packages.local', 'editor-demo-pass')
    customer = await new ApiClient(server.url).login('customer@photo-packages.local', 'customer-demo-pass')
    const found = await payload.find({
      collection: 'photo-packages',
      where: { slug: { equals: 'wedding-portraits' } },
      limit: 1,
    })
    wedding = { id: found.docs[0].id, slug: found.docs[0].slug as string }
    const theme = await payload.create({
      collection: 'package-themes',
      data: {
        package: wedding.id,
        name: `Lab Theme ${Date.now()}`,
        settingPrompt: 'a sunlit greenhouse full of ferns',
        styleModifiers: ['soft film grain'],
        colorPalette: ['#3a5a40', '#dad7cd'],
      },
    })
    themeId = theme.id
  })

  afterEach(() => {
    delete process.env.PROMPT_LAB_DAILY_LIMIT
  })

  afterAll(async () => {
    await payload.delete({ collection: 'test-renders', where: { theme: { equals: themeId } } })
    await payload.delete({ collection: 'package-themes', id: themeId })
    await server?.close()
  })

  it('duplicates a package with every theme and tier, inactive, with a new unique slug', async () => {
    expect((await anonymous.post(`/api/admin/packages/${wedding.id}/duplicate`)).status).toBe(401)
    expect((await editor.post(`/api/admin/packages/${wedding.id}/duplicate`)).status).toBe(403)
    expect((await customer.post(`/api/admin/packages/${wedding.id}/duplicate`)).status).toBe(403)
    expect((await admin.post('/api/admin/packages/not-a-number/duplicate')).status).toBe(400)
    expect((await admin.post('/api/admin/packages/99999999/duplicate')).status).toBe(404)

    const source = await payload.findByID({
      collection: 'photo-packages',
      id: wedding.id,
      depth: 0,
      joins: false,
    })
    // Other files leave themes in the Wedding package with the same sortOrder: ties go by id.
    const sourceThemes = await payload.find({
      collection: 'package-themes',
      where: { package: { equals: wedding.id } },
      pagination: false,
      depth: 0,
      sort: ['sortOrder', 'id'],
    })
    const sourceTiers = await payload.find({
      collection: 'package-pricing-tiers',
      where: { package: { equals: wedding.id } },
      pagination: false,
      depth: 0,
      sort: ['sortOrder', 'id'],
    })

    const first = await admin.post(`/api/admin/packages/${wedding.id}/duplicate`)
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ themes: sourceThemes.totalDocs, tiers: sourceTiers.totalDocs })
    expect(first.body.package).toMatchObject({
      slug: 'wedding-portraits-copy',
      isActive: false,
      name: `${source.name} (copy)`,
    })
    const second = await admin.post(`/api/admin/packages/${wedding.id}/duplicate`)
    expect(second.body.package.slug).toBe('wedding-portraits-copy-2')

    const copyId = first.body.package.id
    const copy = await payload.findByID({ collection: 'photo-packages', id: copyId, depth: 0, joins: false })
    expect(copy).toMatchObject({
      isActive: false,
      isFeatured: false,
      category: source.category,
      imagesPerGeneration: source.imagesPerGeneration,
      basePromptTemplate: source.basePromptTemplate,
      description: source.description,
    })
    expect(copy.generationInstructions).toEqual(source.generationInstructions)

    const strip = ({
      id,
      package: _p,
      createdAt,
      updatedAt,
      popularityScore,
      inSeason,
      stripeProductId,
      stripePriceId,
      ...rest
    }: any) => rest
    const copiedThemes = await payload.find({
      collection: 'package-themes',
      where: { package: { equals: copyId } },
      pagination: false,
      depth: 0,
      sort: ['sortOrder', 'id'],
    })
    expect(copiedThemes.docs.map(strip)).toEqual(sourceThemes.docs.map(strip))
    const copiedTiers = await payload.find({
      collection: 'package-pricing-tiers',
      where: { package: { equals: copyId } },
      pagination: false,
      depth: 0,
      sort: ['sortOrder', 'id'],
    })
    expect(copiedTiers.docs.map(strip)).toEqual(sourceTiers.docs.map(strip))
    expect(copiedTiers.docs.filter((tier) => tier.isDefault)).toHaveLength(
      sourceTiers.docs.filter((tier) => tier.isDefault).length,
    )

    // The copy is inactive: customers never see it; the original keeps its themes and tiers.
    const catalog = await anonymous.get('/api/packages')
    expect(catalog.body.packages.map((p: any) => p.slug)).not.toContain('wedding-portraits-copy')
    expect(
      (await payload.count({ collection: 'package-themes', where: { package: { equals: wedding.id } } }))
        .totalDocs,
    ).toBe(sourceThemes.totalDocs)

    for (const id of [copyId, second.body.package.id])
      await payload.delete({ collection: 'photo-packages', id })
  })

  it('leaves nothing behind when a copy cannot be made', async () => {
    const broken = await payload.create({
      collection: 'photo-packages',
      data: {
        name: 'Broken copy source',
        category: 'artistic',
        isActive: false,
        imagesPerGeneration: 3,
        basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
      },
    })
    await payload.create({
      collection: 'package-themes',
      data: { package: broken.id, name: 'Fine theme', settingPrompt: 'a plain grey studio backdrop' },
    })
    // A stored theme the current rules refuse (written past validation): copying it must fail as a whole.
    const bad = await payload.create({
      collection: 'package-themes',
      data: { package: broken.id, name: 'Old theme', settingPrompt: 'a plain white studio backdrop' },
    })
    await payload.db.updateOne({
      collection: 'package-themes',
      id: bad.id,
      data: { settingPrompt: 'uses an {unknownVariable}' },
      returning: false,
    })
    const packagesBefore = (await payload.count({ collection: 'photo-packages' })).totalDocs
    const themesBefore = (await payload.count({ collection: 'package-themes' })).totalDocs

    const response = await admin.post(`/api/admin/packages/${broken.id}/duplicate`)
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toMatch(/unknownVariable/)
    expect((await payload.count({ collection: 'photo-packages' })).totalDocs).toBe(packagesBefore)
    expect((await payload.count({ collection: 'package-themes' })).totalDocs).toBe(themesBefore)
    await payload.delete({ collection: 'photo-packages', id: broken.id })
  })

  it('toggles featured for admins only, and the catalog shows it on the next request', async () => {
    const engagement = (
      await payload.find({ collection: 'photo-packages', where: { slug: { equals: 'engagement' } } })
    ).docs[0]
    expect((await anonymous.patch(`/api/admin/packages/${engagement.id}/toggle-featured`)).status).toBe(401)
    expect((await editor.patch(`/api/admin/packages/${engagement.id}/toggle-featured`)).status).toBe(403)
    expect((await admin.patch('/api/admin/packages/99999999/toggle-featured')).status).toBe(404)
    await anonymous.get('/api/packages')
    const on = await admin.patch(`/api/admin/packages/${engagement.id}/toggle-featured`)
    expect(on.status).toBe(200)
    expect(on.body.package.isFeatured).toBe(!engagement.isFeatured)
    const listed = (await anonymous.get('/api/packages')).body.packages.find(
      (p: any) => p.slug === 'engagement',
    )
    expect(listed.isFeatured).toBe(!engagement.isFeatured)
    const back = await admin.patch(`/api/admin/packages/${engagement.id}/toggle-featured`)
    expect(back.body.package.isFeatured).toBe(Boolean(engagement.isFeatured))
  })

  it('shows staff the list columns from the rollups: themes, tiers, 30-day generations, and revenue to admins only', async () => {
    const themes = await payload.count({
      collection: 'package-themes',
      where: { package: { equals: wedding.id } },
    })
    const activeThemes = await payload.count({
      collection: 'package-themes',
      where: { package: { equals: wedding.id }, isActive: { equals: true } },
    })
    // Other files add (inactive) tiers to Wedding too: count them as the column does.
    const tiers = await payload.count({
      collection: 'package-pricing-tiers',
      where: { package: { equals: wedding.id } },
    })
    const activeTiers = await payload.count({
      collection: 'package-pricing-tiers',
      where: { package: { equals: wedding.id }, isActive: { equals: true } },
    })
    await refreshAnalyticsRollups(payload, { mode: 'full' })
    const rollups = await payload.find({
      collection: 'analytics-rollups',
      where: { package: { equals: wedding.id } },
      pagination: false,
    })
    const today = new Date().toISOString().slice(0, 10)
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10)
    const recent = rollups.docs.filter((row) => row.day >= from && row.day <= today)
    const generations = recent.reduce((sum, row) => sum + (row.generations ?? 0), 0)
    const revenue = recent.reduce((sum, row) => sum + (row.revenueCents ?? 0), 0)

    // The seed's seasonal theme is out of season part of the year: the count says so then.
    const inSeason = (await anonymous.get('/api/packages/wedding-portraits/themes')).body.themes.length
    const outOfSeason = activeThemes.totalDocs - inSeason
    const themeCount = `${activeThemes.totalDocs} of ${themes.totalDocs} active${outOfSeason ? `, ${outOfSeason} out of season` : ''}`

    // By id: other files create packages, so the first page need not hold Wedding.
    const weddingOnly = `/api/photo-packages?where[id][equals]=${wedding.id}&depth=0`
    const asAdmin = await admin.get(weddingOnly)
    const row = asAdmin.body.docs.find((doc: any) => doc.id === wedding.id)
    expect(row).toMatchObject({
      themeCount,
      tierCount: `${activeTiers.totalDocs} of ${tiers.totalDocs} active`,
      generations30d: generations,
      revenue30dCents: revenue,
    })
    const asEditor = (await editor.get(weddingOnly)).body.docs.find((doc: any) => doc.id === wedding.id)
    expect(asEditor.generations30d).toBe(generations)
    expect(asEditor).not.toHaveProperty('revenue30dCents')
    // Wedding is active, so a visitor reads it too, without the staff columns.
    const asVisitor = (await anonymous.get(weddingOnly)).body.docs.find((doc: any) => doc.id === wedding.id)
    expect(asVisitor).not.toHaveProperty('generations30d')
    expect(asVisitor).not.toHaveProperty('themeCount')
  })

  it('lets an editor test-render a theme draft on a sample photo, logged and free of customer credits', async () => {
    const editorUser = (
      await payload.find({ collection: 'users', where: { email: { equals: 'editor@photo-packages.local' } } })
    ).docs[0]
    const ledgerBefore = (await payload.count({ collection: 'credit-ledger' })).totalDocs
    // Other files may have used some of the editor's quota today (UTC): count from there.
    const midnight = new Date(new Date().toISOString().slice(0, 10)).toISOString()
    const usedBefore = (
      await payload.count({
        collection: 'test-renders',
        where: {
          and: [{ ranBy: { equals: editorUser.id } }, { createdAt: { greater_than_equal: midnight } }],
        },
      })
    ).totalDocs
    const photo = await portraitJpeg(600, 800)
    const draft = { settingPrompt: 'a lavender field at dusk for a {portraitType} portrait' }
    const response = await editor.post(
      `/api/admin/themes/${themeId}/test-render`,
      await testRenderForm({ portraitType: 'couple', customPrompt: 'holding hands', draft }, photo),
    )
    expect(response.status).toBe(201)
    expect(response.body.testRender).toMatchObject({
      status: 'succeeded',
      portraitType: 'couple',
      provider: 'offline',
      isPreview: true,
    })
    expect(response.body.testRender.prompt).toContain('a lavender field at dusk for a couple portrait')
    expect(response.body.testRender.prompt).toContain('holding hands')
    expect(response.body).toMatchObject({ usedToday: usedBefore + 1, dailyLimit: 20 })

    const stored = await payload.findByID({
      collection: 'test-renders',
      id: response.body.testRender.id,
      depth: 0,
    })
    expect(stored).toMatchObject({ ranBy: editorUser.id, theme: themeId, status: 'succeeded' })
    expect(stored.filename).toMatch(/\.webp$/)
    expect((await payload.count({ collection: 'credit-ledger' })).totalDocs).toBe(ledgerBefore)
    // The saved theme is unchanged: the draft was only tried.
    expect((await payload.findByID({ collection: 'package-themes', id: themeId })).settingPrompt).toBe(
      'a sunlit greenhouse full of ferns',
    )

    // The gallery: staff see it (and its image); customers and visitors do not.
    const gallery = await editor.get(`/api/admin/themes/${themeId}/test-renders`)
    expect(gallery.body.testRenders[0].id).toBe(response.body.testRender.id)
    const image = await fetch(`${server.url}${gallery.body.testRenders[0].url}`, {
      headers: { authorization: `JWT ${editor.token}` },
    })
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/webp')
    expect((await customer.get(`/api/admin/themes/${themeId}/test-renders`)).status).toBe(403)
    expect((await customer.get(`/api/test-renders/${stored.id}`)).status).toBe(403)
    expect((await anonymous.get('/api/test-renders')).status).toBe(403)
    expect((await fetch(`${server.url}${gallery.body.testRenders[0].url}`)).status).toBe(403)
  })

  it('turns a test render into the theme preview image', async () => {
    const gallery = await editor.get(`/api/admin/themes/${themeId}/test-renders`)
    const chosen = await editor.post(
      `/api/admin/test-renders/${gallery.body.testRenders[0].id}/use-as-preview`,
    )
    expect(chosen.status).toBe(200)
    const theme = await payload.findByID({ collection: 'package-themes', id: themeId, depth: 0 })
    expect(theme.previewImage).toBe(chosen.body.mediaId)
    const media = await payload.findByID({ collection: 'media', id: chosen.body.mediaId })
    expect(media.mimeType).toBe('image/webp')
    expect(
      (await customer.post(`/api/admin/test-renders/${gallery.body.testRenders[0].id}/use-as-preview`))
        .status,
    ).toBe(403)
  })

  it('refuses bad test renders with a message and writes nothing', async () => {
    const before = (await payload.count({ collection: 'test-renders' })).totalDocs
    const photo = await portraitJpeg(600, 800)
    expect(
      (
        await anonymous.post(
          `/api/admin/themes/${themeId}/test-render`,
          await testRenderForm({ portraitType: 'single' }, photo),
        )
      ).status,
    ).toBe(401)
    expect(
      (
        await customer.post(
          `/api/admin/themes/${themeId}/test-render`,
          await testRenderForm({ portraitType: 'single' }, photo),
        )
      ).status,
    ).toBe(403)
    const noFile = await editor.post(
      `/api/admin/themes/${themeId}/test-render`,
      await testRenderForm({ portraitType: 'single' }),
    )
    expect(noFile.status).toBe(400)
    expect(noFile.body.error).toMatch(/sample photo/)
    const svg = await editor.post(
      `/api/admin/themes/${themeId}/test-render`,
      await testRenderForm({ portraitType: 'single' }, svgImage(), 'image/svg+xml'),
    )
    expect(svg.status).toBe(400)
    const badType = await editor.post(
      `/api/admin/themes/${themeId}/test-render`,
      await testRenderForm({ portraitType: 'group' }, photo),
    )
    expect(badType.status).toBe(400)
    expect(badType.body.error).toMatch(/portraitType/)
    const badDraft = await editor.post(
      `/api/admin/themes/${themeId}/test-render`,
      await testRenderForm({ portraitType: 'single', draft: { settingPrompt: 'a {nope} garden' } }, photo),
    )
    expect(badDraft.status).toBe(400)
    expect(badDraft.body.error).toMatch(/nope/)
    expect(
      (
        await editor.post(
          '/api/admin/themes/99999999/test-render',
          await testRenderForm({ portraitType: 'single' }, photo),
        )
      ).status,
    ).toBe(404)
    expect((await payload.count({ collection: 'test-renders' })).totalDocs).toBe(before)
  })

  it('limits each editor to PROMPT_LAB_DAILY_LIMIT test renders a day, with a 429 and a message', async () => {
    const adminUser = (
      await payload.find({ collection: 'users', where: { email: { equals: 'admin@photo-packages.local' } } })
    ).docs[0]
    const usedToday = (
      await payload.count({
        collection: 'test-renders',
        where: {
          ranBy: { equals: adminUser.id },
          createdAt: { greater_than_equal: `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z` },
        },
      })
    ).totalDocs
    process.env.PROMPT_LAB_DAILY_LIMIT = String(usedToday + 2)
    const photo = await portraitJpeg(600, 800)
    // Three at once: the row lock lets exactly two through.
    const responses = await Promise.all(
      [0, 1, 2].map(async () =>
        admin.post(
          `/api/admin/themes/${themeId}/test-render`,
          await testRenderForm({ portraitType: 'single' }, photo),
        ),
      ),
    )
    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, 429])
    const refused = responses.find((r) => r.status === 429)!
    expect(refused.body.error).toMatch(new RegExp(`your ${usedToday + 2} test renders for today`))
    // Another editor has their own allowance.
    const other = await editor.post(
      `/api/admin/themes/${themeId}/test-render`,
      await testRenderForm({ portraitType: 'family', familyMemberCount: 5 }, photo),
    )
    expect(other.status).toBe(201)
    expect(other.body.testRender.prompt).toContain('exactly 5 people')
  })
})
