import '../../support/servers/redisEnv'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedis } from '@/lib/redis'

import {
  FAKE_GEMINI_API_KEY,
  type FakeGemini,
  geminiBehaviours,
  startFakeGemini,
} from '../../fakes/geminiServer'
import { startWorker } from '../../support/processes/appNodes'
import { ApiClient } from '../../support/clients/client'
import { closeLeftoverShoots, ledgerSum, newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

type Worker = Awaited<ReturnType<typeof startWorker>>

/** Far longer than the test: only taking the run back at start can finish it in time. */
const LEASE_MS = '600000'

/**
 * A worker killed with SIGKILL mid-shoot, restarted (as systemd's Restart=on-failure would): the
 * new process sees that the run's lease holder is a process of this host that no longer runs and
 * takes the run back at start, instead of waiting out GENERATION_LEASE_MS (issue 22, item 9). A
 * worker that starts while the holder still runs leaves its run alone.
 */
describe('a restarted worker takes back its own lapsed runs', () => {
  let payload: Payload
  let node: Awaited<ReturnType<typeof startRestServer>>
  let fake: FakeGemini
  const workers: Worker[] = []
  let customer: ApiClient
  let userId: number
  let body: Record<string, unknown>

  const env = () => ({
    GEMINI_BASE_URL: fake.url,
    GENERATION_LEASE_MS: LEASE_MS,
    GENERATION_CONCURRENCY: '1',
  })

  beforeAll(async () => {
    process.env.ROLE = 'web'
    process.env.GEMINI_API_KEY = FAKE_GEMINI_API_KEY
    process.env.GEMINI_BASE_URL = 'http://127.0.0.1:9'
    fake = await startFakeGemini()
    payload = await testPayload()
    // Each of the first worker's two lanes would otherwise hang on a leftover it takes back at start.
    await closeLeftoverShoots(payload)
    node = await startRestServer()
    customer = new ApiClient(node.url)
    userId = (await newCustomer(payload, customer, 'restart')).id
    const upload = await uploadPhoto(customer, await portraitJpeg())
    const wedding = (await customer.get('/api/packages/wedding-portraits')).body.package
    body = {
      packageSlug: 'wedding-portraits',
      themeId: wedding.themes.find((theme: { isPremium: boolean }) => !theme.isPremium).id,
      uploadId: upload.body.doc.id,
      portraitType: 'single',
    }
  })

  afterAll(async () => {
    delete process.env.ROLE
    delete process.env.GEMINI_API_KEY
    delete process.env.GEMINI_BASE_URL
    await Promise.all(workers.map((worker) => worker.stop()))
    await node?.close()
    await fake?.close()
    await closeRedis()
  })

  const generation = (id: number) => payload.findByID({ collection: 'generations', id, depth: 0 })

  const until = async (
    id: number,
    done: (g: Awaited<ReturnType<typeof generation>>) => boolean,
    ms: number,
  ) => {
    const deadline = Date.now() + ms
    for (;;) {
      const current = await generation(id)
      if (done(current)) return current
      if (Date.now() > deadline) throw new Error(`generation ${id}: ${current.status} after ${ms} ms`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  it('finishes the killed worker’s shoot within seconds of the restart, charged once', async () => {
    // The first worker's provider calls never answer: it holds the run when it is killed.
    fake.setDefault(geminiBehaviours.slow(600_000))
    const first = await startWorker(env())
    workers.push(first)
    const before = await ledgerSum(payload, userId)
    const accepted = await customer.post('/api/generate', body)
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202)
    const id = accepted.body.generationId as number
    const running = await until(id, (g) => g.status === 'running' && Boolean(g.leaseHolder), 30_000)
    expect(running.leaseHolder).toMatch(new RegExp(`:${first.child.child.pid}:\\d+$`))

    // A second worker starting while the holder runs leaves the run alone.
    const neighbour = await startWorker(env())
    workers.push(neighbour)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(await generation(id)).toMatchObject({
      status: 'running',
      attempt: 1,
      leaseHolder: running.leaseHolder,
    })
    await neighbour.stop()

    process.kill(first.child.child.pid!, 'SIGKILL')
    fake.setDefault(geminiBehaviours.image())
    const restartedAt = Date.now()
    workers.push(await startWorker(env()))
    const done = await until(id, (g) => Boolean(g.finishedAt), 60_000)
    const ms = Date.now() - restartedAt
    expect(done.status).toBe('succeeded')
    expect(done.attempt).toBe(2)
    expect(ms).toBeLessThan(45_000)
    // One shoot charged, once: the hold stayed a charge, never refunded or taken twice.
    expect(await ledgerSum(payload, userId)).toBe(before - (accepted.body.shootCost as number))
    console.log(`taken back and finished ${ms} ms after the restart (lease ${LEASE_MS} ms)`)
  }, 180_000)
})
