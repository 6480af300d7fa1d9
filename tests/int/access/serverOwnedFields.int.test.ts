import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient, refusedPaths } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { shootableThemeId } from '../../support/fixtures/catalog'
import { uploadPhoto } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { newCustomerWithShoot } from '../../support/fixtures/shoots'

/**
 * What the server computes (an upload's owner and face count, a shoot's status and progress, a
 * purchase's Stripe figures) no REST caller sets, admins included: a 400 naming the field, and
 * nothing changes; a form's unchanged echo saves; the server's own writes go on.
 */
describe('server-owned fields', { timeout: 120_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let admin: ApiClient
  let customer: ApiClient
  let customerId: number
  let uploadId: number
  let generationId: number

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    const shoot = await newCustomerWithShoot(payload, server.url, await shootableThemeId(server.url), 'owned')
    expect(shoot.generation.status).toBe('succeeded')
    ;({ client: customer, uploadId } = shoot)
    customerId = shoot.user.id
    generationId = shoot.generation.id
  })

  afterAll(async () => {
    await server?.close()
  })

  it("refuses an admin's owner or face count on a customer's photo, and takes the unchanged echo", async () => {
    const before = await payload.findByID({ collection: 'photo-uploads', id: uploadId, depth: 0 })
    const adminId = (await admin.get('/api/users/me')).body.user.id
    for (const [field, value] of [
      ['owner', adminId],
      ['faceCount', 7],
      ['qualityScore', (before.qualityScore ?? 0) > 50 ? 10 : 90],
    ] as const) {
      const response = await admin.patch(`/api/photo-uploads/${uploadId}`, { [field]: value })
      expect(response.status, field).toBe(400)
      expect(refusedPaths(response), field).toEqual([field])
      expect(response.body.errors[0].data.errors[0].message).toBe(`${field} cannot be set by you.`)
    }
    const echo = await admin.patch(`/api/photo-uploads/${uploadId}`, {
      owner: before.owner,
      faceCount: before.faceCount,
      role: 'person',
    })
    expect(echo.status).toBe(200)
    const after = await payload.findByID({ collection: 'photo-uploads', id: uploadId, depth: 0 })
    expect([after.owner, after.faceCount, after.qualityScore]).toEqual([
      customerId,
      before.faceCount,
      before.qualityScore,
    ])
  })

  it("refuses an admin's faces on a customer's photo (a forged descriptor would pass any likeness check), and takes the unchanged echo", async () => {
    const before = await payload.findByID({ collection: 'photo-uploads', id: uploadId, depth: 0 })
    expect(before.faces).toHaveLength(1)
    const read = (await admin.get(`/api/photo-uploads/${uploadId}`)).body
    const forged = [{ ...read.faces[0], descriptor: Array.from({ length: 1024 }, () => 0.03) }]
    const moved = [{ ...read.faces[0], box: [0, 0, 900, 900], sizePx: 900 }]
    for (const faces of [forged, moved, [], null]) {
      const response = await admin.patch(`/api/photo-uploads/${uploadId}`, { faces })
      expect(response.status, JSON.stringify(faces)?.slice(0, 60)).toBe(400)
      expect(refusedPaths(response)).toEqual(['faces'])
    }
    // The owner may not change the photo at all.
    expect((await customer.patch(`/api/photo-uploads/${uploadId}`, { faces: forged })).status).toBe(403)
    // A form sends the faces back as it read them (descriptors hidden): that saves, and keeps them.
    const echo = await admin.patch(`/api/photo-uploads/${uploadId}`, { faces: read.faces, role: read.role })
    expect(echo.status, JSON.stringify(echo.body).slice(0, 300)).toBe(200)
    const after = await payload.findByID({ collection: 'photo-uploads', id: uploadId, depth: 0 })
    expect(after.faces).toEqual(before.faces)
  })

  it("refuses a customer's upload that names its owner or face count", async () => {
    const photo = await portraitJpeg()
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'me.jpg')
    form.append('_payload', JSON.stringify({ owner: 1, faceCount: 3 }))
    const named = await customer.post('/api/photo-uploads', form)
    expect(named.status).toBe(400)
    expect(refusedPaths(named)).toEqual(['owner', 'faceCount'])
    // Without them, the server sets both.
    const plain = await uploadPhoto(customer, photo)
    expect(plain.status).toBe(201)
    expect(plain.body.doc.owner.id ?? plain.body.doc.owner).toBe(customerId)
    expect(plain.body.doc.faceCount).toBe(1)
  })

  it("refuses an admin's status, owner or progress on a shoot, and a changed image row under a kept id", async () => {
    const before = await payload.findByID({ collection: 'generations', id: generationId, depth: 0 })
    const changedRow = [{ ...before.images![0], state: 'failed' }, ...before.images!.slice(1)]
    for (const [field, value] of [
      ['status', 'queued'],
      ['owner', 1],
      ['progress', 3],
      ['images', changedRow],
      // The ledger's name for the shoot (admin.readOnly, no updates): was dropped with a 200.
      ['uuid', globalThis.crypto.randomUUID()],
    ] as const) {
      const response = await admin.patch(`/api/generations/${generationId}`, { [field]: value })
      expect(response.status, field).toBe(400)
      expect(refusedPaths(response), field).toEqual([field])
    }
    const after = await payload.findByID({ collection: 'generations', id: generationId, depth: 0 })
    expect(after).toEqual(before)
  })

  it('takes a whole shoot sent back as an admin read it (relations populated)', async () => {
    const read = await admin.get(`/api/generations?where[id][equals]=${generationId}&depth=1`)
    expect(read.status).toBe(200)
    const [shoot] = read.body.docs
    expect(typeof shoot.owner).toBe('object')
    const saved = await admin.patch(`/api/generations/${generationId}`, shoot)
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.doc.status).toBe('succeeded')
  })

  it("takes an admin's save of a shoot the server moved since the form loaded it, keeping the server's values; a current form's change is still refused", async () => {
    const loaded = (await admin.get(`/api/generations?where[id][equals]=${generationId}&depth=0`)).body
      .docs[0]
    expect(loaded.progress).toBe(100)
    // The server writes meanwhile (as a worker records progress).
    await new Promise((resolve) => setTimeout(resolve, 10))
    await payload.update({ collection: 'generations', id: generationId, data: { progress: 99 } })
    try {
      const saved = await admin.patch(`/api/generations/${generationId}`, loaded)
      expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).toBe(200)
      expect(saved.body.doc.progress).toBe(99)
      const current = (await admin.get(`/api/generations?where[id][equals]=${generationId}&depth=0`)).body
        .docs[0]
      const changed = await admin.patch(`/api/generations/${generationId}`, { ...current, progress: 50 })
      expect(changed.status).toBe(400)
      expect(refusedPaths(changed)).toEqual(['progress'])
      // An updatedAt that is not a date is no stale form either.
      const junk = await admin.patch(`/api/generations/${generationId}`, {
        progress: 50,
        updatedAt: 'yesterday',
      })
      expect(junk.status, JSON.stringify(junk.body).slice(0, 300)).toBe(400)
      expect(
        (await payload.findByID({ collection: 'generations', id: generationId, depth: 0 })).progress,
      ).toBe(99)
    } finally {
      await payload.update({ collection: 'generations', id: generationId, data: { progress: 100 } })
    }
  })

  it("refuses an admin's purchase status or refund figure; the server's own writes still go", async () => {
    // The server (local API, as the webhook does) records a sale.
    const purchase = await payload.create({
      collection: 'purchases',
      data: { owner: customerId, shoots: 10, amountCents: 499, currency: 'usd', status: 'pending' },
    })
    for (const [field, value] of [
      ['status', 'paid'],
      ['refundedAmountCents', 499],
      ['uuid', globalThis.crypto.randomUUID()],
    ] as const) {
      const response = await admin.patch(`/api/purchases/${purchase.id}`, { [field]: value })
      expect(response.status, field).toBe(400)
      expect(refusedPaths(response), field).toEqual([field])
    }
    const stored = await payload.findByID({ collection: 'purchases', id: purchase.id })
    expect([stored.status, stored.uuid]).toEqual(['pending', purchase.uuid])
    await payload.update({ collection: 'purchases', id: purchase.id, data: { status: 'paid' } })
    expect((await payload.findByID({ collection: 'purchases', id: purchase.id })).status).toBe('paid')
  })

  it("refuses an admin's author, balance or title on a credit adjustment (the server writes them), and grants nothing", async () => {
    const count = async () => (await payload.count({ collection: 'credit-adjustments' })).totalDocs
    const before = [
      await count(),
      (await payload.findByID({ collection: 'users', id: customerId })).shootCredits,
    ]
    const grant = { user: customerId, amount: 1, reason: 'Server-owned fields test' }
    for (const [field, value] of [
      ['admin', customerId],
      ['balanceAfter', 999],
      ['title', '+1000 shoots'],
    ] as const) {
      const response = await admin.post('/api/credit-adjustments', { ...grant, [field]: value })
      expect(response.status, field).toBe(400)
      expect(refusedPaths(response), field).toEqual([field])
    }
    expect([
      await count(),
      (await payload.findByID({ collection: 'users', id: customerId })).shootCredits,
    ]).toEqual(before)
    // A create form's empty read-only fields pass; the server fills them in.
    const made = await admin.post('/api/credit-adjustments', { ...grant, admin: null, balanceAfter: null })
    expect(made.status, JSON.stringify(made.body).slice(0, 300)).toBe(201)
    const adminId = (await admin.get('/api/users/me')).body.user.id
    expect(made.body.doc.admin?.id ?? made.body.doc.admin).toBe(adminId)
    expect(made.body.doc.balanceAfter).toBeGreaterThan(0)
  })

  it('portraits stay closed to REST writes altogether', async () => {
    const { docs } = await payload.find({
      collection: 'generation-results',
      where: { generation: { equals: generationId } },
      depth: 0,
    })
    const response = await admin.patch(`/api/generation-results/${docs[0].id}`, { owner: 1 })
    expect(response.status).toBe(403)
  })
})
