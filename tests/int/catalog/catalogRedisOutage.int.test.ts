import { node1Link, realRedisUrl } from '../../support/servers/redisLinkEnv'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedis } from '@/lib/redis'

import { type AppNode, startAppNode } from '../../support/processes/appNodes'
import { ApiClient } from '../../support/clients/client'
import { testPayload } from '../../support/app/payload'
import { type RedisLink, startRedisLink } from '../../support/servers/redisLink'

/**
 * Redis pub/sub keeps no messages: a node that is not connected when another publishes an
 * invalidation never receives it, and a node that cannot publish loses its own. Node 1 is this
 * process (it edits with the local API), node 2 a child serving REST; each reaches Redis through
 * a link of its own that the test cuts and restores. Both cache the catalog for 5 min, so only
 * catching up after the outage can make node 2 show the edit.
 */
describe('catalog invalidations across a lost Redis connection', () => {
  let payload: Payload
  let node2Link: RedisLink
  let node2: AppNode
  let packageId: number
  let originalName: string

  const SLUG = 'professional-headshots'
  const rename = (name: string) =>
    payload.update({ collection: 'photo-packages', id: packageId, data: { name } })
  const nameOnNode2 = async (): Promise<string> =>
    (await new ApiClient(node2.url).get(`/api/packages/${SLUG}`)).body.package.name

  /** Polls node 2 until it shows `name`; fails with what it shows after `withinMs`. */
  const node2Shows = async (name: string, withinMs: number): Promise<void> => {
    const deadline = Date.now() + withinMs
    for (;;) {
      const shown = await nameOnNode2()
      if (shown === name) return
      if (Date.now() > deadline) throw new Error(`node 2 still shows "${shown}" ${withinMs} ms later`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  beforeAll(async () => {
    process.env.PACKAGE_CACHE_TTL = '300000'
    process.env.ROLE = 'web'
    payload = await testPayload()
    node2Link = await startRedisLink(realRedisUrl)
    node2 = await startAppNode({ ROLE: 'web', REDIS_URL: node2Link.url })
    const found = await payload.find({ collection: 'photo-packages', where: { slug: { equals: SLUG } } })
    packageId = found.docs[0].id
    originalName = found.docs[0].name
  })

  afterAll(async () => {
    await node1Link.restore().catch(() => undefined)
    await payload?.update({ collection: 'photo-packages', id: packageId, data: { name: originalName } })
    delete process.env.ROLE
    await node2?.stop()
    await closeRedis()
    await Promise.all([node1Link.close(), node2Link?.close()])
  })

  it('a node that lost Redis while another node edited clears its cache when it reconnects', async () => {
    expect(await nameOnNode2()).toBe(originalName)
    await node2Link.cut()
    const edited = `${originalName} (edited while node 2 was away)`
    // Published, but node 2 is not connected to hear it.
    await rename(edited)
    await new Promise((resolve) => setTimeout(resolve, 500))
    await node2Link.restore()
    // Its client reconnects within a few hundred ms (ioredis backs off 50 ms more per attempt).
    await node2Shows(edited, 3000)
  })

  it('an edit made on a node that has lost Redis reaches the other nodes once it reconnects', async () => {
    const before = await nameOnNode2()
    await node1Link.cut()
    const edited = `${originalName} (edited while node 1 was away)`
    // Saved; its invalidation cannot be published (logged, not thrown).
    await rename(edited)
    expect(await nameOnNode2()).toBe(before)
    await node1Link.restore()
    await node2Shows(edited, 3000)
  })
})
