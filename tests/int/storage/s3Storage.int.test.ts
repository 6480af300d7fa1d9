import { localS3 } from '../../support/servers/s3Env'

import { GetObjectCommand } from '@aws-sdk/client-s3'
import { unzipSync } from 'fflate'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { newCustomer } from '../../support/fixtures/generation'
import { newCustomerWithShoot } from '../../support/fixtures/shoots'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { shootableThemeId } from '../../support/fixtures/catalog'

/**
 * Uploads in S3 (S3_BUCKET set): a local S3 server (s3rver) with the real AWS SDK on both sides.
 * A customer's photo and portraits are objects in the bucket, readable only through the app's
 * access check; the account export reads them back from the bucket, and erasure deletes them.
 */
describe('uploads in an S3 bucket', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let themeId: number

  const objectBytes = async (key: string): Promise<Buffer> => {
    const object = await localS3.client.send(new GetObjectCommand({ Bucket: localS3.bucket, Key: key }))
    return Buffer.from(await object.Body!.transformToByteArray())
  }

  /**
   * Every object key a stored document has in the bucket: the file and each image size, under the
   * document's prefix (its collection's folder, or its studio's folder in it).
   */
  const keysOf = (doc: { prefix?: string | null; filename?: string | null; sizes?: unknown }): string[] => [
    `${doc.prefix}/${doc.filename}`,
    ...Object.values((doc.sizes ?? {}) as Record<string, { filename?: string | null }>)
      .map((size) => size?.filename)
      .filter(Boolean)
      .map((name) => `${doc.prefix}/${name}`),
  ]

  const customerWithShoot = async (label: string) => {
    const { client, user, generation, uploadId } = await newCustomerWithShoot(
      payload,
      server.url,
      themeId,
      label,
    )
    expect(generation.status).toBe('succeeded')
    const photo = await payload.findByID({ collection: 'photo-uploads', id: uploadId, depth: 0 })
    const { docs: portraits } = await payload.find({
      collection: 'generation-results',
      where: { generation: { equals: generation.id } },
      sort: 'index',
      pagination: false,
      depth: 0,
    })
    return { client, user, generation, photo, portraits }
  }

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    themeId = await shootableThemeId(server.url)
  })

  afterAll(async () => {
    await server?.close()
    await localS3.stop()
  })

  it('stores the photo and portraits as private objects, served only through the access check', async () => {
    const { client, photo, portraits, generation } = await customerWithShoot('s3-files')
    const keys = await localS3.keys()
    // Each under its studio's folder (issue 24): the customer's studio, the shoot's for portraits.
    expect(photo.prefix).toBe(`uploads/studios/${photo.studio}`)
    for (const portrait of portraits) expect(portrait.prefix).toBe(`results/studios/${generation.studio}`)
    const photoKeys = keysOf(photo)
    const portraitKeys = portraits.flatMap((portrait) => keysOf(portrait))
    expect(photoKeys).toHaveLength(2) // the photo and its thumbnail
    expect(portraitKeys).toHaveLength(generation.imageCount * 3) // full, large, thumbnail
    expect(keys).toEqual(expect.arrayContaining([...photoKeys, ...portraitKeys]))

    // The owner reads them through the app: the same bytes as the object in the bucket.
    const stranger = new ApiClient(server.url)
    await newCustomer(payload, stranger, 's3-stranger')
    for (const [doc, key] of [
      [photo, photoKeys[0]],
      [portraits[0], portraitKeys[0]],
    ] as const) {
      const own = await fetch(`${server.url}${doc.url}`, {
        headers: { authorization: `JWT ${client.token}` },
      })
      expect(own.status).toBe(200)
      expect(Buffer.from(await own.arrayBuffer()).equals(await objectBytes(key))).toBe(true)
      const theirs = await fetch(`${server.url}${doc.url}`, {
        headers: { authorization: `JWT ${stranger.token}` },
      })
      expect([403, 404]).toContain(theirs.status)
      expect((await fetch(`${server.url}${doc.url}`)).status).toBeGreaterThanOrEqual(400)
      // Nobody reads the bucket directly: an unsigned GET of the object is refused by the S3 server.
      const direct = await fetch(`${localS3.endpoint}/${localS3.bucket}/${key}`)
      expect(direct.status).toBe(403)
    }
    // No URL the API hands out points at the bucket.
    expect(JSON.stringify([photo, portraits])).not.toContain(localS3.endpoint)
  })

  it('refuses a client that names where its upload goes (400 naming prefix; _objectKey dropped); stores it under its own prefix', async () => {
    const client = new ApiClient(server.url)
    await newCustomer(payload, client, 's3-steer')
    const photoForm = async (data?: Record<string, unknown>) => {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(await portraitJpeg())], { type: 'image/jpeg' }), 'me.jpg')
      if (data) form.append('_payload', JSON.stringify(data))
      return form
    }
    const steered = await client.post(
      '/api/photo-uploads',
      await photoForm({ prefix: 'results', _objectKey: '../media' }),
    )
    expect(steered.status).toBe(400)
    // prefix is a field the client may not set (refused); _objectKey is not a field (Payload drops it).
    expect(steered.body.errors[0].data.errors.map((error: { path: string }) => error.path)).toEqual([
      'prefix',
    ])
    const upload = await client.post('/api/photo-uploads', await photoForm())
    expect(upload.status).toBe(201)
    const photo = await payload.findByID({ collection: 'photo-uploads', id: upload.body.doc.id, depth: 0 })
    expect(photo).toMatchObject({ prefix: `uploads/studios/${photo.studio}`, _objectKey: null })
    expect(await localS3.keys()).toEqual(expect.arrayContaining(keysOf(photo)))
    const patched = await client.patch(`/api/photo-uploads/${photo.id}`, { prefix: 'media' })
    expect(patched.status).toBe(403)
  })

  it('stores a prompt-lab test render in the bucket, and copies it into public media as a theme preview', async () => {
    const editor = await new ApiClient(server.url).login('editor@photo-packages.local', 'editor-demo-pass')
    const form = new FormData()
    form.append(
      'file',
      new Blob([new Uint8Array(await portraitJpeg(600, 800))], { type: 'image/jpeg' }),
      'x.jpg',
    )
    form.append('_payload', JSON.stringify({ portraitType: 'single' }))
    const rendered = await editor.post(`/api/admin/themes/${themeId}/test-render`, form)
    expect(rendered.status, JSON.stringify(rendered.body).slice(0, 300)).toBe(201)
    const render = await payload.findByID({
      collection: 'test-renders',
      id: rendered.body.testRender.id,
      depth: 0,
    })
    expect(render.prefix).toBe(`test-renders/studios/${render.studio}`)
    expect(await localS3.keys('test-renders/')).toEqual(expect.arrayContaining(keysOf(render)))

    const chosen = await editor.post(`/api/admin/test-renders/${render.id}/use-as-preview`)
    expect(chosen.status).toBe(200)
    const media = await payload.findByID({ collection: 'media', id: chosen.body.mediaId, depth: 0 })
    // Media belongs to a studio: its objects are under the studio's folder (issue 24).
    expect(media.prefix).toBe(`media/studios/${media.studio}`)
    expect(await localS3.keys('media/')).toEqual(expect.arrayContaining(keysOf(media)))
    // Catalog media is public through the app (no sign-in), still not from the bucket directly.
    const served = await fetch(`${server.url}${media.url}`)
    expect(served.status).toBe(200)
    expect(
      Buffer.from(await served.arrayBuffer()).equals(await objectBytes(`${media.prefix}/${media.filename}`)),
    ).toBe(true)
    expect(
      (await fetch(`${localS3.endpoint}/${localS3.bucket}/${media.prefix}/${media.filename}`)).status,
    ).toBe(403)
    await payload.update({ collection: 'package-themes', id: themeId, data: { previewImage: null } })
    await payload.delete({ collection: 'media', id: media.id })
    await payload.delete({ collection: 'test-renders', id: render.id })
    expect(await localS3.keys('media/')).not.toContain(`${media.prefix}/${media.filename}`)
    expect(await localS3.keys('test-renders/')).not.toContain(`${render.prefix}/${render.filename}`)
  })

  it('exports the files from the bucket, and erasure deletes every object of the customer', async () => {
    const { client, photo, portraits, generation } = await customerWithShoot('s3-erase')
    const response = await fetch(`${server.url}/api/account/export`, {
      headers: { authorization: `JWT ${client.token}` },
    })
    expect(response.status).toBe(200)
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()))
    const exportedPhoto = Object.keys(files).filter((name) => name.startsWith('photos/'))
    expect(exportedPhoto).toHaveLength(1)
    expect(
      Buffer.from(files[exportedPhoto[0]]).equals(await objectBytes(`${photo.prefix}/${photo.filename}`)),
    ).toBe(true)
    for (const portrait of portraits) {
      const name = `portraits/generation-${generation.id}/portrait-${portrait.index + 1}.webp`
      expect(files[name]?.length).toBeGreaterThan(1000)
      expect(
        Buffer.from(files[name]).equals(await objectBytes(`${portrait.prefix}/${portrait.filename}`)),
      ).toBe(true)
    }

    const theirKeys = [...keysOf(photo), ...portraits.flatMap((portrait) => keysOf(portrait))]
    const before = await localS3.keys()
    expect(before).toEqual(expect.arrayContaining(theirKeys))
    const erased = await client.post('/api/account/erase', { confirm: 'customer-pass-1' })
    expect(erased.status).toBe(200)
    const after = await localS3.keys()
    expect(after.filter((key) => theirKeys.includes(key))).toEqual([])
    // Only their objects went.
    expect(after).toHaveLength(before.length - theirKeys.length)
  })
})
