import { localS3 } from '../../support/servers/s3Env'

import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Media } from '@/payload-types'

import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { portraitJpeg } from '../../support/fixtures/images'
import {
  fileAt,
  type TwoStudios,
  twoStudiosWithEditors,
  uploadMedia,
} from '../../support/fixtures/twoStudios'

/**
 * Storage keys per studio (issue 24) in an S3 bucket (s3rver, the real AWS SDK): the same file
 * name uploaded at two studios is two objects, each under its studio's folder
 * (`media/studios/<id>/…`); each file URL serves its own studio's bytes, and another studio's file
 * URL is a 404, to its staff and to visitors of its site. studioFiles.int is the same on disk.
 */
describe('storage keys per studio, in an S3 bucket', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let two: TwoStudios
  const media = {} as Record<'A' | 'B', Media>

  const objectBytes = async (key: string): Promise<Buffer> => {
    const object = await localS3.client.send(new GetObjectCommand({ Bucket: localS3.bucket, Key: key }))
    return Buffer.from(await object.Body!.transformToByteArray())
  }

  /** Every object key a stored document has: its prefix, then the file's and each size's name. */
  const keysOf = (doc: { prefix?: string | null; filename?: string | null; sizes?: unknown }) =>
    [
      doc.filename,
      ...Object.values((doc.sizes ?? {}) as Record<string, { filename?: string }>).map((s) => s?.filename),
    ]
      .filter(Boolean)
      .map((name) => `${doc.prefix}/${name}`)

  const file = (path: string, as: { host?: string; token?: string | null } = {}) =>
    fileAt(server.url, path, as)

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    two = await twoStudiosWithEditors(payload, server.url, 'keys')
  })

  afterAll(async () => {
    if (payload) {
      for (const doc of Object.values(media))
        await payload.delete({ collection: 'media', id: doc.id }).catch(() => undefined)
      await two?.remove()
    }
    await server?.close()
    await localS3.stop()
  })

  it('stores the same file name at two studios as two objects, each under its studio’s folder', async () => {
    const name = `same-${Date.now()}.jpg`
    media.A = await uploadMedia(payload, two.editor.A, name, 600)
    media.B = await uploadMedia(payload, two.editor.B, name, 640)
    for (const label of ['A', 'B'] as const)
      expect(media[label]).toMatchObject({
        studio: two.studio[label],
        prefix: `media/studios/${two.studio[label]}`,
      })
    const keys = { A: keysOf(media.A), B: keysOf(media.B) }
    expect(keys.A).toHaveLength(4) // the file, thumbnail, card and hero
    expect(await localS3.keys(`media/studios/${two.studio.A}/`)).toEqual(expect.arrayContaining(keys.A))
    expect(await localS3.keys(`media/studios/${two.studio.B}/`)).toEqual(expect.arrayContaining(keys.B))
    // Two objects with their own bytes; nothing of theirs in the collection's shared folder.
    expect((await objectBytes(keys.A[0])).equals(await objectBytes(keys.B[0]))).toBe(false)
    const flat = await localS3.keys('media/')
    for (const doc of [media.A, media.B]) expect(flat).not.toContain(`media/${doc.filename}`)
  })

  it('serves each studio’s file URL with its own bytes, and another studio’s is a 404', async () => {
    for (const [own, other] of [
      ['A', 'B'],
      ['B', 'A'],
    ] as const) {
      const bytes = await objectBytes(keysOf(media[own])[0])
      const mine = await file(media[own].url!, { token: two.editor[own].token })
      expect(mine.status).toBe(200)
      expect(mine.bytes.equals(bytes)).toBe(true)
      // The other studio's editor, and a visitor of the other studio's site: 404, as a read by id.
      expect((await file(media[own].url!, { token: two.editor[other].token })).status).toBe(404)
      expect((await file(media[own].url!, { host: two.host[other] })).status).toBe(404)
      // A visitor of its own site sees it (catalog media is public there), with or without `?prefix=`.
      for (const url of [media[own].url!, `/api/media/file/${media[own].filename}`]) {
        const visitor = await file(url, { host: two.host[own] })
        expect(visitor.status).toBe(200)
        expect(visitor.bytes.equals(bytes)).toBe(true)
      }
    }
  })

  it('serves a file stored before keys carried the studio from its recorded key; deletes every object', async () => {
    // Stored before: its objects in the collection's folder, and that folder its prefix.
    const doc = (await payload.create({
      collection: 'media',
      data: { alt: 'stored before', studio: two.studio.A } as never,
      file: {
        data: await portraitJpeg(560, 700),
        mimetype: 'image/jpeg',
        name: `old-${Date.now()}.jpg`,
        size: 0,
      },
      depth: 0,
    })) as Media
    for (const key of keysOf(doc)) {
      const Body = await objectBytes(key)
      const Key = `media/${key.split('/').pop()}`
      await localS3.client.send(
        new PutObjectCommand({ Bucket: localS3.bucket, Key, Body, ContentType: 'image/webp' }),
      )
      await localS3.client.send(new DeleteObjectCommand({ Bucket: localS3.bucket, Key: key }))
    }
    await payload.db.updateOne({ collection: 'media', id: doc.id, data: { prefix: 'media' } })
    const old = (await payload.findByID({ collection: 'media', id: doc.id, depth: 0 })) as Media
    expect(old.prefix).toBe('media')
    const served = await file(old.url!, { host: two.host.A })
    expect(served.status).toBe(200)
    expect(served.bytes.equals(await objectBytes(`media/${old.filename}`))).toBe(true)
    expect((await file(old.url!, { host: two.host.B })).status).toBe(404)

    for (const stored of [media.A, media.B, old]) await payload.delete({ collection: 'media', id: stored.id })
    const left = await localS3.keys('media/')
    for (const key of [...keysOf(media.A), ...keysOf(media.B), ...keysOf(old)])
      expect(left).not.toContain(key)
  })
})
