import '../../support/servers/redisEnv'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedis } from '@/lib/redis'

import { FAKE_GEMINI_API_KEY, type FakeGemini, startFakeGemini } from '../../fakes/geminiServer'
import { type AppNode, startAppNode, startWorker } from '../../support/processes/appNodes'
import { ApiClient } from '../../support/clients/client'
import { newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'

type Worker = Awaited<ReturnType<typeof startWorker>>

/** The JSON lines of a process's output (pino, LOG_FORMAT=json); other lines are skipped. */
const jsonLines = (output: string): Record<string, unknown>[] =>
  output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return []
    try {
      return [JSON.parse(line) as Record<string, unknown>]
    } catch {
      return []
    }
  })

/**
 * One shoot followed end to end by its request id: the app node (ROLE=web) that queued it, the
 * worker that ran it and each provider call log JSON lines carrying the id the client sent in
 * X-Request-Id, and the generation stores it. A malformed id is replaced, never logged.
 */
describe('request ids', () => {
  let payload: Payload
  let node: AppNode
  let worker: Worker
  let fake: FakeGemini
  let customer: ApiClient
  let body: Record<string, unknown>

  beforeAll(async () => {
    fake = await startFakeGemini()
    payload = await testPayload()
    const logs = { LOG_FORMAT: 'json' }
    ;[node, worker] = await Promise.all([
      startAppNode({ ...logs, ROLE: 'web' }),
      startWorker({ ...logs, GEMINI_API_KEY: FAKE_GEMINI_API_KEY, GEMINI_BASE_URL: fake.url }),
    ])
    customer = new ApiClient(node.url)
    await newCustomer(payload, customer, 'request-id')
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
    await Promise.all([node?.stop(), worker?.stop()])
    await fake?.close()
    await closeRedis()
  })

  const finished = async (id: number) => {
    const deadline = Date.now() + 60_000
    for (;;) {
      const generation = await payload.findByID({ collection: 'generations', id, depth: 0 })
      if (generation.finishedAt) return generation
      if (Date.now() > deadline) throw new Error(`generation ${id} still ${generation.status}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  it('shows one id in the JSON logs of the node, the worker and every provider call', async () => {
    const requestId = `shoot-${Date.now()}:trace.1`
    const accepted = await customer.post('/api/generate', body, { 'x-request-id': requestId })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202)
    const generation = await finished(accepted.body.generationId)
    expect(generation.status).toBe('succeeded')
    expect(generation.requestId).toBe(requestId)

    const nodeLines = jsonLines(node.child.output()).filter((line) => line.requestId === requestId)
    expect(nodeLines.map((line) => line.msg)).toContain('generation queued')
    const workerLines = jsonLines(worker.child.output()).filter((line) => line.requestId === requestId)
    expect(workerLines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['generation running', 'provider call', 'generation finished']),
    )
    const calls = workerLines.filter((line) => line.msg === 'provider call')
    expect(calls).toHaveLength(accepted.body.imageCount)
    expect(calls.every((line) => line.outcome === 'success' && line.generation === generation.id)).toBe(true)
    // pino's JSON: a level name and a time on every line.
    expect(workerLines.every((line) => line.level === 'info' && typeof line.time === 'number')).toBe(true)
  }, 120_000)

  it('replaces a malformed X-Request-Id with a new one', async () => {
    const bad = 'two words\u0000{"admin":true}'
    const accepted = await customer.post('/api/generate', body, { 'x-request-id': encodeURI(bad) + ' x' })
    expect(accepted.status).toBe(202)
    const generation = await finished(accepted.body.generationId)
    expect(generation.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(node.child.output()).not.toContain('two%20words')
  }, 120_000)
})
