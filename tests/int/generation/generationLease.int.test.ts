import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sweepStuckGenerations } from '@/generation/sweepStuckGenerations'

import { ApiClient } from '../../support/clients/client'
import type { FakeGemini } from '../../fakes/geminiServer'
import { startGeminiForApp } from '../../support/app/fakesForApp'
import { newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

// One provider slot in this process (the limiter is made on first use, after this line runs).
process.env.GENERATION_CONCURRENCY = '1'

const TERMINAL = ['succeeded', 'partially_succeeded', 'failed', 'blocked']

/**
 * A live worker keeps its generation while its images queue for a provider slot: the lease is
 * renewed on a timer, so the sweeper (run here over and over, as the scheduled job would) never
 * hands a running generation to a second runner.
 */
describe('generation lease under a queue wait longer than the lease', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let gemini: FakeGemini
  let stopGemini: (() => Promise<void>) | undefined
  let customer: ApiClient
  let uploadId: number
  let themeId: number
  const previousLease = process.env.GENERATION_LEASE_MS

  beforeAll(async () => {
    // Long enough that a busy CI machine's event-loop stalls (face checks run in this process) do not
    // lapse a renewed lease; the queue wait below is still longer than it.
    process.env.GENERATION_LEASE_MS = '4000'
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    payload = await testPayload()
    server = await startRestServer()
    customer = new ApiClient(server.url)
    const user = await newCustomer(payload, customer, 'lease')
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, amount: 10, reason: 'Test budget' },
    })
    uploadId = (await uploadPhoto(customer, await portraitJpeg())).body.doc.id
    const headshots = (await customer.get('/api/packages/professional-headshots')).body.package
    themeId = headshots.themes.find((t: { isPremium: boolean }) => !t.isPremium).id
  })

  afterAll(async () => {
    await server?.close()
    await stopGemini?.()
    if (previousLease === undefined) delete process.env.GENERATION_LEASE_MS
    else process.env.GENERATION_LEASE_MS = previousLease
  })

  it('makes every image of 2 generations x 5 images exactly once with one slot and a 4 s lease', async () => {
    gemini.setLatency(1200)
    const body = {
      packageSlug: 'professional-headshots',
      themeId,
      uploadId,
      portraitType: 'single',
      generationSettings: { aspectRatio: '1:1', quality: 'standard' },
    }
    const accepted = await Promise.all([
      customer.post('/api/generate', body),
      customer.post('/api/generate', body),
    ])
    expect(accepted.map((a) => a.status)).toEqual([202, 202])
    const ids: number[] = accepted.map((a) => a.body.generationId)
    expect(accepted.map((a) => a.body.imageCount)).toEqual([5, 5])

    // The second generation waits about 5 x 1.2 s for the slot: a lease and a half.
    const deadline = Date.now() + 120_000
    for (;;) {
      await sweepStuckGenerations(payload)
      await payload.jobs.run({ queue: 'generation', limit: 10 }).catch(() => undefined)
      const { docs } = await payload.find({ collection: 'generations', where: { id: { in: ids } }, depth: 0 })
      if (docs.every((g) => TERMINAL.includes(g.status) && g.finishedAt)) break
      if (Date.now() > deadline) throw new Error(`still running: ${docs.map((g) => g.status).join(', ')}`)
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    gemini.setLatency(0)

    // Other files' leftovers in the shared database may run here too: count this test's prompt only.
    const { prompt } = await payload.findByID({ collection: 'generations', id: ids[0], depth: 0 })
    const ours = gemini.requests.filter((r) =>
      r.body?.contents?.[0]?.parts?.some((p: { text?: string }) => p.text === prompt),
    )
    expect(ours).toHaveLength(10)
    for (const id of ids) {
      const generation = await payload.findByID({ collection: 'generations', id, depth: 0 })
      expect(generation.status).toBe('succeeded')
      expect(generation.attempt).toBe(1)
      const results = await payload.find({
        collection: 'generation-results',
        where: { generation: { equals: id } },
        depth: 0,
      })
      expect(results.totalDocs).toBe(5)
      expect(results.docs.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4])
    }
  }, 180_000)
})
