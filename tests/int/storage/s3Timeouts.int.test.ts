import { localS3 } from '../../support/servers/s3Env'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { Generation, GenerationResult } from '@/payload-types'

import { ApiClient } from '../../support/clients/client'
import { ledgerSum, newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

// Before the config (and Payload's S3 adapter) reads it: one second per request to the bucket.
vi.hoisted(() => {
  process.env.S3_REQUEST_TIMEOUT_MS = '1000'
})

/** The SDK tries each call 3 times, each bounded by the 1 s timeout, with a short back-off between. */
const BOUND_MS = 15_000

/**
 * A bucket that takes the connection and never answers (a local s3rver holding chosen requests
 * open). Every call to it is bounded by S3_REQUEST_TIMEOUT_MS, so nothing waits for good: the
 * generation whose portrait upload hangs still closes, with that image failed and the ledger
 * right, and a file read through the app answers 504 instead of hanging the download.
 */
describe('a bucket that stops answering', { timeout: 120_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let customer: ApiClient
  let generation: Generation
  let portraits: GenerationResult[]

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
  })

  afterAll(async () => {
    delete process.env.S3_REQUEST_TIMEOUT_MS
    await server?.close()
    await localS3.stop()
  })

  it('closes a generation whose portrait upload never gets an answer: that image failed, charged once', async () => {
    customer = new ApiClient(server.url)
    const user = await newCustomer(payload, customer, 's3-hang')
    const upload = await uploadPhoto(customer, await portraitJpeg())
    expect(upload.status).toBe(201)
    const wedding = (await customer.get('/api/packages/wedding-portraits')).body.package
    const before = (await payload.findByID({ collection: 'users', id: user.id })).shootCredits ?? 0
    // The second portrait's full-size file is stored, but the bucket never answers its PUT.
    const held = localS3.holdPuts(/^results\/studios\/\d+\/portrait-[0-9a-f-]{36}-2-[0-9a-f]{8}x\.\w+$/)
    const started = Date.now()
    const accepted = await customer.post('/api/generate', {
      packageSlug: 'wedding-portraits',
      themeId: wedding.themes.find((t: { isPremium: boolean }) => !t.isPremium).id,
      uploadId: upload.body.doc.id,
      portraitType: 'single',
      generationSettings: { aspectRatio: '3:4', quality: 'standard' },
    })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202)
    generation = await waitForGeneration(payload, accepted.body.generationId, BOUND_MS + 15_000)
    const elapsed = Date.now() - started
    console.info(
      `generation with a hung portrait upload closed after ${elapsed} ms (${held.held().length} PUTs held)`,
    )
    expect(held.held().length).toBeGreaterThanOrEqual(1)
    expect(elapsed).toBeLessThan(BOUND_MS + 15_000)

    const imageCount = generation.images?.length ?? 0
    expect(imageCount).toBeGreaterThanOrEqual(2)
    expect(generation.status).toBe('partially_succeeded')
    expect(generation.images?.map((image) => image.state)).toEqual(
      Array.from({ length: imageCount }, (_, index) => (index === 1 ? 'failed' : 'succeeded')),
    )
    expect(generation.images?.[1].error).toMatch(/could not be saved/)

    // One row per delivered image, and the bucket holds exactly their files: what the hung upload
    // stored (its full size, and the sizes that were answered) was deleted again.
    portraits = (
      await payload.find({
        collection: 'generation-results',
        where: { generation: { equals: generation.id } },
        sort: 'index',
        pagination: false,
        depth: 0,
      })
    ).docs
    expect(portraits.map((row) => row.index)).toEqual([...Array(imageCount).keys()].filter((i) => i !== 1))
    const recorded = portraits.flatMap((row) =>
      [row.filename, row.sizes?.large?.filename, row.sizes?.thumbnail?.filename].map(
        (name) => `${row.prefix}/${name}`,
      ),
    )
    // The shoot's files are in its studio's folder (issue 24).
    const folder = `results/studios/${generation.studio}/`
    const keys = (await localS3.keys(folder)).filter((key) =>
      key.startsWith(`${folder}portrait-${generation.uuid}-`),
    )
    expect([...keys].sort()).toEqual([...recorded].sort())

    // Held once and spent once (something was delivered): no refund, no second charge.
    const ledger = await payload.find({
      collection: 'credit-ledger',
      where: { reference: { equals: `generation:${generation.uuid}` } },
      pagination: false,
      depth: 0,
    })
    expect(ledger.docs.map((row) => row.kind).sort()).toEqual(['charge', 'hold'])
    const after = await payload.findByID({ collection: 'users', id: user.id })
    expect(after.shootCredits).toBe(before - generation.shootCost)
    expect(after.shootCredits).toBe(await ledgerSum(payload, user.id))
  })

  it('answers a file read the bucket never answers with 504 within the bound, then serves it again', async () => {
    const portrait = portraits[0]
    const held = localS3.holdReads(new RegExp(`^${portrait.prefix}/${portrait.filename}$`))
    const read = async (path: string) => {
      const started = Date.now()
      const response = await fetch(`${server.url}${path}`, {
        headers: { authorization: `JWT ${customer.token}` },
      })
      const body = Buffer.from(await response.arrayBuffer())
      return { status: response.status, body, ms: Date.now() - started }
    }

    // Payload's file route (the S3 adapter's handler) and our portrait download (./files.ts).
    const file = await read(portrait.url as string)
    const download = await read(`/api/generations/${generation.id}/portraits/1`)
    console.info(
      `hung bucket: file route ${file.status} in ${file.ms} ms, download ${download.status} in ${download.ms} ms`,
    )
    expect(held.held().length).toBeGreaterThanOrEqual(2)
    expect(file.status).toBe(504)
    expect(JSON.parse(file.body.toString()).errors[0].message).toMatch(/did not answer in time/)
    expect(file.ms).toBeLessThan(BOUND_MS)
    expect(download.status).toBe(504)
    expect(JSON.parse(download.body.toString()).error).toMatch(/did not answer in time/)
    expect(download.ms).toBeLessThan(BOUND_MS)

    // Once the bucket answers again, so does the app.
    held.release()
    const again = await read(portrait.url as string)
    expect(again.status).toBe(200)
    expect(again.body.length).toBe(portrait.filesize)
  })
})
