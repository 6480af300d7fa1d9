import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { newCustomer } from '../../support/fixtures/generation'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/**
 * "Your details" on /account over REST on Postgres: the name changes freely; the e-mail address
 * and the password only with the current password; every refusal is a 4xx naming its field.
 */
describe('a customer changes their name, e-mail and password', { timeout: 120_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
  })

  afterAll(async () => {
    await server?.close()
  })

  it('changes the name without the password', async () => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'settings-name')
    const response = await client.post('/api/account/settings', { name: 'Ada Lovelace' })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ name: 'Ada Lovelace', email: user.email })
    expect((await payload.findByID({ collection: 'users', id: user.id })).name).toBe('Ada Lovelace')
  })

  it('changes the e-mail address and the password only with the current password', async () => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'settings-secure')
    const newEmail = `moved-${user.id}@example.com`

    const without = await client.post('/api/account/settings', { email: newEmail })
    expect(without.status).toBe(400)
    expect(without.body.field).toBe('currentPassword')
    const wrong = await client.post('/api/account/settings', {
      email: newEmail,
      currentPassword: 'not-my-password',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.field).toBe('currentPassword')
    expect((await payload.findByID({ collection: 'users', id: user.id })).email).toBe(user.email)

    const moved = await client.post('/api/account/settings', {
      email: newEmail,
      newPassword: 'brand-new-pass-9',
      currentPassword: 'customer-pass-1',
    })
    expect(moved.status).toBe(200)
    // The address waits for the link e-mailed to it (emailChange.int); the password changed at once.
    expect(moved.body).toMatchObject({ email: user.email, pendingEmail: newEmail })
    expect(moved.body.message).toMatch(/We have sent a link to the new address/)
    // The session that made the change stays signed in (a password change ends the others).
    expect((await client.get('/api/users/me')).body.user?.email).toBe(user.email)
    await new ApiClient(server.url).login(user.email, 'brand-new-pass-9')
    const old = await new ApiClient(server.url).post('/api/users/login', {
      email: user.email,
      password: 'customer-pass-1',
    })
    expect(old.status).toBe(401)
  })

  it('answers a taken address as a free one; refuses a malformed one, a short password and a role, naming the field', async () => {
    const client = new ApiClient(server.url)
    await newCustomer(payload, client, 'settings-refusals')
    // A taken address is answered as a free one (the answer must not tell which addresses have accounts).
    const taken = await client.post('/api/account/settings', {
      email: 'customer@photo-packages.local',
      currentPassword: 'customer-pass-1',
    })
    expect(taken.status).toBe(200)
    expect(taken.body.message).toMatch(/We have sent a link to the new address/)
    const malformed = await client.post('/api/account/settings', {
      email: 'not an address',
      currentPassword: 'customer-pass-1',
    })
    expect(malformed.status).toBe(400)
    expect(malformed.body.field).toBe('email')
    const short = await client.post('/api/account/settings', {
      newPassword: 'short',
      currentPassword: 'customer-pass-1',
    })
    expect(short.status).toBe(400)
    expect(short.body.field).toBe('newPassword')
    const role = await client.post('/api/account/settings', { name: 'Mallory', role: 'admin' })
    expect(role.status).toBe(400)
    expect(role.body.field).toBe('role')
    expect((await new ApiClient(server.url).post('/api/account/settings', { name: 'Nobody' })).status).toBe(
      401,
    )
  })
})
