import '../../support/app/poolOfOneEnv'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { forgetStudioDirectory } from '@/studios/resolveStudio'

import { ApiClient } from '../../support/clients/client'
import { newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { shootableThemeId } from '../../support/fixtures/catalog'

/**
 * A node whose pool has one usable connection (poolOfOneEnv) still signs customers up, takes
 * parallel shoots, runs them to the end and takes their ratings. A transaction holds its
 * connection until it ends, so code inside one that queries without its `req` (another
 * connection) waits forever here; under load, with every connection held so, a node of any pool
 * size hangs the same way (seen: five parallel shoots hung the test process for good).
 */
describe('a pool of one connection', { timeout: 120_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let themeId: number

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    themeId = await shootableThemeId(server.url)
  })

  afterAll(async () => {
    await server?.close()
  })

  it('signs customers up while the studios are read again (the new account names its studio in its own transaction)', async () => {
    const clients = [new ApiClient(server.url), new ApiClient(server.url)]
    forgetStudioDirectory()
    const [first, second] = await Promise.all(clients.map((client) => newCustomer(payload, client, 'pool')))
    const studioOf = (user: typeof first) => (typeof user.studio === 'object' ? user.studio?.id : user.studio)
    expect(studioOf(first)).toEqual(expect.any(Number))
    expect(studioOf(second)).toBe(studioOf(first))
  })

  it('takes several shoots at once, runs every one to the end, and takes their ratings', async () => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'pool-shoots')
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, amount: 5, reason: 'Shoots for the pool test' },
    })
    const upload = await uploadPhoto(client, await portraitJpeg())
    expect(upload.status).toBe(201)
    const accepted = await Promise.all(
      Array.from({ length: 5 }, () =>
        client.post('/api/generate', {
          packageSlug: 'wedding-portraits',
          themeId,
          uploadIds: [upload.body.doc.id],
          portraitType: 'single',
          generationSettings: { aspectRatio: '1:1', quality: 'standard' },
        }),
      ),
    )
    expect(accepted.map((response) => response.status)).toEqual([202, 202, 202, 202, 202])
    for (const response of accepted) {
      const generation = await waitForGeneration(payload, response.body.generationId)
      expect(['succeeded', 'partially_succeeded']).toContain(generation.status)
    }
    const ratings = await Promise.all(
      accepted.map((response, index) =>
        client.post(`/api/generations/${response.body.generationId}/rating`, { rating: index + 1 }),
      ),
    )
    expect(ratings.map((response) => response.status)).toEqual([200, 200, 200, 200, 200])
    const status = await client.get(`/api/generations/${accepted[0].body.generationId}`)
    expect(status.status).toBe(200)
    expect(status.body.generation.progress).toBe(100)
  })

  it('deletes a photo over REST (Payload checks its edit lock in the transaction of the delete)', async () => {
    const client = new ApiClient(server.url)
    await newCustomer(payload, client, 'pool-delete')
    const upload = await uploadPhoto(client, await portraitJpeg())
    expect(upload.status).toBe(201)
    const deleted = await client.delete(`/api/photo-uploads/${upload.body.doc.id}`)
    expect(deleted.status).toBe(200)
    expect((await client.get(`/api/photo-uploads/${upload.body.doc.id}`)).status).toBe(404)
  })
})
