import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Media } from '@/payload-types'

import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import {
  fileAt,
  type TwoStudios,
  twoStudiosWithEditors,
  uploadMedia,
} from '../../support/fixtures/twoStudios'

/**
 * Two studios' files on the local disk (no S3_BUCKET; studioKeys.int is the bucket): the same file
 * name uploaded at two studios is two files (Payload gives the second a `-1` name, as the
 * collection's names are unique), each file URL serves its own studio's bytes, and another
 * studio's file URL is a 404, to its staff and to visitors of its site.
 */
describe('studio files on the local disk', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let two: TwoStudios
  const media = {} as Record<'A' | 'B', Media>

  const diskBytes = (doc: Media) =>
    readFile(path.join(payload.collections.media.config.upload.staticDir as string, doc.filename!))

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    two = await twoStudiosWithEditors(payload, server.url, 'files')
  })

  afterAll(async () => {
    if (payload) {
      for (const doc of Object.values(media))
        await payload.delete({ collection: 'media', id: doc.id }).catch(() => undefined)
      await two?.remove()
    }
    await server?.close()
  })

  it('keeps the same file name at two studios as two files, each URL its own studio’s, the other’s a 404', async () => {
    const name = `same-${Date.now()}.jpg`
    media.A = await uploadMedia(payload, two.editor.A, name, 600)
    media.B = await uploadMedia(payload, two.editor.B, name, 640)
    expect(media.A.studio).toBe(two.studio.A)
    expect(media.B.studio).toBe(two.studio.B)
    expect(media.B.filename).not.toBe(media.A.filename)
    expect((await diskBytes(media.A)).equals(await diskBytes(media.B))).toBe(false)
    for (const [own, other] of [
      ['A', 'B'],
      ['B', 'A'],
    ] as const) {
      const bytes = await diskBytes(media[own])
      for (const as of [{ token: two.editor[own].token }, { host: two.host[own] }]) {
        const mine = await fileAt(server.url, media[own].url!, as)
        expect(mine.status).toBe(200)
        expect(mine.bytes.equals(bytes)).toBe(true)
      }
      expect((await fileAt(server.url, media[own].url!, { token: two.editor[other].token })).status).toBe(404)
      expect((await fileAt(server.url, media[own].url!, { host: two.host[other] })).status).toBe(404)
    }
    // Deleting a document deletes its file.
    await payload.delete({ collection: 'media', id: media.A.id })
    await expect(diskBytes(media.A)).rejects.toThrow(/ENOENT/)
  })
})
