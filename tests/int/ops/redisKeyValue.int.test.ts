import '../../support/servers/redisEnv'

import { Redis } from 'ioredis'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testPayload } from '../../support/app/payload'

/** With REDIS_URL set, Payload's key-value store is Redis (@payloadcms/kv-redis), shared by every process. */
describe("Payload's KV store in Redis", () => {
  let payload: Payload
  let redis: Redis

  beforeAll(async () => {
    payload = await testPayload()
    redis = new Redis(process.env.REDIS_URL as string)
  })

  afterAll(async () => {
    await payload?.kv.clear()
    redis?.disconnect()
  })

  it('writes through to Redis under REDIS_PREFIX, where another process reads the same value', async () => {
    await payload.kv.set('shared-key', { node: 1, at: 'now' })
    const raw = await redis.get(`${process.env.REDIS_PREFIX}kv:shared-key`)
    expect(JSON.parse(raw as string)).toEqual({ node: 1, at: 'now' })

    // Another process (here: a plain client) changes it; Payload reads the change, nothing cached.
    await redis.set(`${process.env.REDIS_PREFIX}kv:shared-key`, JSON.stringify({ node: 2 }))
    expect(await payload.kv.get('shared-key')).toEqual({ node: 2 })
    await payload.kv.delete('shared-key')
    expect(await payload.kv.has('shared-key')).toBe(false)
  })

  it('replaces the payload-kv collection, which no API then serves', () => {
    expect(payload.collections['payload-kv' as never]).toBeUndefined()
  })
})
