import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { ApiClient, type ApiResponse } from '../../support/clients/client'

/**
 * The studios collection's own rules (issue 24): platform admins make and change studios; an
 * owner changes only their own studio's branding; an editor reads their studio; customers and
 * visitors read none; nobody deletes one. Hostnames are stored as the Host header carries them,
 * and one hostname is served by one studio only. Everything made here is deleted in afterAll.
 */
const run = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
const unique = (label: string) => `${label}-${run}`
const host = (label: string) => `${label}-${run}.example.test`

/** The field a 400 names: a validation error's path(s) or our own refusal's field. */
const named = (response: ApiResponse): string[] => {
  const error = response.body?.errors?.[0]
  return [
    ...(error?.data?.errors ?? []).map((entry: { path: string }) => entry.path.split('.')[0]),
    ...(error?.data?.field ? [error.data.field] : []),
  ]
}

describe('the studios collection', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let admin: ApiClient
  let owner: ApiClient
  let editor: ApiClient
  let customer: ApiClient
  let anonymous: ApiClient
  const studios: number[] = []
  const users: number[] = []
  let own = 0
  let other = 0

  const account = async (role: 'owner' | 'editor' | 'customer', studio?: number) => {
    const email = `${unique(`studios-${role}`)}@example.com`
    const user = await payload.create({
      collection: 'users',
      data: {
        email,
        password: 'studios-pass-1',
        role,
        ...(studio && { tenants: [{ tenant: studio }] }),
      } as never,
    })
    users.push(user.id as number)
    return new ApiClient(server.url).login(email, 'studios-pass-1')
  }

  const studio = async (name: string, data: Record<string, unknown> = {}) => {
    const doc = await payload.create({
      collection: 'studios',
      data: { name: unique(name), ...data } as never,
    })
    studios.push(doc.id as number)
    return doc.id as number
  }

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    own = await studio('Own studio')
    other = await studio('Other studio')
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    owner = await account('owner', own)
    editor = await account('editor', own)
    customer = await account('customer')
    anonymous = new ApiClient(server.url)
  })

  afterAll(async () => {
    if (payload) {
      for (const id of users) await payload.delete({ collection: 'users', id }).catch(() => undefined)
      for (const id of studios) await payload.delete({ collection: 'studios', id }).catch(() => undefined)
    }
    await server?.close()
  })

  const create = async (body: Record<string, unknown>) => {
    const response = await admin.post('/api/studios?depth=0', body)
    if (response.status === 201) studios.push(response.body.doc.id)
    return response
  }

  it('stores hostnames in lower case, without a port or a trailing dot', async () => {
    const response = await create({
      name: unique('Hosts'),
      domains: [
        { hostname: `  Photos-${run}.Example.TEST:8443. ` },
        { hostname: host('second').toUpperCase() },
      ],
    })
    expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(201)
    expect(response.body.doc.domains.map((row: { hostname: string }) => row.hostname)).toEqual([
      `photos-${run}.example.test`,
      host('second'),
    ])
    expect(response.body.doc).toMatchObject({
      status: 'active',
      platformFeePercent: 0,
      branding: { currency: 'usd' },
    })
  })

  it('refuses a hostname another studio serves, or one listed twice, with a 400 naming domains', async () => {
    const taken = host('taken')
    expect((await create({ name: unique('First'), domains: [{ hostname: taken }] })).status).toBe(201)
    const count = await payload.count({ collection: 'studios' })
    const again = await create({
      name: unique('Second'),
      domains: [{ hostname: `${taken.toUpperCase()}:443` }],
    })
    expect(again.status, JSON.stringify(again.body).slice(0, 300)).toBe(400)
    expect(named(again)).toContain('domains')
    const twice = await create({
      name: unique('Twice'),
      domains: [{ hostname: host('x') }, { hostname: host('x') }],
    })
    expect(twice.status).toBe(400)
    expect(named(twice)).toContain('domains')
    const moved = await admin.patch(`/api/studios/${other}`, { domains: [{ hostname: taken }] })
    expect(moved.status).toBe(400)
    expect(named(moved)).toContain('domains')
    const bad = await create({
      name: unique('Bad host'),
      domains: [{ hostname: 'https://example.test/path' }],
    })
    expect(bad.status).toBe(400)
    expect(named(bad)).toContain('domains')
    expect(await payload.count({ collection: 'studios' })).toEqual(count)
  })

  it('refuses colours that are not #rrggbb, a sender name with line breaks and a fee outside 0-100, naming the field', async () => {
    for (const [body, field] of [
      [{ branding: { primaryColor: 'red' } }, 'branding'],
      [{ branding: { accentColor: '#12345' } }, 'branding'],
      // A header injection through the sender's display name.
      [{ branding: { emailFromName: 'Evil\r\nBcc: x@y.z' } }, 'branding'],
      [{ branding: { emailFromName: 'Say "hi"' } }, 'branding'],
      [{ platformFeePercent: 101 }, 'platformFeePercent'],
      [{ platformFeePercent: -1 }, 'platformFeePercent'],
    ] as const) {
      const response = await create({ name: unique('Checked'), ...body })
      expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(400)
      expect(named(response)).toContain(field)
    }
    const good = await create({
      name: unique('Branded'),
      branding: { primaryColor: '#1f2937', accentColor: '#FFAA00', emailFrom: 'hello@example.test' },
      platformFeePercent: 12.5,
    })
    expect(good.status, JSON.stringify(good.body).slice(0, 300)).toBe(201)
  })

  it('lets the platform admin read every studio, staff their own, and nobody else any', async () => {
    const ids = (response: ApiResponse) => response.body.docs.map((doc: { id: number }) => doc.id)
    const all = await admin.get(`/api/studios?depth=0&limit=200&where[id][in]=${own},${other}`)
    expect(ids(all).sort()).toEqual([own, other].sort())
    for (const client of [owner, editor]) {
      expect(ids(await client.get(`/api/studios?depth=0&where[id][in]=${own},${other}`))).toEqual([own])
      expect((await client.get(`/api/studios/${own}`)).status).toBe(200)
      expect((await client.get(`/api/studios/${other}`)).status).toBe(404)
    }
    for (const client of [customer, anonymous]) {
      expect((await client.get('/api/studios')).status).toBe(403)
      expect((await client.get(`/api/studios/${own}`)).status).toBe(403)
    }
  })

  it('lets an owner change their studio’s branding only; editors, customers and visitors nothing', async () => {
    const branding = await owner.patch(`/api/studios/${own}?depth=0`, {
      branding: { primaryColor: '#112233' },
    })
    expect(branding.status, JSON.stringify(branding.body).slice(0, 300)).toBe(200)
    expect(branding.body.doc.branding.primaryColor).toBe('#112233')
    for (const field of ['name', 'slug', 'status', 'domains', 'platformFeePercent', 'stripe']) {
      const value = {
        name: 'Renamed',
        slug: 'renamed',
        status: 'suspended',
        domains: [{ hostname: host('owner') }],
        platformFeePercent: 5,
        stripe: { accountId: 'acct_x' },
      }[field]
      const response = await owner.patch(`/api/studios/${own}`, { [field]: value })
      expect(response.status, `${field}: ${JSON.stringify(response.body).slice(0, 300)}`).toBe(400)
    }
    expect(
      (await owner.patch(`/api/studios/${other}`, { branding: { primaryColor: '#112233' } })).status,
    ).toBe(404)
    expect(
      (await editor.patch(`/api/studios/${own}`, { branding: { primaryColor: '#445566' } })).status,
    ).toBe(403)
    expect((await customer.patch(`/api/studios/${own}`, { branding: {} })).status).toBe(403)
    expect((await owner.post('/api/studios', { name: unique('Owner made') })).status).toBe(403)
    const after = await payload.findByID({ collection: 'studios', id: own, depth: 0 })
    expect(after).toMatchObject({ status: 'active', branding: { primaryColor: '#112233' } })
  })

  it('keeps the Stripe connection server-written: even the platform admin cannot set it', async () => {
    const response = await admin.patch(`/api/studios/${own}`, { stripe: { accountId: 'acct_forged' } })
    expect(response.status).toBe(400)
    const after = await payload.findByID({ collection: 'studios', id: own, depth: 0 })
    expect(after.stripe?.accountId ?? null).toBeNull()
  })

  it('lets nobody delete a studio (suspend it instead)', async () => {
    for (const client of [admin, owner, editor, customer, anonymous])
      expect((await client.delete(`/api/studios/${other}`)).status).toBe(403)
    expect((await admin.delete(`/api/studios?where[id][equals]=${other}`)).status).toBe(403)
    const suspended = await admin.patch(`/api/studios/${other}?depth=0`, { status: 'suspended' })
    expect(suspended.body.doc.status).toBe('suspended')
  })
})
