import '../support/redisEnv'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedis } from '@/lib/redis'

import { type AppNode, startAppNode } from '../support/appNodes'
import { ApiClient } from '../support/client'
import { testPayload } from '../support/payload'
import { startRestServer } from '../support/restServer'

/**
 * Two app nodes on one database and Redis: node 1 is this process, node 2 a child process.
 * Both cache the catalog for the full TTL (5 min); only the Redis invalidation can make
 * node 2 serve an edit made through node 1.
 */
describe('the catalog across two app nodes', () => {
  let payload: Payload
  let node1: Awaited<ReturnType<typeof startRestServer>>
  let node2: AppNode
  let admin: ApiClient
  let packageId: number
  let originalName: string

  beforeAll(async () => {
    process.env.PACKAGE_CACHE_TTL = '300000'
    payload = await testPayload()
    node1 = await startRestServer()
    node2 = await startAppNode()
    const email = `nodes-admin-${Date.now()}@example.com`
    await payload.create({ collection: 'users', data: { email, password: 'admin-pass-1', role: 'admin' } })
    admin = await new ApiClient(node1.url).login(email, 'admin-pass-1')
    const found = await payload.find({ collection: 'photo-packages', where: { slug: { equals: 'engagement' } }, limit: 1 })
    packageId = found.docs[0].id
    originalName = found.docs[0].name
  })

  afterAll(async () => {
    await payload?.update({ collection: 'photo-packages', id: packageId, data: { name: originalName, isActive: true } })
    await node2?.stop()
    await node1?.close()
    await closeRedis()
  })

  /** Polls node 2 until `done`; the request that first shows it must have started within 1 s of the edit. */
  const seenOnNode2Within1s = async (path: string, done: (status: number, body: any) => boolean, editedAt: number) => {
    const anonymous = new ApiClient(node2.url)
    for (;;) {
      const startedAt = Date.now()
      const response = await anonymous.get(path)
      if (done(response.status, response.body)) return startedAt - editedAt
      if (startedAt - editedAt > 1000) throw new Error(`node 2 still answers ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it('shows a rename made through node 1 on node 2 within 1 s', async () => {
    const cached = await new ApiClient(node2.url).get('/api/packages/engagement')
    expect(cached.body.package.name).toBe(originalName)
    expect((await new ApiClient(node2.url).get('/api/packages')).status).toBe(200)

    const renamed = await admin.patch(`/api/photo-packages/${packageId}`, { name: 'Engagement Stories' })
    expect(renamed.status).toBe(200)
    const editedAt = Date.now()
    await seenOnNode2Within1s('/api/packages/engagement', (_, body) => body?.package?.name === 'Engagement Stories', editedAt)
    await seenOnNode2Within1s('/api/packages', (_, body) => body?.packages?.some((p: any) => p.name === 'Engagement Stories'), editedAt)
  })

  it('answers If-None-Match with 304 while the body is unchanged, and a new ETag after an edit', async () => {
    const first = await fetch(`${node1.url}/api/packages/engagement`)
    const etag = first.headers.get('etag')
    expect(first.status).toBe(200)
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await fetch(`${node1.url}/api/packages/engagement`, { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const onNode2 = await fetch(`${node2.url}/api/packages/engagement`, { headers: { 'if-none-match': `W/${etag}` } })
    expect(onNode2.status).toBe(304)

    // The package the other tests edit (another file may leave a document lock on the first one).
    const { description } = await payload.findByID({ collection: 'photo-packages', id: packageId })
    const edited = await admin.patch(`/api/photo-packages/${packageId}`, { description: `A fresh description for the ETag test (${Date.now()}).` })
    try {
      expect(edited.status, JSON.stringify(edited.body).slice(0, 300)).toBe(200)
      const changed = await fetch(`${node1.url}/api/packages/engagement`, { headers: { 'if-none-match': etag! } })
      expect(changed.status).toBe(200)
      expect(changed.headers.get('etag')).not.toBe(etag)
    } finally {
      await payload.update({ collection: 'photo-packages', id: packageId, data: { description } })
    }
  })

  it('stops showing a package switched off on node 1 (404 on node 2) within 1 s', async () => {
    expect((await new ApiClient(node2.url).get('/api/packages/engagement')).status).toBe(200)
    const toggled = await admin.patch(`/api/admin/packages/${packageId}/toggle-active`)
    expect(toggled.body.package.isActive).toBe(false)
    const editedAt = Date.now()
    await seenOnNode2Within1s('/api/packages/engagement', (status) => status === 404, editedAt)
    await seenOnNode2Within1s('/api/packages', (_, body) => !body?.packages?.some((p: any) => p.slug === 'engagement'), editedAt)
  })
})
