import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { refreshAnalyticsRollups } from '@/analytics/rollup'
import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { ApiClient } from '../../support/clients/client'

/**
 * Analytics per studio (issue 24): two studios' shoots and sales in one hand-computed week
 * (1-7 February 2024, far from any other file's dates), rolled up by the real job and read over
 * REST. A's owner sees only A's figures, B's package is a 404 to them; editors and customers are
 * refused; the platform admin sees both side by side, or one studio's when the studio selector's
 * cookie picks it. PA2 is deleted before the rollup: its shoots and sales stay A's.
 *
 * Shoots (analytics rows, as finalizeGeneration writes them, with the package's studio):
 *  #  day    studio customer pkg  theme status               req gen  cost¢  likeness  portrait
 *  1  02-01  A      cA       PA1  TA1   succeeded             4   4   26.8   0.9 (4)   flash 1K $0.067
 *  2  02-02  A      cA       PA2  TA2   partially_succeeded   4   2   13.4   -         -
 *  3  02-03  A      cA2      PA1  TA1   failed                4   0    0     -         -
 *  4  02-02  B      cB       PB1  TB1   succeeded             2   2   13.4   0.8 (2)   pro 2K $0.134
 *
 * Sales (A on its connected account at 10%, B at 20%; fees as asked at checkout, less the refunded share):
 *  a  02-01 A cA PA1 paid 2000¢ fee 200        b  02-02 A cA PA2 partially refunded 1000¢ (500 back) fee 100, 50 kept
 *  c  02-03 A cA no package paid 3000¢ fee 300 d  02-04 A cA bundle PA1 600¢ + PA2 400¢ fee 100 (60 + 40)
 *  e  02-02 B cB PB1 paid 5000¢ fee 1000       f  02-05 B cB PB1 pending 9999¢ (not counted)
 *
 *  A: gross 7000, refunded 500, revenue 6500, fees 650, shoots 3, portraits 6, cost 40.2¢, 2 customers
 *  B: gross 5000, refunded 0, revenue 5000, fees 1000, shoots 1, portraits 2, cost 13.4¢, 1 customer
 */
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
const PERIOD = 'from=2024-02-01&to=2024-02-07'
const PASSWORD = 'studio-analytics-pass-1'

describe('analytics per studio: each studio its own figures, the platform all side by side', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let admin: ApiClient
  let ownerA: ApiClient
  let editorA: ApiClient
  let customerA: ApiClient
  const studio = { A: 0, B: 0 }
  const pkg = { PA1: 0, PA2: 0, PB1: 0 }
  const theme = { TA1: 0, TA2: 0, TB1: 0 }
  const user = { cA: 0, cA2: 0, cB: 0 }

  const makeUser = async (label: string, role: string, data: Record<string, unknown> = {}) => {
    const email = `sa-${label}-${run}@example.com`
    const created = await payload.create({
      collection: 'users',
      data: { email, password: PASSWORD, role, ...data } as never,
    })
    return { id: created.id as number, email }
  }
  const signIn = (email: string) => new ApiClient(server.url).login(email, PASSWORD)

  const shoot = async (
    day: string,
    owner: number,
    packageId: number,
    themeId: number,
    studioId: number,
    [status, requested, generated, costCents]: [string, number, number, number],
    likeness?: { score: number; portrait: { model: string; imageSize: '1K' | '2K'; costUsd: number } },
  ) => {
    const createdAt = `${day}T10:00:00.000Z`
    const upload = await payload.db.create({
      collection: 'photo-uploads',
      data: { owner, filename: `sa-${run}-${day}-${owner}.jpg` },
    })
    const generation = await payload.db.create({
      collection: 'generations',
      data: {
        owner,
        package: packageId,
        theme: themeId,
        upload: upload.id,
        portraitType: 'single',
        status,
        imageCount: requested,
        shootCost: 1,
        generationSettings: { aspectRatio: '1:1', quality: 'standard' },
        finishedAt: createdAt,
        createdAt,
      },
    })
    await payload.db.create({
      collection: 'package-analytics',
      data: {
        generation: generation.id,
        package: packageId,
        studio: studioId,
        theme: themeId,
        user: owner,
        status,
        imagesRequested: requested,
        imagesGenerated: generated,
        successRate: generated / requested,
        processingTimeMs: 10_000,
        estimatedCostCents: costCents,
        shootsCharged: generated > 0 ? 1 : 0,
        provider: 'gemini',
        model: likeness?.portrait.model ?? null,
        likenessChecked: likeness ? generated : 0,
        likenessAverage: likeness?.score ?? null,
        likenessFailed: 0,
        likenessRetries: 0,
        createdAt,
      },
    })
    if (likeness)
      await payload.db.create({
        collection: 'generation-results',
        data: {
          owner,
          generation: generation.id,
          index: 0,
          filename: `sa-${run}-${generation.id}.jpg`,
          model: likeness.portrait.model,
          imageSize: likeness.portrait.imageSize,
          costUsd: likeness.portrait.costUsd,
          createdAt,
        },
      })
  }

  const sale = async (
    studioId: number,
    owner: number,
    data: Record<string, unknown> & { amountCents: number; applicationFeeCents: number },
  ) =>
    payload.create({
      collection: 'purchases',
      data: {
        owner,
        studio: studioId,
        stripeAccountId: `acct_sa_${studioId}`,
        currency: 'usd',
        shoots: 5,
        status: 'paid',
        stripeSessionId: `cs_sa_${run}_${Math.random().toString(36).slice(2)}`,
        ...data,
      } as never,
    })

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    for (const [name, fee] of [
      ['A', 10],
      ['B', 20],
    ] as const)
      studio[name] = (
        await payload.create({
          collection: 'studios',
          data: {
            name: `Figures ${name} ${run}`,
            slug: `figures-${name.toLowerCase()}-${run}`,
            platformFeePercent: fee,
          } as never,
        })
      ).id as number
    const makePackage = async (studioId: number, name: string) =>
      (
        await payload.create({
          collection: 'photo-packages',
          data: {
            studio: studioId,
            name: `${name} ${run}`,
            category: 'professional',
            isActive: true,
            imagesPerGeneration: 4,
            basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
          } as never,
        })
      ).id as number
    const makeTheme = async (packageId: number, name: string) =>
      (
        await payload.create({
          collection: 'package-themes',
          data: { package: packageId, name: `${name} ${run}`, settingPrompt: 'a grey backdrop' } as never,
        })
      ).id as number
    pkg.PA1 = await makePackage(studio.A, 'Figures PA1')
    pkg.PA2 = await makePackage(studio.A, 'Figures PA2')
    pkg.PB1 = await makePackage(studio.B, 'Figures PB1')
    theme.TA1 = await makeTheme(pkg.PA1, 'Figures TA1')
    theme.TA2 = await makeTheme(pkg.PA2, 'Figures TA2')
    theme.TB1 = await makeTheme(pkg.PB1, 'Figures TB1')

    const ownerOfA = await makeUser('owner-a', 'owner', { tenants: [{ tenant: studio.A }] })
    const editorOfA = await makeUser('editor-a', 'editor', { tenants: [{ tenant: studio.A }] })
    const cA = await makeUser('ca', 'customer')
    user.cA = cA.id
    user.cA2 = (await makeUser('ca2', 'customer')).id
    user.cB = (await makeUser('cb', 'customer')).id
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    ownerA = await signIn(ownerOfA.email)
    editorA = await signIn(editorOfA.email)
    customerA = await signIn(cA.email)

    const flash = { model: 'gemini-3.1-flash-image', imageSize: '1K' as const, costUsd: 0.067 }
    const pro = { model: 'gemini-3-pro-image', imageSize: '2K' as const, costUsd: 0.134 }
    await shoot('2024-02-01', user.cA, pkg.PA1, theme.TA1, studio.A, ['succeeded', 4, 4, 26.8], {
      score: 0.9,
      portrait: flash,
    })
    await shoot('2024-02-02', user.cA, pkg.PA2, theme.TA2, studio.A, ['partially_succeeded', 4, 2, 13.4])
    await shoot('2024-02-03', user.cA2, pkg.PA1, theme.TA1, studio.A, ['failed', 4, 0, 0])
    await shoot('2024-02-02', user.cB, pkg.PB1, theme.TB1, studio.B, ['succeeded', 2, 2, 13.4], {
      score: 0.8,
      portrait: pro,
    })

    const paidAt = (day: string) => `${day}T12:00:00.000Z`
    await sale(studio.A, user.cA, {
      package: pkg.PA1,
      amountCents: 2000,
      applicationFeeCents: 200,
      paidAt: paidAt('2024-02-01'),
    })
    await sale(studio.A, user.cA, {
      package: pkg.PA2,
      status: 'partially_refunded',
      amountCents: 1000,
      refundedAmountCents: 500,
      applicationFeeCents: 100,
      paidAt: paidAt('2024-02-02'),
    })
    await sale(studio.A, user.cA, {
      amountCents: 3000,
      applicationFeeCents: 300,
      paidAt: paidAt('2024-02-03'),
    })
    await sale(studio.A, user.cA, {
      amountCents: 1000,
      applicationFeeCents: 100,
      shoots: 4,
      lines: [
        { package: pkg.PA1, shoots: 2, amountCents: 600 },
        { package: pkg.PA2, shoots: 2, amountCents: 400 },
      ],
      paidAt: paidAt('2024-02-04'),
    })
    await sale(studio.B, user.cB, {
      package: pkg.PB1,
      amountCents: 5000,
      applicationFeeCents: 1000,
      paidAt: paidAt('2024-02-02'),
    })
    await sale(studio.B, user.cB, {
      package: pkg.PB1,
      status: 'pending',
      amountCents: 9999,
      applicationFeeCents: 2000,
      paidAt: null,
    })

    // A deleted package's shoots and sales stay its studio's.
    await payload.delete({ collection: 'photo-packages', id: pkg.PA2 })
    await refreshAnalyticsRollups(payload, { mode: 'full', now: new Date('2024-02-07T12:00:00.000Z') })
  }, 180_000)

  afterAll(async () => {
    for (const id of [pkg.PA1, pkg.PB1])
      if (id)
        await payload
          ?.update({ collection: 'photo-packages', id, data: { isActive: false } })
          .catch(() => undefined)
    for (const id of Object.values(studio))
      if (id)
        await payload
          ?.update({ collection: 'studios', id, data: { status: 'suspended' } as never })
          .catch(() => undefined)
    await server?.close()
  })

  const A_FIGURES = {
    generations: 3,
    uniqueUsers: 2,
    imagesRequested: 12,
    imagesGenerated: 6,
    grossRevenueCents: 7000,
    refundedCents: 500,
    revenueCents: 6500,
    platformFeeCents: 650,
    estimatedCostCents: 40.2,
    marginCents: 6459.8,
  }
  const B_FIGURES = {
    generations: 1,
    uniqueUsers: 1,
    imagesRequested: 2,
    imagesGenerated: 2,
    grossRevenueCents: 5000,
    refundedCents: 0,
    revenueCents: 5000,
    platformFeeCents: 1000,
    estimatedCostCents: 13.4,
    marginCents: 4986.6,
  }

  it("A's owner sees A's figures only: totals, packages, themes, models, likeness, days", async () => {
    const response = await ownerA.get(`/api/admin/analytics?${PERIOD}`)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const report = response.body
    expect(report.studioIds).toEqual([studio.A])
    expect(report.studios).toBeNull()
    expect(report.totals).toMatchObject(A_FIGURES)
    // PA1 (and no package of another studio); the deleted PA2's and the package-less sale's money in one row.
    expect(
      report.packages.map((row: Record<string, unknown>) => [
        row.packageId,
        row.generations,
        row.grossRevenueCents,
        row.platformFeeCents,
      ]),
    ).toEqual([
      [pkg.PA1, 2, 2600, 260],
      [null, 1, 4400, 390],
    ])
    expect(report.topThemesByUsage.map((row: { themeId: number }) => row.themeId).sort()).toEqual([theme.TA1])
    expect(report.imageModels).toEqual([
      expect.objectContaining({
        model: 'gemini-3.1-flash-image',
        imageSize: '1K',
        portraits: 1,
        costUsd: 0.067,
      }),
    ])
    expect(report.likeness).toEqual([
      expect.objectContaining({
        packageId: pkg.PA1,
        themeId: theme.TA1,
        portraitsChecked: 4,
        averageLikeness: 0.9,
      }),
    ])
    const day = (d: string) => report.daily.find((point: { day: string }) => point.day === d)
    expect(day('2024-02-02')).toMatchObject({ generations: 1, revenueCents: 500 })
    expect(
      report.daily.reduce((sum: number, point: { revenueCents: number }) => sum + point.revenueCents, 0),
    ).toBe(6500)
  })

  it("B's package is a 404 to A's owner; A's own package answers with A's figures", async () => {
    const other = await ownerA.get(`/api/admin/packages/${pkg.PB1}/analytics?${PERIOD}`)
    expect(other.status).toBe(404)
    expect(other.body.error).toBe(`No package with id ${pkg.PB1}.`)
    expect((await ownerA.get(`/api/admin/analytics?${PERIOD}&packageId=${pkg.PB1}`)).status).toBe(404)
    const own = await ownerA.get(`/api/admin/packages/${pkg.PA1}/analytics?${PERIOD}`)
    expect(own.status).toBe(200)
    expect(own.body.totals).toMatchObject({
      generations: 2,
      uniqueUsers: 2,
      grossRevenueCents: 2600,
      platformFeeCents: 260,
    })
    // Its share of revenue is of A's revenue, not the platform's.
    expect(own.body.kpis.revenuePerPackage.details).toMatchObject({
      revenueCents: 2600,
      allRevenueCents: 6500,
    })
  })

  it("the studio selector cannot widen an owner's scope: picking B still shows A", async () => {
    const picked = await ownerA.request('GET', `/api/admin/analytics?${PERIOD}`, undefined, {
      cookie: `payload-tenant=${studio.B}`,
    })
    expect(picked.status).toBe(200)
    expect(picked.body.studioIds).toEqual([studio.A])
    expect(picked.body.totals).toMatchObject(A_FIGURES)
  })

  it("refuses A's editor and A's customer (403), and an owner's refresh (platform admins only)", async () => {
    for (const client of [editorA, customerA]) {
      const refused = await client.get(`/api/admin/analytics?${PERIOD}`)
      expect(refused.status).toBe(403)
      expect(refused.body.error).toBe('Only admins and owners may see analytics.')
      expect((await client.get(`/api/admin/packages/${pkg.PA1}/analytics?${PERIOD}`)).status).toBe(403)
    }
    const refresh = await ownerA.post('/api/admin/analytics/refresh')
    expect(refresh.status).toBe(403)
    expect(refresh.body.error).toBe('Only admins may refresh analytics.')
  })

  it('the platform admin sees both studios side by side: revenue, fees, shoots, portraits, provider cost', async () => {
    const response = await admin.get(`/api/admin/analytics?${PERIOD}`)
    expect(response.status).toBe(200)
    expect(response.body.studioIds).toBeNull()
    const rows = response.body.studios as Array<Record<string, unknown>>
    const rowOf = (id: number) => rows.find((row) => row.studioId === id)
    expect(rowOf(studio.A)).toEqual({
      studioId: studio.A,
      name: `Figures A ${run}`,
      slug: `figures-a-${run}`,
      status: 'active',
      grossRevenueCents: 7000,
      refundedCents: 500,
      revenueCents: 6500,
      platformFeeCents: 650,
      shoots: 3,
      imagesGenerated: 6,
      estimatedCostCents: 40.2,
      marginCents: 6459.8,
    })
    expect(rowOf(studio.B)).toMatchObject({
      grossRevenueCents: 5000,
      refundedCents: 0,
      revenueCents: 5000,
      platformFeeCents: 1000,
      shoots: 1,
      imagesGenerated: 2,
      estimatedCostCents: 13.4,
      marginCents: 4986.6,
    })
    // Most gross revenue first.
    expect(rows.indexOf(rowOf(studio.A)!)).toBeLessThan(rows.indexOf(rowOf(studio.B)!))
    // Every studio's packages: both studios' in the table.
    const ids = response.body.packages.map((row: { packageId: number | null }) => row.packageId)
    expect(ids).toEqual(expect.arrayContaining([pkg.PA1, pkg.PB1]))
  })

  it("a platform admin who picked B in the studio selector sees B's figures, and A's package is a 404", async () => {
    const cookie = { cookie: `payload-tenant=${studio.B}` }
    const picked = await admin.request('GET', `/api/admin/analytics?${PERIOD}`, undefined, cookie)
    expect(picked.status).toBe(200)
    expect(picked.body.studioIds).toEqual([studio.B])
    expect(picked.body.totals).toMatchObject(B_FIGURES)
    expect(picked.body.studios.map((row: { studioId: number }) => row.studioId)).toEqual([studio.B])
    expect(picked.body.packages.map((row: { packageId: number }) => row.packageId)).toEqual([pkg.PB1])
    expect(picked.body.imageModels).toEqual([
      expect.objectContaining({ model: 'gemini-3-pro-image', imageSize: '2K', portraits: 1, costUsd: 0.134 }),
    ])
    const other = await admin.request(
      'GET',
      `/api/admin/packages/${pkg.PA1}/analytics?${PERIOD}`,
      undefined,
      cookie,
    )
    expect(other.status).toBe(404)
  })
})
