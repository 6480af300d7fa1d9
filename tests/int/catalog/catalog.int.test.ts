import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { isInSeason } from '@/catalog/season'
import { catalogSeed } from '@/seed/catalog'

import { ApiClient } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

describe('the public catalog API', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let anonymous: ApiClient
  let admin: ApiClient
  let editor: ApiClient
  let customer: ApiClient

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    anonymous = new ApiClient(server.url)
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    editor = await new ApiClient(server.url).login('editor@photo-packages.local', 'editor-demo-pass')
    customer = await new ApiClient(server.url).login('customer@photo-packages.local', 'customer-demo-pass')
  })

  afterAll(async () => {
    await server?.close()
  })

  it('lists active packages, featured first then by sortOrder, with themes and tiers but no prompts', async () => {
    const { status, body } = await anonymous.get('/api/packages')
    expect(status).toBe(200)
    const slugs = body.packages.map((p: any) => p.slug)
    expect(slugs[0]).toBe('wedding-portraits')
    expect(slugs).toEqual(expect.arrayContaining(['engagement', 'professional-headshots', 'anniversary']))
    expect(slugs).not.toContain('retired-studio-classics')
    const wedding = body.packages[0]
    expect(
      wedding.pricing.map((t: any) => [t.name, t.shootsCount, t.priceCents, t.badge ?? null, t.isDefault]),
    ).toEqual([
      ['Starter', 10, 499, null, false],
      ['Wedding', 25, 999, 'MOST POPULAR', true],
      ['Party', 75, 2499, 'BEST VALUE', false],
    ])
    expect(wedding.fromPricePerShootCents).toBe(Math.round(2499 / 75))
    const raw = JSON.stringify(body)
    expect(raw).not.toContain('settingPrompt')
    expect(raw).not.toContain('basePromptTemplate')
    expect(raw).not.toContain('styleModifiers')
  })

  it('holds the seed: 12 wedding themes (one premium, one seasonal) and 3 tiers', async () => {
    const wedding = await payload.find({
      collection: 'photo-packages',
      where: { slug: { equals: 'wedding-portraits' } },
    })
    // Other files add themes of their own; the seed's are the active ones it named.
    const themes = await payload.find({
      collection: 'package-themes',
      where: {
        package: { equals: wedding.docs[0].id },
        name: { in: catalogSeed[0].themes.map((t) => t.name) },
      },
      pagination: false,
    })
    expect(themes.totalDocs).toBe(12)
    expect(themes.docs.filter((t) => t.isPremium)).toHaveLength(1)
    const seasonal = themes.docs.filter((t) => t.isSeasonal)
    expect(seasonal).toHaveLength(1)
    const winter = await editor.get('/api/packages/wedding-portraits/themes?at=2026-12-20')
    expect(winter.body.themes).toHaveLength(12)
    const summer = await editor.get('/api/packages/wedding-portraits/themes?at=2026-06-20')
    expect(summer.body.themes).toHaveLength(11)
    const today = await anonymous.get('/api/packages/wedding-portraits/themes')
    expect(today.body.themes).toHaveLength(isInSeason(seasonal[0]) ? 12 : 11)
    const pricing = await anonymous.get('/api/packages/wedding-portraits/pricing')
    expect(pricing.body.pricing).toHaveLength(3)
  })

  it('filters by category and refuses unknown categories and bad dates with a message', async () => {
    const professional = await anonymous.get('/api/packages?category=professional')
    // Other files may add packages of their own: every one listed must be professional.
    expect(professional.body.packages.every((p: any) => p.category === 'professional')).toBe(true)
    const headshots = professional.body.packages.find((p: any) => p.slug === 'professional-headshots')
    expect(headshots.imagesPerGeneration).toBe(5)
    expect(professional.body.packages.map((p: any) => p.slug)).not.toContain('wedding-portraits')
    const unknown = await anonymous.get('/api/packages?category=underwater')
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toMatch(/underwater/)
    expect((await anonymous.get('/api/packages?at=2026-12-20')).status).toBe(403)
    const badDate = await editor.get('/api/packages?at=20-12-2026')
    expect(badDate.status).toBe(400)
    expect(badDate.body.error).toMatch(/YYYY-MM-DD/)
  })

  it('answers 404 with a message for unknown or inactive slugs, and 400 for malformed ones', async () => {
    const inactive = await anonymous.get('/api/packages/retired-studio-classics')
    expect(inactive.status).toBe(404)
    expect(inactive.body.error).toMatch(/retired-studio-classics/)
    expect((await anonymous.get('/api/packages/nope-not-here')).status).toBe(404)
    expect((await anonymous.get('/api/packages/NOT%20A%20SLUG')).status).toBe(400)
    const one = await anonymous.get('/api/packages/engagement')
    expect(one.status).toBe(200)
    expect(one.body.package.slug).toBe('engagement')
    expect(one.body.package.themes.length).toBeGreaterThanOrEqual(4)
  })

  it('lets only admins toggle a package, and the change shows on the next request', async () => {
    const pkg = await payload.find({
      collection: 'photo-packages',
      where: { slug: { equals: 'anniversary' } },
    })
    const id = pkg.docs[0].id
    expect((await anonymous.patch(`/api/admin/packages/${id}/toggle-active`)).status).toBe(401)
    expect((await customer.patch(`/api/admin/packages/${id}/toggle-active`)).status).toBe(403)
    expect((await editor.patch(`/api/admin/packages/${id}/toggle-active`)).status).toBe(403)
    expect((await admin.patch('/api/admin/packages/abc/toggle-active')).status).toBe(400)
    expect((await admin.patch('/api/admin/packages/999999/toggle-active')).status).toBe(404)
    await anonymous.get('/api/packages') // warm the cache
    const off = await admin.patch(`/api/admin/packages/${id}/toggle-active`)
    expect(off.status).toBe(200)
    expect(off.body.package.isActive).toBe(false)
    const list = await anonymous.get('/api/packages')
    expect(list.body.packages.map((p: any) => p.slug)).not.toContain('anniversary')
    const on = await admin.patch(`/api/admin/packages/${id}/toggle-active`)
    expect(on.body.package.isActive).toBe(true)
    expect((await anonymous.get('/api/packages')).body.packages.map((p: any) => p.slug)).toContain(
      'anniversary',
    )
  })

  it('shows an edit on the next request, not after the cache TTL', async () => {
    const before = await anonymous.get('/api/packages/engagement')
    const id = before.body.package.id
    await admin.patch(`/api/photo-packages/${id}`, { description: 'Freshly edited engagement description.' })
    const after = await anonymous.get('/api/packages/engagement')
    expect(after.body.package.description).toBe('Freshly edited engagement description.')
  })
})
