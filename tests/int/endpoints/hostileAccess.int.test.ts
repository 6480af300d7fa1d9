import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SignedIn, signInCallers } from '../../support/clients/callers'
import { ApiClient } from '../../support/clients/client'
import { newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/** The access holes of issue 10, each as the attacker tried it. */
describe('access holes stay closed', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let customer: SignedIn
  let otherCustomer: SignedIn
  let editor: SignedIn
  let admin: SignedIn
  let adminId: number
  let packageId: number

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    ;({ customer, otherCustomer, editor, admin } = await signInCallers(payload, server.url, 'locks'))
    adminId = admin.id
    // One in the editor's studio: files before this one leave other studios' packages in the database.
    packageId = (await editor.get('/api/photo-packages?limit=1&depth=0')).body.docs[0].id
  })

  afterAll(async () => {
    await server?.close()
  })

  it('gives customers no access to document locks, and staff locks only in their own name', async () => {
    const lock = {
      document: { relationTo: 'photo-packages', value: packageId },
      user: { relationTo: 'users', value: adminId },
    }
    expect((await customer.post('/api/payload-locked-documents', lock)).status).toBe(403)
    expect((await customer.get('/api/payload-locked-documents')).status).toBe(403)
    expect((await editor.post('/api/payload-locked-documents', lock)).status).toBe(403)
    const own = await editor.post('/api/payload-locked-documents', {
      ...lock,
      user: { relationTo: 'users', value: editor.id },
    })
    expect(own.status).toBe(201)
    expect((await customer.delete(`/api/payload-locked-documents/${own.body.doc.id}`)).status).toBe(403)
    expect((await editor.delete(`/api/payload-locked-documents/${own.body.doc.id}`)).status).toBe(200)
  })

  it('refuses isActive and isFeatured in an editor’s save with a 400 naming them; admins may set them', async () => {
    const before = await payload.findByID({ collection: 'photo-packages', id: packageId, depth: 0 })
    const saved = await editor.patch(`/api/photo-packages/${packageId}`, {
      isActive: !before.isActive,
      isFeatured: !before.isFeatured,
    })
    expect(saved.status).toBe(400)
    expect(saved.body.errors[0].data.errors.map((e: { path: string }) => e.path)).toEqual([
      'isActive',
      'isFeatured',
    ])
    const after = await payload.findByID({ collection: 'photo-packages', id: packageId, depth: 0 })
    expect([after.isActive, after.isFeatured]).toEqual([before.isActive, before.isFeatured])
    expect(
      (await admin.patch(`/api/photo-packages/${packageId}`, { isFeatured: !before.isFeatured })).status,
    ).toBe(200)
    expect(
      (await payload.findByID({ collection: 'photo-packages', id: packageId, depth: 0 })).isFeatured,
    ).toBe(!before.isFeatured)
    await payload.update({
      collection: 'photo-packages',
      id: packageId,
      data: { isFeatured: before.isFeatured },
    })
  })

  it('refuses cookie-authenticated state changes from a foreign origin, and non-JSON bodies with 415', async () => {
    const login = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'editor@photo-packages.local', password: 'editor-demo-pass' }),
    })
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0]
    expect(cookie).toMatch(/^payload-token=/)
    const me = { id: editor.id }
    const patch = (origin: string) =>
      fetch(`${server.url}/api/users/${me.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie, origin },
        body: JSON.stringify({ name: `From ${origin}` }),
      })
    const foreign = await patch('http://evil.example')
    expect(foreign.status).toBe(403)
    expect((await foreign.json()).error).toMatch(/evil\.example/)
    expect((await payload.findByID({ collection: 'users', id: me.id })).name).not.toBe(
      'From http://evil.example',
    )
    expect((await patch(server.url)).status).toBe(200)

    const plain = await customer.post('/api/generate', '{"packageSlug":"wedding-portraits"}', {
      'content-type': 'text/plain',
    })
    expect(plain.status).toBe(415)
  })

  it('rate-limits sign-in per client before any password is checked, with 429 and Retry-After', async () => {
    process.env.RATE_LIMIT_LOGIN_POINTS = '5'
    try {
      const attempt = (client: string) =>
        fetch(`${server.url}/api/users/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-photo-packages-client': client },
          body: JSON.stringify({ email: 'admin@photo-packages.local', password: 'wrong-password' }),
        })
      const statuses = await Promise.all(Array.from({ length: 12 }, () => attempt('203.0.113.7')))
      expect(statuses.filter((response) => response.status === 429)).toHaveLength(7)
      const limited = statuses.find((response) => response.status === 429)!
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
      // Only the 5 that got through had their password checked (and counted for this client).
      expect(statuses.filter((response) => response.status === 401)).toHaveLength(5)
      // Another client is not affected, and the admin can still sign in.
      const other = await fetch(`${server.url}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-photo-packages-client': '198.51.100.1' },
        body: JSON.stringify({ email: 'admin@photo-packages.local', password: 'admin-demo-pass' }),
      })
      expect(other.status).toBe(200)
    } finally {
      process.env.RATE_LIMIT_LOGIN_POINTS = '100000'
    }
  })

  it('answers 404 for missing files and routes this config does not serve; private files are never cached', async () => {
    expect((await customer.get('/api/media/file/no-such-file.png')).status).toBe(404)
    expect((await admin.get('/api/payload-migrations')).status).toBe(404)
    // Served since sign-ups are confirmed by a mailed link: an unknown token is the client's 400.
    const verify = await customer.post('/api/users/verify/abc')
    expect([verify.status, verify.body.field]).toEqual([400, 'token'])
    const privateFile = await customer.get('/api/photo-uploads/file/no-such-file.jpg')
    expect(privateFile.status).toBeLessThan(500)
    expect(privateFile.headers.get('cache-control')).toBe('private, no-store')
  })

  it("answers 404 alike to another customer's file and to no file at all (Payload's 403 gave the first away); 403 stays for anonymous", async () => {
    const upload = await uploadPhoto(customer, await portraitJpeg())
    expect(upload.status, JSON.stringify(upload.body)).toBe(201)
    const { filename, sizes } = upload.body.doc
    const thumbnail = sizes.thumbnail.filename
    expect((await customer.get(`/api/photo-uploads/file/${filename}`)).status).toBe(200)
    expect((await admin.get(`/api/photo-uploads/file/${thumbnail}`)).status).toBe(200)
    for (const path of [
      // The tester's sample, and its kind: a size variant, a missing file, another private collection.
      `/api/photo-uploads/file/${filename}`,
      `/api/photo-uploads/file/${thumbnail}`,
      '/api/photo-uploads/file/nope.jpg',
      '/api/generation-results/file/nope.webp',
    ]) {
      const response = await otherCustomer.get(path)
      expect({ path, status: response.status }).toEqual({ path, status: 404 })
      expect(response.body.errors[0].message).toMatch(/^No [a-z-]+ file .+ among yours\.$/)
      expect(response.headers.get('cache-control')).toBe('private, no-store')
    }
    expect((await customer.get('/api/photo-uploads/file/nope.jpg')).status).toBe(404)
    // A caller who may read every file: a name no document has is a 404 before the disk is looked at.
    for (const [client, path] of [
      [admin, '/api/photo-uploads/file/nope.jpg'],
      [new ApiClient(server.url), '/api/media/file/nope.png'],
    ] as const) {
      const response = await client.get(path)
      expect({ path, status: response.status, message: response.body.errors[0].message }).toEqual({
        path,
        status: 404,
        message: `No ${path.split('/')[2]} file ${path.split('/')[4]}.`,
      })
    }
    // No read rights at all: Payload's 403, as before.
    expect((await new ApiClient(server.url).get(`/api/photo-uploads/file/${filename}`)).status).toBe(403)
  })

  it('validates a credit adjustment before any money moves', async () => {
    const target = await newCustomer(payload, new ApiClient(server.url), 'adjust')
    const balance = async () => (await payload.findByID({ collection: 'users', id: target.id })).shootCredits
    const before = await balance()
    for (const [amount, user] of [
      [1.5, target.id],
      ['abc', target.id],
      [2, 99999999],
      [2, 'abc'],
    ] as const) {
      const response = await admin.post('/api/credit-adjustments', { user, amount, reason: 'hostile check' })
      expect(response.status, JSON.stringify(response.body)).toBe(400)
      expect(JSON.stringify(response.body)).toMatch(/amount|user/)
    }
    const tooMuch = await admin.post('/api/credit-adjustments', {
      user: target.id,
      amount: -1000,
      reason: 'hostile check',
    })
    expect(tooMuch.status).toBe(402)
    expect(tooMuch.body.errors[0].message).toBe(
      `Not enough shoots: this needs 1000 and the balance is ${before}.`,
    )
    expect(await balance()).toBe(before)
  })

  it('erases an account that has a credit history: the ledger stays for the books, detached', async () => {
    const target = await newCustomer(payload, new ApiClient(server.url), 'keep')
    const ledger = await payload.find({
      collection: 'credit-ledger',
      where: { user: { equals: target.id } },
      depth: 0,
    })
    expect(ledger.totalDocs).toBeGreaterThan(0)
    const response = await admin.delete(`/api/users/${target.id}`)
    expect(response.status).toBe(200)
    expect(
      (await payload.count({ collection: 'users', where: { id: { equals: target.id } } })).totalDocs,
    ).toBe(0)
    const kept = await payload.find({
      collection: 'credit-ledger',
      where: { id: { in: ledger.docs.map((row) => row.id) } },
      depth: 0,
    })
    expect(kept.docs.map((row) => row.user ?? null)).toEqual(ledger.docs.map(() => null))
  })

  it('answers an unreachable Stripe with 502 and a message', async () => {
    Object.assign(process.env, {
      STRIPE_SECRET_KEY: 'sk_test_x',
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: '9',
      STRIPE_API_PROTOCOL: 'http',
    })
    try {
      const response = await admin.post('/api/admin/billing/reconcile')
      expect(response.status).toBe(502)
      expect(response.body.error).toMatch(/Stripe/)
    } finally {
      for (const key of ['STRIPE_SECRET_KEY', 'STRIPE_API_HOST', 'STRIPE_API_PORT', 'STRIPE_API_PROTOCOL'])
        delete process.env[key]
    }
  })
})
