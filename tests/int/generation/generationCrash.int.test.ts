import type { ChildProcess } from 'node:child_process'
import { readdirSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'

import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { OfflineProvider } from '@/generation/providers/offline'
import { requestGeneration } from '@/generation/requestGeneration'
import { runGeneration } from '@/generation/runGeneration'
import { sweepStuckGenerations } from '@/generation/sweepStuckGenerations'

import { startChild, tsxArgs } from '../../support/processes/child'
import { ApiClient } from '../../support/clients/client'
import type { FakeGemini } from '../../fakes/geminiServer'
import { startGeminiForApp } from '../../support/app/fakesForApp'
import { ledgerSum, newCustomer, uploadPhoto, generationReference } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

const root = path.resolve(import.meta.dirname, '../../..')

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
    const wedding = await payload.find({
      collection: 'photo-packages',
      where: { slug: { equals: 'wedding-portraits' } },
    })
    const theme = await payload.find({
      collection: 'package-themes',
      where: { package: { equals: wedding.docs[0].id }, name: { equals: 'Garden Romance' } },
      limit: 1,
    })
    input = {
      packageSlug: 'wedding-portraits',
      themeId: theme.docs[0].id,
      uploadId,
      portraitType: 'single',
      customPrompt: '',
      generationSettings: { aspectRatio: '1:1', quality: 'standard' },
    }
    req = await createLocalReq({ user: { ...created, collection: 'users' } as never }, payload)
  })

  afterAll(async () => {
    await server?.close()
    await stopGemini?.()
  })

  /**
   * Spawns the worker process and waits until it is mid-job (its first Gemini call). On CI a
   * tsx child has, rarely, stalled or exited 13 while loading the config, before claiming the
   * job: such a worker is killed and a fresh one started (the generation is still queued), at
   * most three times. The failure message carries each worker's exit code and output.
   */
  const startWorkerUntilItCallsGemini = async (generationId: number): Promise<ChildProcess> => {
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'),
    ) as NodeJS.ProcessEnv
    const attempts: string[] = []
    for (let attempt = 1; attempt <= 3; attempt++) {
      // Killed by its own timeout too, so a worker can never outlive the test.
      const started = startChild(
        process.execPath,
        tsxArgs('tests/support/processes/generationWorkerCli.ts', String(generationId)),
        {
          cwd: root,
          env: { ...env, GENERATION_LEASE_MS: '5000', JOBS_AUTORUN: '0' },
          timeoutMs: 120_000,
          label: `worker attempt ${attempt}`,
          echo: false,
        },
      )
      const worker = started.child
      // Payload logs to stdout: both streams are kept, to say why a worker never got going.
      const output = started.output
      // A cold boot (tsx compiling the config) takes 30-40 s when the two cores are shared.
      const deadline = Date.now() + 75_000
      while (gemini.requests.length === 0 && worker.exitCode === null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100))
      if (gemini.requests.length > 0) return worker
      worker.kill('SIGKILL')
      attempts.push(`attempt ${attempt}: exit ${worker.exitCode}; output: ${output().slice(-1000)}`)
    }
    throw new Error(`The worker never started the job.\n${attempts.join('\n')}`)
  }

  it('requeues a generation whose worker was killed, keeps its hold, and finishes it once', async () => {
    gemini.setLatency(4000)
    const accepted = await requestGeneration(req, input)
    const id = accepted.generationId
    const worker = await startWorkerUntilItCallsGemini(id)
    const running = await payload.findByID({ collection: 'generations', id })
    expect(running.status).toBe('running')
    worker.kill('SIGKILL')
    await new Promise((resolve) =>
      worker.exitCode === null && worker.signalCode === null
        ? worker.once('exit', resolve)
        : resolve(undefined),
    )

    // The lease still holds, but its holder was a process of this host that no longer runs: the
    // sweeper ends the lease and takes the run back at once (src/generation/leaseHolder.ts; a live
    // holder's run is left alone, tests/int/ops/workerRestart.int.test.ts).
    expect(running.leaseHolder).toMatch(new RegExp(`:${worker.pid}:`))
    expect(Date.parse(running.leaseExpiresAt!)).toBeGreaterThan(Date.now())
    gemini.setLatency(0)
    const swept = await sweepStuckGenerations(payload)
    expect(swept.requeued).toContain(id)
    await payload.jobs.run({ queue: 'generation', limit: 10 })
    const finished = await payload.findByID({ collection: 'generations', id })
    expect(finished.status).toBe('succeeded')
    expect(finished.attempt).toBe(2)
    const rows = await payload.find({
      collection: 'credit-ledger',
      where: { reference: { equals: await generationReference(payload, id) } },
    })
    expect(rows.docs.map((r) => r.kind).sort()).toEqual(['charge', 'hold'])
    const balance = (await payload.findByID({ collection: 'users', id: user.id })).shootCredits
    expect(await ledgerSum(payload, user.id)).toBe(balance)
  }, 300_000)

  it('adopts portraits stored by a worker killed before it recorded them, instead of making them again', async () => {
    gemini.setLatency(0)
    const accepted = await requestGeneration(req, input)
    const id = accepted.generationId
    expect(accepted.imageCount).toBe(3)
    // Stored files are named by the generation's uuid, never its id (src/generation/storedPortraits.ts).
    const { uuid } = await payload.findByID({ collection: 'generations', id, depth: 0 })
    // What a worker killed between storing image 1 and saving its progress leaves: a result row
    // that the generation's images list does not name, and a running generation past its lease.
    const stored = await payload.create({
      collection: 'generation-results',
      data: { owner: user.id, generation: id, index: 0, isPreview: false },
      file: {
        data: await portraitJpeg(),
        mimetype: 'image/jpeg',
        name: `portrait-${uuid}-1-deadbeefx.jpg`,
        size: (await portraitJpeg()).length,
      },
      overrideAccess: true,
    })
    // Killed between writing image 2's files and committing its row: the files with no row. Image
    // 3 got as far as one of its sizes; a full-size file for it older than the generation is
    // another database's (storage reused), never its own.
    const staticDir = payload.collections['generation-results'].config.upload.staticDir as string
    const webp = await sharp(await portraitJpeg())
      .webp()
      .toBuffer()
    writeFileSync(path.join(staticDir, `portrait-${uuid}-2-cafef00dx.webp`), webp)
    writeFileSync(path.join(staticDir, `portrait-${uuid}-3-0badf00dx-256x256.webp`), webp)
    const foreign = path.join(staticDir, `portrait-${uuid}-3-00000000x.webp`)
    writeFileSync(foreign, webp)
    const yesterday = new Date(Date.now() - 86_400_000)
    utimesSync(foreign, yesterday, yesterday)
    await payload.update({
      collection: 'generations',
      id,
      data: { status: 'running', attempt: 1, leaseExpiresAt: new Date(Date.now() - 1000).toISOString() },
    })
    const calls = gemini.requests.length
    expect((await sweepStuckGenerations(payload)).requeued).toContain(id)
    await payload.jobs.run({ queue: 'generation', limit: 10 })

    const finished = await payload.findByID({ collection: 'generations', id, depth: 0 })
    expect(finished.status).toBe('succeeded')
    // Images 1 and 2 are adopted; 3 (a size alone, and a file not its own) is made.
    expect(gemini.requests.length - calls).toBe(1)
    const results = await payload.find({
      collection: 'generation-results',
      where: { generation: { equals: id } },
      pagination: false,
      depth: 0,
    })
    expect(results.docs.map((row) => row.index).sort()).toEqual([...Array(accepted.imageCount).keys()])
    expect(finished.images?.[0]).toMatchObject({ state: 'succeeded', result: stored.id })
    // Image 2 is the stored file (800×1000), not a fresh answer from the fake.
    expect(results.docs.find((row) => row.index === 1)).toMatchObject({ width: 800, height: 1000 })
    // The folder holds exactly the rows' files, and the other database's file untouched.
    const recorded = results.docs.flatMap((row) => [
      row.filename,
      row.sizes?.large?.filename,
      row.sizes?.thumbnail?.filename,
    ])
    expect(
      readdirSync(staticDir)
        .filter((name) => name.startsWith(`portrait-${uuid}-`))
        .sort(),
    ).toEqual([...recorded, path.basename(foreign)].sort())
  }, 120_000)

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

  it("records the provider of the worker that runs the shoot, not the node's that queued it", async () => {
    gemini.setLatency(0)
    const accepted = await requestGeneration(req, input)
    // This process has the (fake) Gemini: the node's view. A worker without a key renders offline.
    expect(accepted.isPreview).toBe(false)
    await runGeneration(payload, accepted.generationId, { provider: new OfflineProvider() })
    const ran = await payload.findByID({ collection: 'generations', id: accepted.generationId, depth: 0 })
    expect(ran).toMatchObject({ status: 'succeeded', provider: 'offline', isPreview: true })
  }, 120_000)
})
