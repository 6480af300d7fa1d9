import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { newCustomerWithShoot } from '../../support/fixtures/shoots'
import { shootableThemeId } from '../../support/fixtures/catalog'

/** What a customer's own reads leave out: the provider's bill, staff's review of the account. */
describe("a customer's reads of their own records", () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let customer: ApiClient
  let generationId: number

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    // A theme customers can shoot now (other files may switch the seed's themes off or out of season).
    const standardThemeId = await shootableThemeId(server.url)
    const shoot = await newCustomerWithShoot(payload, server.url, standardThemeId, 'reads')
    expect(shoot.generation.status).toBe('succeeded')
    customer = shoot.client
    generationId = shoot.generation.id
  })

  afterAll(async () => {
    await server?.close()
  })

  it("shows the customer's portraits without the provider's cost, price source or token usage; admins see them", async () => {
    const { body } = await customer.get(`/api/generation-results?where[generation][equals]=${generationId}`)
    expect(body.docs.length).toBeGreaterThan(0)
    for (const result of body.docs) {
      for (const field of ['costUsd', 'priceSource', 'usage']) expect(result).not.toHaveProperty(field)
      expect(result).toHaveProperty('model')
    }
    const admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    const adminView = await admin.get(`/api/generation-results?where[generation][equals]=${generationId}`)
    for (const field of ['costUsd', 'priceSource', 'usage'])
      expect(adminView.body.docs[0]).toHaveProperty(field)
    // The nested results of the generation read leave them out too.
    const generation = await customer.get(`/api/generations?where[id][equals]=${generationId}&depth=1`)
    const nested = generation.body.docs[0].images.map(
      (image: { result: Record<string, unknown> }) => image.result,
    )
    expect(nested.length).toBeGreaterThan(0)
    for (const result of nested) expect(result).not.toHaveProperty('costUsd')
  })
  it("leaves staff's review of the account out of the customer's own account reads, and refuses a where on it", async () => {
    const me = (await customer.get('/api/users/me')).body.user
    await payload.update({
      collection: 'users',
      id: me.id,
      data: { flagged: true, flagReason: 'Payment reversed: dispute du_test' },
    })
    try {
      for (const read of [
        (await customer.get('/api/users/me')).body.user,
        (await customer.get(`/api/users/${me.id}`)).body,
        (await customer.get('/api/users')).body.docs[0],
      ]) {
        expect(read.id).toBe(me.id)
        expect(read).not.toHaveProperty('flagged')
        expect(read).not.toHaveProperty('flagReason')
      }
      // A where on it would tell the customer the answer by whether their own row comes back.
      const probe = await customer.get('/api/users?where[flagged][equals]=true')
      expect(probe.status).toBe(400)
      expect(JSON.stringify(probe.body)).toMatch(/flagged/)
      const admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
      const adminView = (await admin.get(`/api/users/${me.id}`)).body
      expect(adminView).toMatchObject({ flagged: true, flagReason: 'Payment reversed: dispute du_test' })
    } finally {
      await payload.update({ collection: 'users', id: me.id, data: { flagged: false, flagReason: null } })
    }
  })
})
