import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SignedIn, signInCallers } from '../../support/clients/callers'
import { ApiClient } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/** Every key `sessions` anywhere in a JSON answer. */
const sessionKeys = (body: unknown): number => {
  if (Array.isArray(body)) return body.reduce((sum: number, item) => sum + sessionKeys(item), 0)
  if (!body || typeof body !== 'object') return 0
  return Object.entries(body).reduce(
    (sum, [key, value]) => sum + (key === 'sessions' ? 1 : 0) + sessionKeys(value),
    0,
  )
}

/**
 * Payload's session list of an account (one entry a signed-in device) is the server's own: no
 * REST answer shows it, to its owner or to an admin, while sign-in, refresh and sign-out still
 * keep it (a signed-out token stops working).
 */
describe("an account's session list", () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let customer: SignedIn
  let admin: SignedIn

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    ;({ customer, admin } = await signInCallers(payload, server.url, 'sessions'))
  })

  afterAll(async () => {
    await server?.close()
  })

  it('is in no read of the account: me, by id, the list, an admin, a relation populated', async () => {
    const reads = [
      await customer.get('/api/users/me'),
      await customer.get(`/api/users/${customer.id}`),
      await customer.get('/api/users'),
      await admin.get(`/api/users/${customer.id}`),
      await admin.get(`/api/users?where[id][equals]=${customer.id}`),
      // The customer's trial grant names its account: populated, the account has no sessions either.
      await customer.get('/api/credit-ledger?depth=1'),
    ]
    for (const read of reads) expect(read.status).toBe(200)
    expect(reads.map((read) => sessionKeys(read.body))).toEqual([0, 0, 0, 0, 0, 0])
    expect(reads[0].body.user.id).toBe(customer.id)
    expect(reads[5].body.docs[0].user.id).toBe(customer.id)
    // Stored all the same: the server's own read has this device's session.
    const stored = await payload.findByID({ collection: 'users', id: customer.id })
    expect(stored.sessions?.length).toBeGreaterThan(0)
  })

  it('sign-in, refresh and sign-out still keep it, and show none of it', async () => {
    const { email } = await payload.findByID({ collection: 'users', id: customer.id })
    const device = new ApiClient(server.url)
    const login = await device.post('/api/users/login', { email, password: 'customer-pass-1' })
    expect(login.status).toBe(200)
    expect(sessionKeys(login.body)).toBe(0)
    device.token = login.body.token
    const refresh = await device.post('/api/users/refresh-token')
    expect(refresh.status).toBe(200)
    expect(sessionKeys(refresh.body)).toBe(0)
    const refreshed = new ApiClient(server.url)
    refreshed.token = refresh.body.refreshedToken
    expect((await refreshed.get('/api/users/me')).body.user.id).toBe(customer.id)

    const logout = await refreshed.post('/api/users/logout')
    expect(logout.status).toBe(200)
    // That device's session is gone: both of its tokens are dead; the other device still works.
    expect((await refreshed.get('/api/users/me')).body.user).toBeNull()
    expect((await device.get('/api/users/me')).body.user).toBeNull()
    expect((await customer.get('/api/users/me')).body.user.id).toBe(customer.id)
  })
})
