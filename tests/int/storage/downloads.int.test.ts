import type { Payload } from 'payload'
import sharp from 'sharp'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/**
 * Downloads of finished portraits over REST on Postgres: one portrait as JPEG or WebP at full
 * size, and the whole shoot as a ZIP of either; the owner's only.
 */
describe('downloading portraits as JPEG or WebP', { timeout: 180_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let owner: ApiClient
  let generationId: number

  const fetchAs = (client: ApiClient, path: string) =>
    fetch(`${server.url}${path}`, { headers: client.token ? { authorization: `JWT ${client.token}` } : {} })

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    owner = new ApiClient(server.url)
    await newCustomer(payload, owner, 'downloads')
    const wedding = (await owner.get('/api/packages/wedding-portraits')).body.package
    const upload = await uploadPhoto(owner, await portraitJpeg())
    const accepted = await owner.post('/api/generate', {
      packageSlug: 'wedding-portraits',
      themeId: wedding.themes.find((t: { isPremium: boolean }) => !t.isPremium).id,
      uploadIds: [upload.body.doc.id],
      portraitType: 'single',
      generationSettings: { aspectRatio: '3:4', quality: 'standard' },
    })
    expect(accepted.status).toBe(202)
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('succeeded')
    generationId = generation.id
  })

  afterAll(async () => {
    await server?.close()
  })

  it('gives one portrait as a full-size JPEG with the same pixels as the stored WebP', async () => {
    const stored = (
      await payload.find({
        collection: 'generation-results',
        where: { generation: { equals: generationId } },
        sort: 'index',
        depth: 0,
      })
    ).docs[0]
    const jpeg = await fetchAs(owner, `/api/generations/${generationId}/portraits/1?format=jpeg`)
    expect(jpeg.status).toBe(200)
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg')
    expect(jpeg.headers.get('content-disposition')).toBe('attachment; filename="portrait-1.jpg"')
    expect(jpeg.headers.get('cache-control')).toBe('private, no-store')
    const meta = await sharp(Buffer.from(await jpeg.arrayBuffer())).metadata()
    expect(meta.format).toBe('jpeg')
    expect([meta.width, meta.height]).toEqual([stored.width, stored.height])
    // 3:4 asked for, 3:4 delivered: the download is not cropped square.
    expect(meta.height! / meta.width!).toBeCloseTo(4 / 3, 1)

    const webp = await fetchAs(owner, `/api/generations/${generationId}/portraits/1`)
    expect(webp.status).toBe(200)
    expect(webp.headers.get('content-disposition')).toBe('attachment; filename="portrait-1.webp"')
    expect((await sharp(Buffer.from(await webp.arrayBuffer())).metadata()).format).toBe('webp')
  })

  it('zips every portrait as JPEG when asked, as WebP otherwise', async () => {
    const jpegZip = await fetchAs(owner, `/api/generations/${generationId}/download?format=jpeg`)
    expect(jpegZip.status).toBe(200)
    expect(jpegZip.headers.get('content-disposition')).toBe(
      `attachment; filename="photo-packages-generation-${generationId}-jpeg.zip"`,
    )
    const files = unzipSync(new Uint8Array(await jpegZip.arrayBuffer()))
    expect(Object.keys(files).sort()).toEqual(['portrait-1.jpg', 'portrait-2.jpg', 'portrait-3.jpg'])
    for (const bytes of Object.values(files))
      expect((await sharp(Buffer.from(bytes)).metadata()).format).toBe('jpeg')
    const webpZip = unzipSync(
      new Uint8Array(await (await fetchAs(owner, `/api/generations/${generationId}/download`)).arrayBuffer()),
    )
    expect(Object.keys(webpZip).sort()).toEqual(['portrait-1.webp', 'portrait-2.webp', 'portrait-3.webp'])
  })

  it('answers a 400 naming the field for a bad format or number, a 404 for a portrait that does not exist', async () => {
    const badFormat = await owner.get(`/api/generations/${generationId}/portraits/1?format=gif`)
    expect(badFormat.status).toBe(400)
    expect(badFormat.body.field).toBe('format')
    const badNumber = await owner.get(`/api/generations/${generationId}/portraits/0`)
    expect(badNumber.status).toBe(400)
    expect(badNumber.body.field).toBe('number')
    expect((await owner.get(`/api/generations/${generationId}/portraits/5`)).status).toBe(404)
  })

  it("refuses another customer's and a signed-out visitor's download with the same 404 / 401 as elsewhere", async () => {
    const stranger = new ApiClient(server.url)
    await newCustomer(payload, stranger, 'downloads-stranger')
    expect((await fetchAs(stranger, `/api/generations/${generationId}/portraits/1?format=jpeg`)).status).toBe(
      404,
    )
    expect((await fetchAs(stranger, `/api/generations/${generationId}/download?format=jpeg`)).status).toBe(
      404,
    )
    expect(
      (await fetchAs(new ApiClient(server.url), `/api/generations/${generationId}/portraits/1`)).status,
    ).toBe(401)
  })
})
