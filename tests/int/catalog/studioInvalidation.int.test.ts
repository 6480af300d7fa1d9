import '../../support/servers/redisEnv'

import type { CollectionSlug, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedis } from '@/lib/redis'

import { testPayload } from '../../support/app/payload'
import { type HostAnswer, requestAt } from '../../support/clients/hostRequest'
import { type AppNode, startAppNode } from '../../support/processes/appNodes'

/**
 * Invalidation per studio (issue 24, "Cache and rate limits per studio"): a catalog edit at
 * studio A leaves studio B's cached copies untouched and makes A's fresh within 1 s on a second
 * node. Node 1 is this process (it edits with the local API), node 2 a child serving REST; they
 * share Postgres and Redis, and both cache the catalog for 5 min, so only the Redis message can
 * make node 2 show an edit. Node 2's Cache-Status (RFC 9211, `photo-packages-app; hit` when its
 * catalog cache answered) tells a kept entry from a rebuilt one. Everything is made with unique
 * names and removed in afterAll (the int files share one database).
 */
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
const hostA = `inv-a-${run}.test`
const hostB = `inv-b-${run}.test`
const slugA = `inv-a-${run}`
const slugB = `inv-b-${run}`
const HIT = 'photo-packages-app; hit'

describe('catalog invalidation per studio, across two nodes', () => {
  let payload: Payload
  let node2: AppNode
  const studio = { A: 0, B: 0 }
  const made: { collection: CollectionSlug; id: number }[] = []
  let packageA = 0

  const onNode2 = (host: string, path: string, headers?: Record<string, string>): Promise<HostAnswer> =>
    requestAt(node2.url, host, 'GET', path, { headers })

  const create = async (collection: CollectionSlug, data: Record<string, unknown>): Promise<number> => {
    const doc = await payload.create({ collection, data: data as never, depth: 0 })
    made.push({ collection, id: doc.id as number })
    return doc.id as number
  }

  /** A listed package (an active theme and a tier on sale) in `studioId`. */
  const listedPackage = async (studioId: number, slug: string, name: string) => {
    const id = await create('photo-packages', {
      studio: studioId,
      name,
      slug,
      category: 'artistic',
      isActive: true,
    })
    await create('package-themes', { package: id, name: `${name} theme`, settingPrompt: 'a grey backdrop' })
    await create('package-pricing-tiers', {
      package: id,
      name: `${name} tier`,
      shootsCount: 2,
      priceCents: 500,
    })
    return id
  }

  /**
   * Polls node 2 (every 20 ms) until `done(answer)`; returns the ms from `since` to the first
   * answer that shows it. Fails with the last answer after `withinMs`.
   */
  const pollNode2 = async (
    host: string,
    path: string,
    done: (answer: HostAnswer) => boolean,
    since: number,
    withinMs = 5000,
  ): Promise<number> => {
    for (;;) {
      const answer = await onNode2(host, path)
      if (done(answer)) return performance.now() - since
      if (performance.now() - since > withinMs)
        throw new Error(
          `node 2 still answers ${JSON.stringify(answer.body).slice(0, 200)} after ${withinMs} ms`,
        )
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  /** B's package list on node 2: warmed, so the next read is a hit; returns its ETag. */
  const warmB = async (): Promise<string> => {
    const first = await onNode2(hostB, '/api/packages')
    expect(first.status).toBe(200)
    expect(first.body.packages.map((p: { slug: string }) => p.slug)).toEqual([slugB])
    const again = await onNode2(hostB, '/api/packages')
    expect(again.headers['cache-status']).toBe(HIT)
    expect(again.headers.etag).toBe(first.headers.etag)
    return String(first.headers.etag)
  }

  /** B's entry on node 2 is the one cached before: 304 for its ETag, from the cache, same body. */
  const expectBKept = async (etag: string) => {
    const revalidated = await onNode2(hostB, '/api/packages', { 'if-none-match': etag })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers['cache-status']).toBe(HIT)
    const full = await onNode2(hostB, '/api/packages')
    expect(full.headers['cache-status']).toBe(HIT)
    expect(full.headers.etag).toBe(etag)
  }

  beforeAll(async () => {
    process.env.PACKAGE_CACHE_TTL = '300000'
    process.env.ROLE = 'web'
    payload = await testPayload()
    for (const [name, host] of [
      ['A', hostA],
      ['B', hostB],
    ] as const)
      studio[name] = (
        await payload.create({
          collection: 'studios',
          data: {
            name: `Invalidation ${name} ${run}`,
            slug: `inv-${name.toLowerCase()}-${run}`,
            domains: [{ hostname: host }],
          } as never,
        })
      ).id as number
    packageA = await listedPackage(studio.A, slugA, `Invalidation A ${run}`)
    await listedPackage(studio.B, slugB, `Invalidation B ${run}`)
    node2 = await startAppNode({ ROLE: 'web' })
  })

  afterAll(async () => {
    if (payload) {
      const order: CollectionSlug[] = ['package-pricing-tiers', 'package-themes', 'photo-packages']
      for (const collection of order)
        for (const { id } of made.filter((entry) => entry.collection === collection))
          await payload.delete({ collection, id }).catch(() => undefined)
      for (const id of Object.values(studio))
        if (id) await payload.delete({ collection: 'studios', id }).catch(() => undefined)
    }
    delete process.env.ROLE
    await node2?.stop()
    await closeRedis()
  })

  it("an edit of A's package on node 1: node 2 serves A's new body within 1 s and keeps B's entry", async () => {
    const before = await onNode2(hostA, `/api/packages/${slugA}`)
    expect(before.status).toBe(200)
    expect((await onNode2(hostA, `/api/packages/${slugA}`)).headers['cache-status']).toBe(HIT)
    const etagB = await warmB()

    const description = `edited at A ${run}`
    const started = performance.now()
    await payload.update({ collection: 'photo-packages', id: packageA, data: { description } })
    const saved = performance.now()
    const fresh = await pollNode2(
      hostA,
      `/api/packages/${slugA}`,
      (answer) => answer.body?.package?.description === description,
      saved,
    )
    console.log(
      `per-studio invalidation: edit saved in ${(saved - started).toFixed(0)} ms; ` +
        `node 2 served A's new body ${fresh.toFixed(0)} ms after the save`,
    )
    expect(fresh).toBeLessThan(1000)
    await expectBKept(etagB)
  })

  it("a save of A's branding clears A's entries on node 2 only; a change of A's domains clears every studio's", async () => {
    const etagB = await warmB()
    expect((await onNode2(hostA, '/api/packages')).status).toBe(200)
    expect((await onNode2(hostA, '/api/packages')).headers['cache-status']).toBe(HIT)

    let saved = performance.now()
    await payload.update({
      collection: 'studios',
      id: studio.A,
      data: { branding: { primaryColor: '#224466' } } as never,
    })
    const rebuilt = (answer: HostAnswer) => answer.status === 200 && answer.headers['cache-status'] !== HIT
    const cleared = await pollNode2(hostA, '/api/packages', rebuilt, saved)
    console.log(`per-studio invalidation: a branding save reached node 2 in ${cleared.toFixed(0)} ms`)
    await expectBKept(etagB)

    // Another host for A may take a host B is served on: every studio's catalog goes.
    saved = performance.now()
    await payload.update({
      collection: 'studios',
      id: studio.A,
      data: { domains: [{ hostname: hostA }, { hostname: `inv-a2-${run}.test` }] } as never,
    })
    await pollNode2(hostB, '/api/packages', rebuilt, saved)
  })
})
