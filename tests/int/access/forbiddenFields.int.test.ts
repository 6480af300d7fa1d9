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

  it("takes an admin's save that echoes a balance changed meanwhile, keeping the real balance", async () => {
    const before = (await payload.findByID({ collection: 'users', id: customer.id })).shootCredits ?? 0
    const save = await admin.patch(`/api/users/${customer.id}`, {
      name: 'Saved By Admin',
      shootCredits: before + 5,
    })
    expect(save.status).toBe(200)
    const after = await payload.findByID({ collection: 'users', id: customer.id })
    expect([after.name, after.shootCredits]).toEqual(['Saved By Admin', before])
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
