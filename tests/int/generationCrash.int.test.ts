import { spawn } from 'node:child_process'
import path from 'node:path'

import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { requestGeneration } from '@/generation/requestGeneration'
import { sweepStuckGenerations } from '@/generation/sweepStuckGenerations'

import { ApiClient } from '../support/client'
import type { FakeGemini } from '../fakes/geminiServer'
import { startGeminiForApp } from '../support/fakesForApp'
import { ledgerSum, newCustomer, uploadPhoto } from '../support/generation'
import { portraitJpeg } from '../support/images'
import { testPayload } from '../support/payload'
import { startRestServer } from '../support/restServer'

const root = path.resolve(import.meta.dirname, '../..')

/** A worker killed mid-job: no generation stays stuck and no hold is lost. */
describe('crash safety', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let gemini: FakeGemini
  let stopGemini: (() => Promise<void>) | undefined
  let user: { id: number }
  let req: Awaited<ReturnType<typeof createLocalReq>>
  let input: Parameters<typeof requestGeneration>[1]

  beforeAll(async () => {
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    payload = await testPayload()
    server = await startRestServer()
    const client = new ApiClient(server.url)
    const created = await newCustomer(payload, client, 'crash')
    user = created
    const uploadId = (await uploadPhoto(client, await portraitJpeg())).body.doc.id
    const wedding = await payload.find({ collection: 'photo-packages', where: { slug: { equals: 'wedding-portraits' } } })
    const theme = await payload.find({ collection: 'package-themes', where: { package: { equals: wedding.docs[0].id }, name: { equals: 'Garden Romance' } }, limit: 1 })
    input = { packageSlug: 'wedding-portraits', themeId: theme.docs[0].id, uploadId, portraitType: 'single', customPrompt: '', generationSettings: { aspectRatio: '1:1', quality: 'standard' } }
    req = await createLocalReq({ user: { ...created, collection: 'users' } as never }, payload)
  })

  afterAll(async () => {
    await server?.close()
    await stopGemini?.()
  })

  it('requeues a generation whose worker was killed, keeps its hold, and finishes it once', async () => {
    gemini.setLatency(4000)
    const accepted = await requestGeneration(req, input)
    const id = accepted.generationId
    const worker = spawn(process.execPath, ['--import', 'tsx', 'tests/support/generationWorker.ts', String(id)], {
      cwd: root,
      env: { ...process.env, GENERATION_LEASE_MS: '1500', JOBS_AUTORUN: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    // Payload logs to stdout: keep both streams, to say why if the worker never gets going.
    let workerOutput = ''
    let workerExit: number | null | undefined
    worker.stdout?.on('data', (chunk) => (workerOutput += String(chunk)))
    worker.stderr?.on('data', (chunk) => (workerOutput += String(chunk)))
    worker.once('exit', (code) => (workerExit = code))
    // A cold tsx boot of the whole config can be slow on a busy 2-core machine.
    const deadline = Date.now() + 90_000
    while (gemini.requests.length === 0 && workerExit === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    const running = await payload.findByID({ collection: 'generations', id })
    expect(running.status, `worker exit ${workerExit}; output: ${workerOutput.slice(-2000)}`).toBe('running')
    worker.kill('SIGKILL')
    await new Promise((resolve) => (workerExit === undefined ? worker.once('exit', resolve) : resolve(undefined)))

    // Nothing happens while the lease holds; once it runs out the sweeper takes over.
    expect((await sweepStuckGenerations(payload)).requeued).not.toContain(id)
    await new Promise((r) => setTimeout(r, 1800))
    gemini.setLatency(0)
    const swept = await sweepStuckGenerations(payload)
    expect(swept.requeued).toContain(id)
    await payload.jobs.run({ queue: 'generation', limit: 10 })
    const finished = await payload.findByID({ collection: 'generations', id })
    expect(finished.status).toBe('succeeded')
    expect(finished.attempt).toBe(2)
    const rows = await payload.find({ collection: 'credit-ledger', where: { reference: { equals: `generation:${id}` } } })
    expect(rows.docs.map((r) => r.kind).sort()).toEqual(['charge', 'hold'])
    const balance = (await payload.findByID({ collection: 'users', id: user.id })).shootCredits
    expect(await ledgerSum(payload, user.id)).toBe(balance)
  }, 150_000)

  it('closes and refunds a generation whose worker died three times', async () => {
    const before = (await payload.findByID({ collection: 'users', id: user.id })).shootCredits
    const accepted = await requestGeneration(req, input)
    const id = accepted.generationId
    await payload.update({
      collection: 'generations',
      id,
      data: { status: 'running', attempt: 3, leaseExpiresAt: new Date(Date.now() - 1000).toISOString() },
    })
    const swept = await sweepStuckGenerations(payload)
    expect(swept.closed).toContain(id)
    const closed = await payload.findByID({ collection: 'generations', id })
    expect(closed.status).toBe('failed')
    expect(closed.creditsRefunded).toBe(true)
    expect((await payload.findByID({ collection: 'users', id: user.id })).shootCredits).toBe(before)
    expect(await ledgerSum(payload, user.id)).toBe(before)
  })
})
