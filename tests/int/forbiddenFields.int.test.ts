import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SignedIn, signInCallers } from '../support/callers'
import type { ApiResponse } from '../support/client'
import { testPayload } from '../support/payload'
import { startRestServer } from '../support/restServer'

const refusedPaths = (response: ApiResponse) =>
  (response.body.errors?.[0]?.data?.errors ?? []).map((error: { path: string }) => error.path)

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

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    ;({ customer, otherCustomer, editor } = await signInCallers(payload, server.url, 'forbidden'))
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
