import type { CollectionSlug, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CLIENT_ADDRESS_HEADER } from '@/endpoints/guard'

import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { ApiClient } from '../../support/clients/client'
import { requestAt as hostRequest } from '../../support/clients/hostRequest'
import { newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'

/**
 * A request finds its studio from its Host (issue 24, second piece): two studios on two
 * hostnames each serve only their own catalog (list, by slug, themes, pricing, bundles); a host
 * no studio claims is the default studio's (PLATFORM_DOMAIN unset) or a 404 (set); a suspended
 * studio's host is a 404; and an edit at one studio leaves the other's cached copy as it was.
 * Everything is made with unique names and removed in afterAll (the int files share one database).
 */
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
const hostA = `a-${run}.test`
const hostB = `b-${run}.test`
const hostC = `c-${run}.test`

/** This file's argument order over the shared Host-header request (tests/support/clients/hostRequest.ts). */
const requestAt = (
  base: string,
  host: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: unknown,
) => hostRequest(base, host, method, path, { headers, body })

describe('a request finds its studio from its Host', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  const studio = { A: 0, B: 0, C: 0 }
  const made: { collection: CollectionSlug; id: number }[] = []
  const shared = `hosts-${run}`
  const onlyB = `hosts-b-only-${run}`
  let packageA = 0

  const at = (host: string, path: string, headers?: Record<string, string>) =>
    requestAt(server.url, host, path, headers)

  const create = async (collection: CollectionSlug, data: Record<string, unknown>): Promise<number> => {
    const doc = await payload.create({ collection, data: data as never, depth: 0 })
    made.push({ collection, id: doc.id as number })
    return doc.id as number
  }

  /** A listed package (an active theme in season and a tier on sale) in `studioId`. */
  const listedPackage = async (studioId: number, slug: string, name: string, priceCents: number) => {
    const id = await create('photo-packages', {
      studio: studioId,
      name,
      slug,
      category: 'artistic',
      isActive: true,
    })
    await create('package-themes', { package: id, name: `${name} theme`, settingPrompt: 'a grey backdrop' })
    await create('package-pricing-tiers', { package: id, name: `${name} tier`, shootsCount: 2, priceCents })
    return id
  }

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    for (const [name, host] of [
      ['A', hostA],
      ['B', hostB],
      ['C', hostC],
    ] as const)
      studio[name] = (
        await payload.create({
          collection: 'studios',
          data: {
            name: `Hosts ${name} ${run}`,
            slug: `hosts-${name.toLowerCase()}-${run}`,
            domains: [{ hostname: host }],
          } as never,
        })
      ).id as number
    packageA = await listedPackage(studio.A, shared, `Hosts A ${run}`, 300)
    const secondA = await listedPackage(studio.A, `hosts-a-two-${run}`, `Hosts A two ${run}`, 400)
    await create('package-bundles', {
      studio: studio.A,
      name: `Hosts A bundle ${run}`,
      items: [
        { package: packageA, shoots: 1 },
        { package: secondA, shoots: 1 },
      ],
      priceCents: 500,
    })
    await listedPackage(studio.B, shared, `Hosts B ${run}`, 700)
    await listedPackage(studio.B, onlyB, `Hosts B only ${run}`, 800)
    await listedPackage(studio.C, `hosts-c-${run}`, `Hosts C ${run}`, 900)
    await payload.update({ collection: 'studios', id: studio.C, data: { status: 'suspended' } })
  })

  afterAll(async () => {
    if (payload) {
      const order: CollectionSlug[] = [
        'users',
        'package-bundles',
        'package-pricing-tiers',
        'package-themes',
        'photo-packages',
      ]
      for (const collection of order)
        for (const { id } of made.filter((entry) => entry.collection === collection))
          await payload.delete({ collection, id }).catch(() => undefined)
      for (const id of Object.values(studio))
        if (id) await payload.delete({ collection: 'studios', id }).catch(() => undefined)
    }
    await server?.close()
  })

  it('each host lists only its own studio’s packages and bundles', async () => {
    const a = await at(hostA, '/api/packages')
    const b = await at(`${hostB.toUpperCase()}:3000`, '/api/packages')
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    expect(a.body.packages.map((p: any) => p.name).sort()).toEqual([`Hosts A ${run}`, `Hosts A two ${run}`])
    expect(b.body.packages.map((p: any) => p.name).sort()).toEqual([`Hosts B ${run}`, `Hosts B only ${run}`])
    const bundlesA = await at(hostA, '/api/bundles')
    const bundlesB = await at(hostB, '/api/bundles')
    expect(bundlesA.body.bundles.map((bundle: any) => bundle.name)).toEqual([`Hosts A bundle ${run}`])
    expect(bundlesB.body.bundles).toEqual([])
  })

  it('one slug in two studios: each host serves its own package, themes and pricing', async () => {
    for (const [host, name, price] of [
      [hostA, `Hosts A ${run}`, 300],
      [hostB, `Hosts B ${run}`, 700],
    ] as const) {
      const pkg = await at(host, `/api/packages/${shared}`)
      expect(pkg.status, host).toBe(200)
      expect(pkg.body.package.name).toBe(name)
      const themes = await at(host, `/api/packages/${shared}/themes`)
      expect(themes.body.themes.map((theme: any) => theme.name)).toEqual([`${name} theme`])
      const pricing = await at(host, `/api/packages/${shared}/pricing`)
      expect(pricing.body.pricing.map((tier: any) => [tier.name, tier.priceCents])).toEqual([
        [`${name} tier`, price],
      ])
    }
  })

  it('prices are in the currency the studio charges in: its own once it sells, the default studio’s usd on the platform account', async () => {
    const currencies = async (host: string) => {
      const [list, pricing, bundles] = await Promise.all([
        at(host, '/api/packages'),
        at(host, `/api/packages/${shared}/pricing`),
        at(host, '/api/bundles'),
      ])
      return {
        packages: [...new Set(list.body.packages.map((pkg: { currency: string }) => pkg.currency))],
        pricing: pricing.body.currency,
        bundles: [...new Set(bundles.body.bundles.map((bundle: { currency: string }) => bundle.currency))],
      }
    }
    expect(await currencies(hostA)).toEqual({ packages: ['usd'], pricing: 'usd', bundles: ['usd'] })
    await payload.update({
      collection: 'studios',
      id: studio.A,
      data: { branding: { currency: 'eur' } } as never,
    })
    // Not connected yet: A cannot sell, and shows the currency it will sell in.
    expect(await currencies(hostA)).toEqual({ packages: ['eur'], pricing: 'eur', bundles: ['eur'] })
    expect((await at(hostB, `/api/packages/${shared}/pricing`)).body.currency).toBe('usd')
    // The default studio sells on the platform's account in usd, whatever its branding says, until it connects.
    const { docs } = await payload.find({ collection: 'studios', sort: 'id', limit: 1, depth: 0 })
    const fallback = docs[0]!
    const before = fallback.branding?.currency ?? 'usd'
    try {
      await payload.update({
        collection: 'studios',
        id: fallback.id,
        data: { branding: { currency: 'jpy' } } as never,
      })
      const unclaimed = await at(`unclaimed-${run}.test`, '/api/packages')
      expect(unclaimed.status).toBe(200)
      expect(new Set(unclaimed.body.packages.map((pkg: { currency: string }) => pkg.currency))).toEqual(
        new Set(['usd']),
      )
    } finally {
      await payload.update({
        collection: 'studios',
        id: fallback.id,
        data: { branding: { currency: before } } as never,
      })
      await payload.update({
        collection: 'studios',
        id: studio.A,
        data: { branding: { currency: 'usd' } } as never,
      })
    }
  })

  it('B’s package under A’s host is a 404, in every view', async () => {
    expect((await at(hostB, `/api/packages/${onlyB}`)).status).toBe(200)
    for (const suffix of ['', '/themes', '/pricing']) {
      const answer = await at(hostA, `/api/packages/${onlyB}${suffix}`)
      expect(answer.status, suffix).toBe(404)
      expect(JSON.stringify(answer.body)).not.toContain(`Hosts B only ${run}`)
    }
  })

  it('a host no studio claims, PLATFORM_DOMAIN unset, sees the default studio’s catalog', async () => {
    const answer = await at(`nobody-${run}.test`, '/api/packages')
    expect(answer.status).toBe(200)
    const slugs = answer.body.packages.map((p: any) => p.slug)
    expect(slugs).toContain('wedding-portraits')
    expect(slugs).not.toContain(shared)
    expect(slugs).not.toContain(onlyB)
    expect((await at(`nobody-${run}.test`, `/api/packages/${shared}`)).status).toBe(404)
  })

  it('?at= previews dates for the served studio’s staff and platform admins only (fresh tester: B’s editor could at A)', async () => {
    const email = `hosts-editor-a-${run}@example.com`
    const editor = await payload.create({
      collection: 'users',
      data: {
        email,
        password: 'hosts-editor-pass-1',
        role: 'editor',
        tenants: [{ tenant: studio.A }],
      } as never,
    })
    made.push({ collection: 'users', id: editor.id as number })
    const { token } = await payload.login({
      collection: 'users',
      data: { email, password: 'hosts-editor-pass-1' },
    })
    const asEditor = { authorization: `JWT ${token}` }
    const preview = '/api/packages?at=2026-12-20'
    expect((await at(hostA, preview, asEditor)).status).toBe(200)
    const elsewhere = await at(hostB, preview, asEditor)
    expect({
      status: elsewhere.status,
      message: elsewhere.body?.error ?? elsewhere.body?.errors?.[0]?.message,
    }).toEqual({
      status: 403,
      message: "Only this studio's staff may view the catalog on another date (?at=).",
    })
    expect((await at(hostB, `/api/packages/${shared}/themes?at=2026-06-20`, asEditor)).status).toBe(403)
    expect((await at(hostB, preview)).status).toBe(403)
  })

  it('a suspended studio’s host is a 404 with a JSON message', async () => {
    for (const path of ['/api/packages', `/api/packages/hosts-c-${run}`, '/api/bundles']) {
      const answer = await at(hostC, path)
      expect(answer.status, path).toBe(404)
      expect(answer.headers['content-type']).toMatch(/json/)
      expect(answer.body.error).toMatch(/no studio/i)
    }
  })

  it('with PLATFORM_DOMAIN, <slug>.<domain> is that studio and an unclaimed host is a 404', async () => {
    const before = process.env.PLATFORM_DOMAIN
    process.env.PLATFORM_DOMAIN = `platform-${run}.test`
    try {
      const a = await at(`hosts-a-${run}.platform-${run}.test`, '/api/packages')
      expect(a.status).toBe(200)
      expect(a.body.packages.map((p: any) => p.name).sort()).toEqual([`Hosts A ${run}`, `Hosts A two ${run}`])
      expect((await at(hostB, `/api/packages/${onlyB}`)).status).toBe(200)
      expect((await at(`nobody.platform-${run}.test`, '/api/packages')).status).toBe(404)
      expect((await at(`nobody-${run}.test`, '/api/packages')).status).toBe(404)
      expect((await at(`hosts-c-${run}.platform-${run}.test`, '/api/packages')).status).toBe(404)
    } finally {
      if (before === undefined) delete process.env.PLATFORM_DOMAIN
      else process.env.PLATFORM_DOMAIN = before
    }
  })

  it('an edit at A changes A’s catalog and leaves B’s cached copy as it was', async () => {
    const first = await at(hostB, '/api/packages')
    const etag = String(first.headers.etag)
    expect(etag).toMatch(/^"/)
    expect((await at(hostB, '/api/packages', { 'if-none-match': etag })).status).toBe(304)
    await payload.update({
      collection: 'photo-packages',
      id: packageA,
      data: { description: `edited ${run}` },
    })
    const a = await at(hostA, `/api/packages/${shared}`)
    expect(a.body.package.description).toBe(`edited ${run}`)
    const again = await at(hostB, '/api/packages')
    expect(again.headers.etag).toBe(etag)
    expect(again.body).toEqual(first.body)
    expect((await at(hostB, '/api/packages', { 'if-none-match': etag })).status).toBe(304)
  })

  it('a shoot asked for at B’s host is of B’s package when A has the same slug', async () => {
    const customer = new ApiClient(server.url)
    await newCustomer(payload, customer, `hosts-${run}`)
    const upload = await uploadPhoto(customer, await portraitJpeg())
    expect(upload.status, JSON.stringify(upload.body)).toBe(201)
    const themeAt = async (host: string) =>
      (await at(host, `/api/packages/${shared}/themes`)).body.themes[0].id as number
    const shoot = (host: string, themeId: number) =>
      requestAt(server.url, host, '/api/generate', { authorization: `JWT ${customer.token}` }, 'POST', {
        packageSlug: shared,
        themeId,
        uploadId: upload.body.doc.id,
        portraitType: 'single',
      })
    // Before the lookup was per studio, the slug found A's package and B's theme was "not part of" it.
    const atB = await shoot(hostB, await themeAt(hostB))
    expect(atB.status, JSON.stringify(atB.body)).toBe(202)
    const generation = await payload.findByID({
      collection: 'generations',
      id: atB.body.generationId,
      depth: 0,
    })
    expect(generation.package).not.toBe(packageA)
    // B's theme at A's site is answered as an unknown theme (its name is not A's to show).
    const themeB = await themeAt(hostB)
    const crossed = await shoot(hostA, themeB)
    expect([crossed.status, crossed.body.error]).toEqual([404, `No active theme with id ${themeB}.`])
    expect((await shoot(hostC, await themeAt(hostA))).status).toBe(404)
  })

  it('counts sign-in attempts per studio: another studio’s allowance is untouched, new host names earn none', async () => {
    const before = process.env.RATE_LIMIT_LOGIN_POINTS
    process.env.RATE_LIMIT_LOGIN_POINTS = '3'
    try {
      const client = { 'x-photo-packages-client': `192.0.2.${Math.floor(Math.random() * 200) + 1}` }
      const attempt = (host: string) =>
        requestAt(server.url, host, '/api/users/login', client, 'POST', {
          email: `nobody-${run}@example.com`,
          password: 'wrong-password-1',
        })
      const statusesAt = async (host: string, times: number) => {
        const statuses: number[] = []
        for (let i = 0; i < times; i++) statuses.push((await attempt(host)).status)
        return statuses
      }
      expect(await statusesAt(hostA, 4)).toEqual([401, 401, 401, 429])
      expect(await statusesAt(hostB, 1)).toEqual([401])
      // Hosts no studio claims are all the default studio's: one allowance between them.
      expect(await statusesAt(`one-${run}.test`, 3)).toEqual([401, 401, 401])
      expect(await statusesAt(`two-${run}.test`, 1)).toEqual([429])
    } finally {
      if (before === undefined) delete process.env.RATE_LIMIT_LOGIN_POINTS
      else process.env.RATE_LIMIT_LOGIN_POINTS = before
    }
  })

  it('a customer signed in on a studio’s own site stays signed in there, and other origins still may not write', async () => {
    // B's own customer: an address names one account per studio, found at its studio's site.
    const user = await payload.create({
      collection: 'users',
      data: {
        email: `hosts-cookie-${run}@example.com`,
        password: 'customer-pass-1',
        role: 'customer',
        studio: studio.B,
      },
    })
    const signIn = await requestAt(server.url, hostB, '/api/users/login', {}, 'POST', {
      email: user.email,
      password: 'customer-pass-1',
    })
    expect(signIn.status).toBe(200)
    const cookie = String(
      signIn.headers['set-cookie']?.find((line) => line.startsWith('payload-token=')),
    ).split(';')[0]
    // What a browser on B's site sends: its own origin (SERVER_URL's scheme and port, B's hostname).
    const siteB = `http://${hostB}:3000`
    const me = await requestAt(server.url, hostB, '/api/users/me', { cookie, origin: siteB })
    expect(me.body.user?.id).toBe(user.id)
    const renamed = await requestAt(
      server.url,
      hostB,
      `/api/users/${user.id}`,
      { cookie, origin: siteB },
      'PATCH',
      {
        name: 'Signed in at B',
      },
    )
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    const forged = await requestAt(
      server.url,
      hostB,
      `/api/users/${user.id}`,
      { cookie, origin: 'http://evil.test' },
      'PATCH',
      { name: 'Forged' },
    )
    expect(forged.status).toBe(403)
    // A suspended studio's site is no longer a trusted origin.
    const siteC = `http://${hostC}:3000`
    const fromC = await requestAt(
      server.url,
      hostC,
      `/api/users/${user.id}`,
      { cookie, origin: siteC },
      'PATCH',
      {
        name: 'From C',
      },
    )
    expect(fromC.status).toBe(403)
    expect((await payload.findByID({ collection: 'users', id: user.id })).name).toBe('Signed in at B')
  })

  it('without SERVER_URL (npm run dev), the default studio’s own site keeps its signed-in staff while other studios claim hosts', async () => {
    // The demo: the admin at http://localhost:<port>, a host no studio claims, while studio B (like
    // Harbor Light on 127.0.0.1) claims its own. B's origin on Payload's CSRF list made Payload drop
    // the admin's cookie on every write from localhost: a 403 on each save.
    expect(process.env.SERVER_URL ?? '').toBe('')
    const here = `localhost:${new URL(server.url).port}`
    // A client of its own: the rate-limit test above spent this one's sign-ins.
    const client = { [CLIENT_ADDRESS_HEADER]: '198.51.100.23' }
    const signIn = await requestAt(server.url, here, '/api/users/login', client, 'POST', {
      email: 'admin@photo-packages.local',
      password: 'admin-demo-pass',
    })
    expect(signIn.status).toBe(200)
    const cookie = String(
      signIn.headers['set-cookie']?.find((line) => line.startsWith('payload-token=')),
    ).split(';')[0]
    const id = signIn.body.user.id
    const saved = await requestAt(
      server.url,
      here,
      `/api/users/${id}`,
      { ...client, cookie, origin: `http://${here}` },
      'PATCH',
      { name: 'Demo admin' },
    )
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    // Another site's page still may not write with that cookie (the guard: not this Host, no studio's).
    const forged = await requestAt(
      server.url,
      here,
      `/api/users/${id}`,
      { ...client, cookie, origin: 'http://evil.test' },
      'PATCH',
      { name: 'Forged' },
    )
    expect(forged.status).toBe(403)
    expect((await payload.findByID({ collection: 'users', id })).name).toBe('Demo admin')
  })

  it('a suspended studio’s site takes no sign-up, and its catalog is hidden from Payload’s own REST too', async () => {
    const email = `hosts-suspended-${run}@example.com`
    const signUp = await requestAt(server.url, hostC, '/api/users', {}, 'POST', {
      email,
      password: 'suspended-pass-77',
    })
    expect(signUp.status).toBe(404)
    expect((await payload.find({ collection: 'users', where: { email: { equals: email } } })).docs).toEqual(
      [],
    )
    // Anonymous raw REST reads are the site's studio's only (siteScope), as the catalog endpoints are.
    const names = async (host: string) =>
      ((await at(host, `/api/photo-packages?limit=500&where[slug][like]=hosts-`)).body.docs ?? []).map(
        (doc: { name: string }) => doc.name,
      )
    expect((await names(hostA)).sort()).toEqual([`Hosts A ${run}`, `Hosts A two ${run}`])
    expect((await names(hostB)).sort()).toEqual([`Hosts B ${run}`, `Hosts B only ${run}`])
    expect(await names(hostC)).toEqual([])
    const themesAtA = (await at(hostA, `/api/package-themes?limit=500&where[name][like]=${run}`)).body.docs
    expect(themesAtA.map((theme: { name: string }) => theme.name).sort()).toEqual([
      `Hosts A ${run} theme`,
      `Hosts A two ${run} theme`,
    ])
  })
})
