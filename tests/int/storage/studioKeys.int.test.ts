import { localS3 } from '../../support/servers/s3Env'

import http from 'node:http'

import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Media } from '@/payload-types'

import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { ApiClient } from '../../support/clients/client'
import { portraitJpeg } from '../../support/fixtures/images'

const run = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
const unique = (label: string) => `${label}-${run}`
const hostOf = { A: `keys-a-${run}.test`, B: `keys-b-${run}.test` }

/**
 * Storage keys per studio (issue 24) in an S3 bucket (s3rver, the real AWS SDK): the same file
 * name uploaded at two studios is two objects, each under its studio's folder
 * (`media/studios/<id>/…`); each file URL serves its own studio's bytes, and another studio's file
 * URL is refused, to its staff and to visitors of its site.
 */
describe('storage keys per studio, in an S3 bucket', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  const studio = { A: 0, B: 0 }
  const editor: Record<'A' | 'B', ApiClient> = {} as never
  const media: Record<'A' | 'B', Media> = {} as never
  const users: number[] = []

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

  /** A file URL's status and bytes, asked for at `host` (fetch cannot set Host) with `token`. */
  const fileAt = (path: string, { host, token }: { host?: string; token?: string | null } = {}) =>
    new Promise<{ status: number; bytes: Buffer }>((resolve, reject) => {
      const url = new URL(`${server.url}${path}`)
      http
        .get(
          url,
          {
            headers: {
              ...(host && { host }),
              ...(token && { authorization: `JWT ${token}` }),
            },
          },
          (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk: Buffer) => chunks.push(chunk))
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, bytes: Buffer.concat(chunks) }),
            )
          },
        )
        .on('error', reject)
    })

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    for (const name of ['A', 'B'] as const) {
      studio[name] = (
        await payload.create({
          collection: 'studios',
          data: {
            name: unique(`Keys ${name}`),
            slug: unique(`keys-${name.toLowerCase()}`),
            domains: [{ hostname: hostOf[name] }],
          } as never,
        })
      ).id as number
      const email = `${unique(`keys-editor-${name}`)}@example.com`
      const user = await payload.create({
        collection: 'users',
        data: {
          email,
          password: 'keys-pass-1',
          role: 'editor',
          tenants: [{ tenant: studio[name] }],
        } as never,
      })
      users.push(user.id as number)
      editor[name] = await new ApiClient(server.url).login(email, 'keys-pass-1')
    }
  })

  afterAll(async () => {
    if (payload) {
      for (const doc of Object.values(media))
        await payload.delete({ collection: 'media', id: doc.id }).catch(() => undefined)
      for (const id of users) await payload.delete({ collection: 'users', id }).catch(() => undefined)
      for (const id of Object.values(studio))
        if (id) await payload.delete({ collection: 'studios', id }).catch(() => undefined)
    }
    await server?.close()
    await localS3.stop()
  })

  it('stores the same file name at two studios as two objects, each under its studio’s folder', async () => {
    const name = `${unique('same')}.jpg`
    for (const [label, width] of [
      ['A', 600],
      ['B', 640],
    ] as const) {
      const form = new FormData()
      form.append(
        'file',
        new Blob([new Uint8Array(await portraitJpeg(width, 800))], { type: 'image/jpeg' }),
        name,
      )
      form.append('_payload', JSON.stringify({ alt: `studio ${label}` }))
      const created = await editor[label].post('/api/media', form)
      expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201)
      media[label] = (await payload.findByID({
        collection: 'media',
        id: created.body.doc.id,
        depth: 0,
      })) as Media
      expect(media[label]).toMatchObject({ studio: studio[label], prefix: `media/studios/${studio[label]}` })
    }
    const keys = { A: keysOf(media.A), B: keysOf(media.B) }
    expect(keys.A).toHaveLength(4) // the file, thumbnail, card and hero
    expect(await localS3.keys(`media/studios/${studio.A}/`)).toEqual(expect.arrayContaining(keys.A))
    expect(await localS3.keys(`media/studios/${studio.B}/`)).toEqual(expect.arrayContaining(keys.B))
    // Two objects with their own bytes; nothing of theirs in the collection's shared folder.
    expect((await objectBytes(keys.A[0])).equals(await objectBytes(keys.B[0]))).toBe(false)
    const flat = await localS3.keys('media/')
    for (const doc of [media.A, media.B]) expect(flat).not.toContain(`media/${doc.filename}`)
  })

  it('serves each studio’s file URL with its own bytes, and refuses the other studio’s', async () => {
    for (const [own, other] of [
      ['A', 'B'],
      ['B', 'A'],
    ] as const) {
      const key = keysOf(media[own])[0]
      const mine = await fileAt(media[own].url!, { token: editor[own].token })
      expect(mine.status).toBe(200)
      expect(mine.bytes.equals(await objectBytes(key))).toBe(true)
      // The other studio's editor, and a visitor of the other studio's site.
      expect([403, 404]).toContain((await fileAt(media[own].url!, { token: editor[other].token })).status)
      expect([403, 404]).toContain((await fileAt(media[own].url!, { host: hostOf[other] })).status)
      // A visitor of its own site sees it: catalog media is public there.
      const visitor = await fileAt(media[own].url!, { host: hostOf[own] })
      expect(visitor.status).toBe(200)
      expect(visitor.bytes.equals(await objectBytes(key))).toBe(true)
      // The URL without its `prefix` query still finds this document, never the other's.
      const bare = await fileAt(`/api/media/file/${media[own].filename}`, { host: hostOf[own] })
      expect(bare.bytes.equals(await objectBytes(key))).toBe(true)
    }
  })

  it('serves a file stored before keys carried the studio from its recorded key; deletes every object', async () => {
    // Stored before: the same document, its objects in the collection's folder and its prefix that folder.
    const doc = (await payload.create({
      collection: 'media',
      data: { alt: 'stored before', studio: studio.A } as never,
      file: {
        data: await portraitJpeg(560, 700),
        mimetype: 'image/jpeg',
        name: `${unique('old')}.jpg`,
        size: 0,
      },
      depth: 0,
    })) as Media
    for (const key of keysOf(doc)) {
      const bytes = await objectBytes(key)
      const legacy = `media/${key.split('/').pop()}`
      await localS3.client.send(
        new PutObjectCommand({ Bucket: localS3.bucket, Key: legacy, Body: bytes, ContentType: 'image/webp' }),
      )
      await localS3.client.send(new DeleteObjectCommand({ Bucket: localS3.bucket, Key: key }))
    }
    await payload.db.updateOne({ collection: 'media', id: doc.id, data: { prefix: 'media' } })
    const old = (await payload.findByID({ collection: 'media', id: doc.id, depth: 0 })) as Media
    expect(old.prefix).toBe('media')
    const served = await fileAt(old.url!, { host: hostOf.A })
    expect(served.status).toBe(200)
    expect(served.bytes.equals(await objectBytes(`media/${old.filename}`))).toBe(true)
    expect((await fileAt(old.url!, { host: hostOf.B })).status).toBeGreaterThanOrEqual(403)

    for (const stored of [media.A, media.B, old]) await payload.delete({ collection: 'media', id: stored.id })
    const left = await localS3.keys('media/')
    for (const key of [...keysOf(media.A), ...keysOf(media.B), ...keysOf(old)])
      expect(left).not.toContain(key)
  })
})
