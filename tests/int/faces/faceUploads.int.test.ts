import { readFile } from 'node:fs/promises'

import { unzipSync } from 'fflate'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type FaceFixture, faceFixture } from '../../fixtures/make-face-fixtures'
import { startAppNode } from '../../support/processes/appNodes'
import { ApiClient } from '../../support/clients/client'
import { newCustomer } from '../../support/fixtures/generation'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/** Uploads a face fixture the way the browser does, marked with a role (none: a photo of one person). */
const upload = async (client: ApiClient, name: FaceFixture, role?: string) => {
  const form = new FormData()
  form.append(
    'file',
    new Blob([new Uint8Array(await readFile(faceFixture(name)))], { type: 'image/jpeg' }),
    name,
  )
  form.append('_payload', JSON.stringify(role ? { role } : {}))
  return client.post('/api/photo-uploads', form)
}

/** Issue 23: every customer photo is checked for faces before anything is stored (REST on Postgres). */
describe('customer photos are checked for faces at upload', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let client: ApiClient
  let userId: number

  const storedPhotos = async () =>
    (await payload.find({ collection: 'photo-uploads', where: { owner: { equals: userId } }, depth: 0 })).docs

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    client = new ApiClient(server.url)
    userId = (await newCustomer(payload, client, 'faces')).id
  })

  afterAll(async () => {
    await server?.close()
  })

  it('refuses the cat and the coffee cup, a tiny face, a blurred face and a couple marked as one person, naming the reason; keeps none of them', async () => {
    const cases: [FaceFixture, string | undefined, RegExp][] = [
      ['cat.jpg', undefined, /could not find a face/],
      ['coffee.jpg', undefined, /could not find a face/],
      ['tiny-face.jpg', undefined, /only \d+ px across; it needs at least 160 px/],
      ['blurred.jpg', undefined, /too blurred/],
      ['couple.jpg', 'person', /shows 2 faces, but it is marked as a photo of one person/],
      ['couple.jpg', 'family-member', /shows 2 faces/],
      [
        'astronaut.jpg',
        'group',
        /shows one face, but it is marked as a group photo, which takes 2 to 6 faces/,
      ],
    ]
    for (const [name, role, message] of cases) {
      const response = await upload(client, name, role)
      expect(response.status, name).toBe(400)
      expect(response.body.errors[0].message, name).toMatch(message)
    }
    expect(await storedPhotos()).toEqual([])
  })

  it('accepts a clear photo with a quality score, reasons and one descriptor per face; a couple marked as a couple keeps two', async () => {
    const single = await upload(client, 'hopper.jpg')
    expect(single.status).toBe(201)
    expect(single.body.doc).toMatchObject({
      role: 'person',
      faceCount: 1,
      qualityScore: 100,
      qualityReasons: ['A clear, sharp, well-sized face.'],
    })
    // The descriptor (biometric data) is stored but never sent over REST.
    expect(Object.keys(single.body.doc.faces[0]).sort()).toEqual(['box', 'score', 'sharpness', 'sizePx'])
    const stored = await payload.findByID({ collection: 'photo-uploads', id: single.body.doc.id })
    expect((stored.faces as { descriptor: number[] }[])[0].descriptor).toHaveLength(1024)
    const couple = await upload(client, 'couple.jpg', 'couple')
    expect(couple.status).toBe(201)
    expect(couple.body.doc).toMatchObject({ role: 'couple', faceCount: 2 })
    const storedCouple = await payload.findByID({ collection: 'photo-uploads', id: couple.body.doc.id })
    expect((storedCouple.faces as { descriptor: number[] }[]).map((face) => face.descriptor.length)).toEqual([
      1024, 1024,
    ])
    expect(couple.body.doc.qualityScore).toBeGreaterThan(50)
    expect(couple.body.doc.qualityScore).toBeLessThan(100)
    expect((await upload(client, 'astronaut.jpg', 'best-friend')).body.errors[0]).toMatchObject({
      message: expect.stringContaining('role must be one of'),
    })
  })

  it('the export carries every face descriptor; erasing the account removes them', async () => {
    const exported = await fetch(`${server.url}/api/account/export`, {
      headers: { authorization: `JWT ${client.token}` },
    })
    expect(exported.status).toBe(200)
    const files = unzipSync(new Uint8Array(await exported.arrayBuffer()))
    const data = JSON.parse(new TextDecoder().decode(files['account.json']))
    expect(data.photos).toHaveLength(2)
    for (const photo of data.photos) {
      expect(photo.qualityScore).toBeGreaterThan(0)
      for (const face of photo.faces) expect(face.descriptor).toHaveLength(1024)
    }
    expect((await client.post('/api/account/erase', { confirm: 'customer-pass-1' })).status).toBe(200)
    const rows = await payload.db.drizzle.execute(
      `select count(*)::int as n from photo_uploads where owner_id = ${userId} or faces is not null and owner_id is null`,
    )
    expect((rows as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0)
  })

  it('a node that cannot load the face models refuses uploads with 503 and stores nothing', async () => {
    // Its own process: the models load once per process, so a broken node is another node.
    const broken = await startAppNode({ FACE_MODEL_DIR: '/nonexistent/face-models' })
    try {
      const other = new ApiClient(broken.url)
      const otherId = (await newCustomer(payload, other, 'faces-503')).id
      const response = await upload(other, 'hopper.jpg')
      expect(response.status).toBe(503)
      expect(response.body.errors[0].message).toMatch(/Photo checks are unavailable/)
      expect(
        (await payload.find({ collection: 'photo-uploads', where: { owner: { equals: otherId } } })).docs,
      ).toEqual([])
    } finally {
      await broken.stop()
    }
  })
})
