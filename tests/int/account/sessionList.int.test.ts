import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CLIENT_ADDRESS_HEADER } from '@/endpoints/guard'

import { type SignedIn, signInCallers } from '../../support/clients/callers'
import { ApiClient } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { newCustomer } from '../../support/fixtures/generation'

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

  let clients = 0
  /** A sign-in from a client address of its own (the sign-in limits count per client). */
  const signInAs = (email: string) =>
    new ApiClient(server.url).post(
      '/api/users/login',
      { email, password: 'customer-pass-1' },
      { [CLIENT_ADDRESS_HEADER]: `198.51.100.${++clients}` },
    )

  it('sign-ins at once each keep their own session: every token they answer works', async () => {
    const user = await newCustomer(payload, new ApiClient(server.url), 'sessions-at-once')
    const answers = await Promise.all(Array.from({ length: 8 }, () => signInAs(user.email)))
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200))
    const seen = await Promise.all(
      answers.map(async (answer) => {
        const device = new ApiClient(server.url)
        device.token = answer.body.token
        return (await device.get('/api/users/me')).body.user?.id ?? null
      }),
    )
    expect(seen).toEqual(answers.map(() => user.id))
  })

  it('a sign-in writes only its session: a shoot credited and a name saved while it checks the password stay', async () => {
    const owner = new ApiClient(server.url)
    const user = await newCustomer(payload, owner, 'sessions-meanwhile')
    const balance = async () => (await payload.findByID({ collection: 'users', id: user.id })).shootCredits
    const start = (await balance()) ?? 0
    for (let round = 1; round <= 3; round++) {
      const signingIn = signInAs(user.email)
      // Inside the password check (PBKDF2, 600,000 rounds: about 150 ms here).
      await new Promise((resolve) => setTimeout(resolve, 30))
      await payload.create({
        collection: 'credit-adjustments',
        data: { user: user.id, amount: 1, reason: `While signing in, round ${round}` },
      })
      expect((await owner.patch(`/api/users/${user.id}`, { name: `Renamed ${round}` })).status).toBe(200)
      expect((await signingIn).status).toBe(200)
      const saved = await payload.findByID({ collection: 'users', id: user.id })
      expect([saved.shootCredits, saved.name]).toEqual([start + round, `Renamed ${round}`])
    }
  })
})
