import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MAX_EMAIL_LENGTH } from '@/account/emailAddress'

import { type SignedIn, signInCallers } from '../../support/clients/callers'
import { type ApiClient, refusedPaths } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/** An address of `length` characters in all, with a local part of `local` characters. */
const address = (length: number, local = 10) => {
  const domain = `${'d'.repeat(length - local - 1 - 4)}.com`
  return `${'a'.repeat(local)}@${domain}`
}

/** E-mail addresses are held to RFC 5321's lengths wherever an account gets one. */
describe('e-mail address lengths', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let anonymous: ApiClient
  let customer: SignedIn

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    ;({ anonymous, customer } = await signInCallers(payload, server.url, 'addresses'))
  })

  afterAll(async () => {
    await server?.close()
  })

  it('refuses a sign-up with an address over 254 characters or a local part over 64, naming email', async () => {
    for (const email of [address(MAX_EMAIL_LENGTH + 1), address(100_000), address(80, 65)]) {
      const response = await anonymous.post('/api/users', { email, password: 'long-address-pass-1' })
      expect(response.status, `${email.length} characters`).toBe(400)
      expect(refusedPaths(response)).toEqual(['email'])
    }
    expect(
      (await payload.count({ collection: 'users', where: { email: { like: 'aaaaaaaaaa@ddd' } } })).totalDocs,
    ).toBe(0)
  })

  it('takes an address of exactly 254 characters with a 64-character local part', async () => {
    const email = address(MAX_EMAIL_LENGTH, 64)
    expect((await anonymous.post('/api/users', { email, password: 'long-address-pass-1' })).status).toBe(201)
    expect(
      (await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs,
    ).toBe(1)
  })

  it('refuses moving an account to an address that is too long, on both paths', async () => {
    // A local part over 64 characters in a short address: a 400 naming email too, never "taken".
    const local = address(80, 65)
    const longLocal = await customer.post('/api/account/settings', {
      email: local,
      currentPassword: 'customer-pass-1',
    })
    expect({ status: longLocal.status, field: longLocal.body.field }).toEqual({ status: 400, field: 'email' })
    const patchLocal = await customer.patch(`/api/users/${customer.id}`, {
      email: local,
      currentPassword: 'customer-pass-1',
    })
    expect(patchLocal.status).toBe(400)
    expect(refusedPaths(patchLocal)).toEqual(['email'])
    const email = address(MAX_EMAIL_LENGTH + 1)
    const patch = await customer.patch(`/api/users/${customer.id}`, {
      email,
      currentPassword: 'customer-pass-1',
    })
    expect(patch.status).toBe(400)
    expect(refusedPaths(patch)).toEqual(['email'])
    const settings = await customer.post('/api/account/settings', {
      email,
      currentPassword: 'customer-pass-1',
    })
    expect(settings.status).toBe(400)
    expect(settings.body.field).toBe('email')
  })
})
