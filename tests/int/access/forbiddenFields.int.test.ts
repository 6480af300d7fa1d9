import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SignedIn, signInCallers } from '../../support/clients/callers'
import { ApiClient, refusedPaths } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/**
 * A field the caller may not set is a 400 naming it, never a 200 that silently dropped it;
 * a form that sends a read-only value back unchanged still saves.
 */
describe('fields a client may not set', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let customer: SignedIn
  let otherCustomer: SignedIn
  let editor: SignedIn
  let admin: SignedIn

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    ;({ customer, otherCustomer, editor, admin } = await signInCallers(payload, server.url, 'forbidden'))
  })

  afterAll(async () => {
    await server?.close()
  })

  it("refuses an account's internals (sessions, hash, salt) and flags, and changes nothing", async () => {
    const before = await payload.findByID({ collection: 'users', id: customer.id, showHiddenFields: true })
    for (const [field, value] of [
      ['sessions', []],
      ['hash', 'x'],
      ['salt', 'x'],
      ['flagged', true],
      ['flagReason', 'none'],
    ] as const) {
      const response = await customer.patch(`/api/users/${customer.id}`, { name: 'Changed', [field]: value })
      expect(response.status, field).toBe(400)
      expect(refusedPaths(response), field).toEqual([field])
    }
    const after = await payload.findByID({ collection: 'users', id: customer.id, showHiddenFields: true })
    expect(after).toEqual({ ...before, wallets: after.wallets })
    // The session still works: nothing was written.
    expect((await customer.get('/api/users/me')).body.user.id).toBe(customer.id)
  })

  it('refuses timestamps and a session list from a customer or a visitor (create and update)', async () => {
    const stamp = await customer.patch(`/api/users/${customer.id}`, { createdAt: '2001-01-01T00:00:00.000Z' })
    expect(stamp.status).toBe(400)
    expect(refusedPaths(stamp)).toEqual(['createdAt'])
    const email = `stamped-${Date.now()}@example.com`
    const signUp = await new ApiClient(server.url).post('/api/users', {
      email,
      password: 'stamped-pass-long-1',
      updatedAt: '2099-01-01T00:00:00.000Z',
      sessions: [
        { id: 'chosen', createdAt: '2020-01-01T00:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z' },
      ],
    })
    expect(signUp.status).toBe(400)
    expect(refusedPaths(signUp)).toEqual(['updatedAt', 'sessions'])
    expect(
      (await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs,
    ).toBe(0)
  })

  it('refuses a changed balance from an admin too; a form loaded before the balance moved saves, keeping the real balance', async () => {
    const loaded = (await admin.get(`/api/users/${customer.id}?depth=0`)).body
    // The ledger moves the balance meanwhile (an admin's grant, as a purchase or a shoot would).
    await new Promise((resolve) => setTimeout(resolve, 10))
    const grant = await admin.post('/api/credit-adjustments', {
      user: customer.id,
      amount: 2,
      reason: 'Balance moved while a form was open',
    })
    expect(grant.status, JSON.stringify(grant.body).slice(0, 300)).toBe(201)
    const moved = (loaded.shootCredits ?? 0) + 2
    expect((await payload.findByID({ collection: 'users', id: customer.id })).shootCredits).toBe(moved)
    // The old form comes back with its old balance: saved, the old balance dropped.
    const save = await admin.patch(`/api/users/${customer.id}`, {
      name: 'Saved By Admin',
      shootCredits: loaded.shootCredits,
      updatedAt: loaded.updatedAt,
    })
    expect(save.status, JSON.stringify(save.body).slice(0, 300)).toBe(200)
    const after = await payload.findByID({ collection: 'users', id: customer.id })
    expect([after.name, after.shootCredits]).toEqual(['Saved By Admin', moved])
    // A current form, or none, that changes the balance: a 400 naming it, never a 200 that dropped it.
    const current = (await admin.get(`/api/users/${customer.id}?depth=0`)).body
    for (const body of [
      { shootCredits: moved + 5, updatedAt: current.updatedAt },
      { name: 'Richer', shootCredits: moved + 5 },
    ]) {
      const changed = await admin.patch(`/api/users/${customer.id}`, body)
      expect(changed.status, JSON.stringify(body)).toBe(400)
      expect(refusedPaths(changed)).toEqual(['shootCredits'])
    }
    expect((await payload.findByID({ collection: 'users', id: customer.id })).shootCredits).toBe(moved)
  })

  it("refuses a change of an account's studio from every caller, and takes the unchanged echo", async () => {
    const stored = (await payload.findByID({ collection: 'users', id: customer.id, depth: 0 })).studio
    expect(stored).toBeTruthy()
    const elsewhere = await payload.create({
      collection: 'studios',
      data: { name: `Studio elsewhere ${Date.now()}` } as never,
    })
    try {
      for (const [who, client, id] of [
        ['admin', admin, customer.id],
        ['customer', customer, customer.id],
        ['editor (own account)', editor, editor.id],
      ] as const)
        for (const studio of [elsewhere.id, null]) {
          const own = (await payload.findByID({ collection: 'users', id, depth: 0 })).studio ?? null
          if (studio === own) continue
          const response = await client.patch(`/api/users/${id}`, { name: 'Moved', studio })
          expect(response.status, `${who} ${studio}`).toBe(400)
          expect(refusedPaths(response), `${who} ${studio}`).toEqual(['studio'])
          expect(response.body.errors[0].data.errors[0].message).toBe('studio cannot be set by you.')
        }
      // A new account naming its studio: refused too (the server sets it).
      const made = await admin.post('/api/users', {
        email: `studio-named-${Date.now()}@example.com`,
        password: 'studio-named-pass-1',
        role: 'customer',
        studio: elsewhere.id,
      })
      expect(made.status).toBe(400)
      expect(refusedPaths(made)).toEqual(['studio'])
      // The stored studio sent back (an id or as read, populated): saved.
      const read = (await admin.get(`/api/users/${customer.id}?depth=1`)).body
      expect(typeof read.studio).toBe('object')
      for (const [client, studio] of [
        [admin, read.studio],
        [admin, stored],
        [customer, stored],
      ] as const)
        expect((await client.patch(`/api/users/${customer.id}`, { studio, name: 'Echoed' })).status).toBe(200)
      const after = await payload.findByID({ collection: 'users', id: customer.id, depth: 0 })
      expect([after.studio, after.name]).toEqual([stored, 'Echoed'])
    } finally {
      await payload.delete({ collection: 'studios', id: elsewhere.id }).catch(() => undefined)
    }
  })

  it('saves a whole profile sent back unchanged (what a form does), with the new name', async () => {
    const { user } = (await customer.get('/api/users/me')).body
    const response = await customer.patch(`/api/users/${customer.id}`, { ...user, name: 'Formed' })
    expect(response.status).toBe(200)
    expect((await payload.findByID({ collection: 'users', id: customer.id })).name).toBe('Formed')
  })

  it('refuses a bulk update (where) that sets a role', async () => {
    const response = await customer.patch(`/api/users?where[id][equals]=${customer.id}`, { role: 'admin' })
    expect(response.status).toBe(400)
    expect(refusedPaths(response)).toEqual(['role'])
    expect((await payload.findByID({ collection: 'users', id: customer.id })).role).toBe('customer')
  })

  it("answers alike for someone else's account, whatever value is guessed", async () => {
    const guesses = await Promise.all(
      ['customer', 'admin'].map((role) => customer.patch(`/api/users/${otherCustomer.id}`, { role })),
    )
    // As a read of it: 404, whether the account exists or not.
    expect(guesses.map((response) => response.status)).toEqual([404, 404])
    expect((await payload.findByID({ collection: 'users', id: otherCustomer.id })).role).toBe('customer')
  })

  it("refuses an editor's publish switch, and takes the editor's unchanged switch with other edits", async () => {
    const created = await editor.post('/api/photo-packages', {
      name: 'Forbidden Fields Package',
      category: 'artistic',
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id
    const publish = await editor.patch(`/api/photo-packages/${id}`, { isActive: true, isFeatured: true })
    expect(publish.status).toBe(400)
    expect(refusedPaths(publish)).toEqual(['isActive', 'isFeatured'])
    expect((await payload.findByID({ collection: 'photo-packages', id })).isActive).toBe(false)
    const edit = await editor.patch(`/api/photo-packages/${id}`, { isActive: false, description: 'Edited' })
    expect(edit.status).toBe(200)
    const creating = await editor.post('/api/photo-packages', {
      name: 'Live At Once',
      category: 'artistic',
      isActive: true,
    })
    expect(creating.status).toBe(400)
    expect(refusedPaths(creating)).toEqual(['isActive'])
  })
})
