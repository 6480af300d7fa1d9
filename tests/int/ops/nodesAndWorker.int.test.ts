import '../../support/servers/redisEnv'
import { localS3 } from '../../support/servers/s3Env'

import { GetObjectCommand } from '@aws-sdk/client-s3'
import { unzipSync } from 'fflate'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedis } from '@/lib/redis'

import type { FakeGemini } from '../../fakes/geminiServer'
import { type AppNode, startAppNode, startWorker } from '../../support/processes/appNodes'
import { ApiClient } from '../../support/clients/client'
import { startGeminiForApp } from '../../support/app/fakesForApp'
import { newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/**
 * The scale-out shape on one machine: two app nodes (ROLE=web) and one job worker (ROLE=worker,
 * `npm run worker`) on one Postgres database, one Redis and one S3 bucket (a local s3rver; no
 * shared disk: each process stores and reads uploads only through the bucket). Node 1 is this process, node 2 and
 * the worker are child processes (killed with their process group by their own timeout).
 * Both nodes cache the catalog for the full TTL (5 min); only the Redis invalidation can make
 * node 2 serve an edit made through node 1. Neither node runs jobs; only the worker can.
 */
describe('two app nodes and a worker', () => {
  let payload: Payload
  let node1: Awaited<ReturnType<typeof startRestServer>>
  let node2: AppNode
  let worker: Awaited<ReturnType<typeof startWorker>>
  let gemini: FakeGemini
  let stopGemini: (() => Promise<void>) | undefined
  let admin: ApiClient
  let packageId: number
  let originalName: string

  beforeAll(async () => {
    process.env.PACKAGE_CACHE_TTL = '300000'
    process.env.ROLE = 'web'
    // A low forgot-password limit, the same on both nodes (children inherit it): the rate-limit test.
    process.env.RATE_LIMIT_FORGOT_PASSWORD_POINTS = '4'
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    payload = await testPayload()
    node1 = await startRestServer()
    // Two cold boots side by side (tsx compiles the config in each); JOBS_AUTORUN=0 is the int default.
    ;[node2, worker] = await Promise.all([
      startAppNode({ ROLE: 'web' }),
      startWorker({ ROLE: 'worker', JOBS_AUTORUN: '1' }),
    ])
    // The children were given the fake Gemini; this process now points nowhere, so a portrait made
    // here (a job run in the web node by mistake) would never reach the fake and the count would fail.
    process.env.GEMINI_BASE_URL = 'http://127.0.0.1:9'
    const email = `nodes-admin-${Date.now()}@example.com`
    await payload.create({ collection: 'users', data: { email, password: 'admin-pass-1', role: 'admin' } })
    admin = await new ApiClient(node1.url).login(email, 'admin-pass-1')
    const found = await payload.find({
      collection: 'photo-packages',
      where: { slug: { equals: 'engagement' } },
      limit: 1,
    })
    packageId = found.docs[0].id
    originalName = found.docs[0].name
  })

  afterAll(async () => {
    await payload?.update({
      collection: 'photo-packages',
      id: packageId,
      data: { name: originalName, isActive: true },
    })
    delete process.env.ROLE
    process.env.RATE_LIMIT_FORGOT_PASSWORD_POINTS = '100000'
    await Promise.all([node2?.stop(), worker?.stop()])
    await node1?.close()
    await stopGemini?.()
    await closeRedis()
    await localS3.stop()
  })

  /** Polls node 2 until `done`; the request that first shows it must have started within 1 s of the edit. */
  const seenOnNode2Within1s = async (
    path: string,
    done: (status: number, body: any) => boolean,
    editedAt: number,
  ) => {
    const anonymous = new ApiClient(node2.url)
    for (;;) {
      const startedAt = Date.now()
      const response = await anonymous.get(path)
      if (done(response.status, response.body)) return startedAt - editedAt
      if (startedAt - editedAt > 1000)
        throw new Error(
          `node 2 still answers ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
        )
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
    await seenOnNode2Within1s(
      '/api/packages/engagement',
      (_, body) => body?.package?.name === 'Engagement Stories',
      editedAt,
    )
    await seenOnNode2Within1s(
      '/api/packages',
      (_, body) => body?.packages?.some((p: any) => p.name === 'Engagement Stories'),
      editedAt,
    )
  })

  it('answers If-None-Match with 304 while the body is unchanged, and a new ETag after an edit', async () => {
    const first = await fetch(`${node1.url}/api/packages/engagement`)
    const etag = first.headers.get('etag')
    expect(first.status).toBe(200)
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await fetch(`${node1.url}/api/packages/engagement`, { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const onNode2 = await fetch(`${node2.url}/api/packages/engagement`, {
      headers: { 'if-none-match': `W/${etag}` },
    })
    expect(onNode2.status).toBe(304)

    // The package the other tests edit (another file may leave a document lock on the first one).
    const { description } = await payload.findByID({ collection: 'photo-packages', id: packageId })
    const edited = await admin.patch(`/api/photo-packages/${packageId}`, {
      description: `A fresh description for the ETag test (${Date.now()}).`,
    })
    try {
      expect(edited.status, JSON.stringify(edited.body).slice(0, 300)).toBe(200)
      const changed = await fetch(`${node1.url}/api/packages/engagement`, {
        headers: { 'if-none-match': etag! },
      })
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
    await seenOnNode2Within1s(
      '/api/packages',
      (_, body) => !body?.packages?.some((p: any) => p.slug === 'engagement'),
      editedAt,
    )
  })

  it("counts one client's requests on both nodes together (the rate limits live in Redis)", async () => {
    const client = { 'x-photo-packages-client': `client-${Date.now()}` }
    const ask = (url: string) =>
      new ApiClient(url).post('/api/users/forgot-password', { email: 'nobody@example.com' }, client)
    const statuses: number[] = []
    for (const url of [node1.url, node2.url, node1.url, node2.url]) statuses.push((await ask(url)).status)
    expect(statuses).toEqual([200, 200, 200, 200])
    // Each node has seen two; only a shared count is past the limit of 4.
    expect((await ask(node2.url)).status).toBe(429)
    expect((await ask(node1.url)).status).toBe(429)
  })

  it('runs a generation requested on node 1 in the worker, exactly once; node 2 streams its progress and serves its files', async () => {
    const customer = new ApiClient(node1.url)
    await newCustomer(payload, customer, 'scale-out')
    const upload = await uploadPhoto(customer, await portraitJpeg())
    expect(upload.status).toBe(201)
    // Stored with its descriptor through a node on S3 (whose adapter saves the upload again in the request).
    const storedPhoto = await payload.findByID({
      collection: 'photo-uploads',
      id: upload.body.doc.id,
      depth: 0,
    })
    expect((storedPhoto.faces as { descriptor: number[] }[])[0].descriptor).toHaveLength(1024)
    const wedding = (await customer.get('/api/packages/wedding-portraits')).body.package
    const requestsBefore = gemini.requests.length
    gemini.setLatency(300)
    const accepted = await customer.post('/api/generate', {
      packageSlug: 'wedding-portraits',
      themeId: wedding.themes.find((t: { isPremium: boolean }) => !t.isPremium).id,
      uploadId: upload.body.doc.id,
      portraitType: 'single',
      generationSettings: { aspectRatio: '1:1', quality: 'standard' },
    })
    expect(accepted.status).toBe(202)
    const id = accepted.body.generationId
    const imageCount = accepted.body.imageCount

    // Progress from node 2, which never saw the request: it reads the database the worker writes.
    const stream = await fetch(`${node2.url}/api/generations/${id}/events`, {
      headers: { authorization: `JWT ${customer.token}` },
    })
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/)
    const text = await stream.text()
    gemini.setLatency(0)
    const events = text.split('\n\n').filter((chunk) => chunk.startsWith('event: status'))
    const last = JSON.parse(events.at(-1)!.split('data: ')[1])
    expect(last, worker.child.output().slice(-2000)).toMatchObject({ status: 'succeeded', progress: 100 })

    // Exactly once: one attempt, one provider call and one stored portrait per image, one charge.
    const generation = await payload.findByID({ collection: 'generations', id, depth: 0 })
    expect(generation.attempt).toBe(1)
    expect(gemini.requests.length - requestsBefore).toBe(imageCount)
    const results = await payload.find({
      collection: 'generation-results',
      where: { generation: { equals: id } },
      depth: 0,
    })
    expect(results.totalDocs).toBe(imageCount)
    // The worker process read the photo's face descriptors and scored each portrait (issue 23).
    for (const result of results.docs) expect(result.likeness).toMatchObject({ passed: true, facesFound: 1 })
    const ledger = await payload.find({
      collection: 'credit-ledger',
      where: { reference: { equals: `generation:${generation.uuid}` } },
      depth: 0,
    })
    expect(ledger.docs.map((row) => row.kind).sort()).toEqual(['charge', 'hold'])
    expect(worker.child.output()).not.toMatch(/failed to start/)

    // Its result and ZIP download from node 2; another customer gets nothing through either node.
    const customerOnNode2 = new ApiClient(node2.url)
    customerOnNode2.token = customer.token
    const view = (await customerOnNode2.get(`/api/generations/${id}`)).body.generation
    expect(view?.results).toHaveLength(imageCount)
    const file = await fetch(`${node2.url}${view.results[0]}`, {
      headers: { authorization: `JWT ${customer.token}` },
    })
    expect(file.status).toBe(200)
    const zip = await fetch(`${node2.url}/api/generations/${id}/download`, {
      headers: { authorization: `JWT ${customer.token}` },
    })
    expect(zip.status).toBe(200)
    const zipBytes = new Uint8Array(await zip.arrayBuffer())
    expect(Buffer.from(zipBytes).subarray(0, 2).toString()).toBe('PK')
    const zipped = unzipSync(zipBytes)
    expect(Object.keys(zipped)).toHaveLength(imageCount)

    // The worker wrote the portraits to the bucket (full size and both sizes), node 1 the photo;
    // node 2 served the exact bytes of the object.
    const keys = await localS3.keys()
    const photo = await payload.findByID({ collection: 'photo-uploads', id: upload.body.doc.id, depth: 0 })
    // Each object under its document's prefix: the collection's folder, in its studio's (issue 24).
    const objectKeys = [
      `${photo.prefix}/${photo.filename}`,
      ...results.docs.flatMap((result) => [
        `${result.prefix}/${result.filename}`,
        `${result.prefix}/${result.sizes?.large?.filename}`,
        `${result.prefix}/${result.sizes?.thumbnail?.filename}`,
      ]),
    ]
    expect(keys).toEqual(expect.arrayContaining(objectKeys))
    const first = results.docs.find((result) =>
      decodeURIComponent(view.results[0]).includes(`/${result.filename}`),
    )
    expect(first, view.results[0]).toBeDefined()
    const stored = await localS3.client.send(
      new GetObjectCommand({ Bucket: localS3.bucket, Key: `${first!.prefix}/${first!.filename}` }),
    )
    expect(
      Buffer.from(await file.arrayBuffer()).equals(Buffer.from(await stored.Body!.transformToByteArray())),
    ).toBe(true)

    const stranger = new ApiClient(node1.url)
    await newCustomer(payload, stranger, 'scale-out-stranger')
    for (const node of [node1.url, node2.url]) {
      for (const url of [view.results[0], photo.url])
        expect([403, 404]).toContain(
          (await fetch(`${node}${url}`, { headers: { authorization: `JWT ${stranger.token}` } })).status,
        )
      expect(
        (
          await fetch(`${node}/api/generations/${id}/download`, {
            headers: { authorization: `JWT ${stranger.token}` },
          })
        ).status,
      ).toBe(404)
    }
    // The bucket itself answers no one without the keys: the objects are not public.
    for (const key of [`${photo.prefix}/${photo.filename}`, `${first!.prefix}/${first!.filename}`])
      expect((await fetch(`${localS3.endpoint}/${localS3.bucket}/${key}`)).status).toBe(403)
  }, 120_000)
})
