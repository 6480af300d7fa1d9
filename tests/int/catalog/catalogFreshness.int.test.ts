import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/**
 * The catalog cache (and so the front's copies, which follow its purges) never keeps a body
 * older than the last committed edit, and the public catalog shows the media an editor picked.
 * One node: this process serves the REST API and makes the edits with the local API.
 */
describe('the catalog after an edit', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let anonymous: ApiClient
  let packageId: number
  let themeId: number
  let originalName: string

  const anniversary = async () => (await anonymous.get('/api/packages/anniversary')).body.package

  beforeAll(async () => {
    process.env.PACKAGE_CACHE_TTL = '300000'
    payload = await testPayload()
    server = await startRestServer()
    anonymous = new ApiClient(server.url)
    const found = await payload.find({
      collection: 'photo-packages',
      where: { slug: { equals: 'anniversary' } },
      limit: 1,
    })
    packageId = found.docs[0].id
    originalName = found.docs[0].name
    const themes = await payload.find({
      collection: 'package-themes',
      where: { package: { equals: packageId }, isActive: { equals: true } },
      limit: 1,
      sort: 'sortOrder',
    })
    themeId = themes.docs[0].id
  })

  afterAll(async () => {
    await payload?.update({
      collection: 'photo-packages',
      id: packageId,
      data: { name: originalName, coverImage: null },
    })
    await payload?.update({ collection: 'package-themes', id: themeId, data: { previewImage: null } })
    await server?.close()
  })

  it('does not keep a body read while an edit was saved but not yet committed', async () => {
    expect((await anniversary()).name).toBe(originalName)
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    const renamed = `${originalName} ${Date.now()}`
    await payload.update({ collection: 'photo-packages', id: packageId, data: { name: renamed }, req })
    // A visitor's read between the edit's hooks and its commit sees the committed (old) name...
    expect((await anniversary()).name).toBe(originalName)
    await commitTransaction(req)
    // ...and once the edit commits, the next read shows the new name, not that body for the TTL.
    expect((await anniversary()).name).toBe(renamed)

    const rolledBack = await createLocalReq({}, payload)
    await initTransaction(rolledBack)
    await payload.update({
      collection: 'photo-packages',
      id: packageId,
      data: { name: 'Never committed' },
      req: rolledBack,
    })
    await killTransaction(rolledBack)
    expect((await anniversary()).name).toBe(renamed)
  })

  it("shows a package's cover and a theme's preview, and follows an edit or deletion of that media", async () => {
    const jpeg = await portraitJpeg()
    const media = await payload.create({
      collection: 'media',
      data: { alt: 'Two glasses raised' },
      file: { data: jpeg, mimetype: 'image/jpeg', name: `anniversary-${Date.now()}.jpg`, size: jpeg.length },
    })
    await payload.update({ collection: 'photo-packages', id: packageId, data: { coverImage: media.id } })
    await payload.update({ collection: 'package-themes', id: themeId, data: { previewImage: media.id } })
    const shown = await anniversary()
    expect(shown.coverImage).toMatchObject({ url: media.url, alt: 'Two glasses raised', width: 800 })
    expect(shown.coverImage.thumbnailUrl).toEqual(expect.any(String))
    const theme = shown.themes.find((entry: { id: number }) => entry.id === themeId)
    expect(theme.previewImage).toMatchObject({ url: media.url })
    const file = await fetch(new URL(media.url!, server.url))
    expect(file.status).toBe(200)

    await payload.update({ collection: 'media', id: media.id, data: { alt: 'A toast at sunset' } })
    expect((await anniversary()).coverImage.alt).toBe('A toast at sunset')

    // Deleting the media empties the relationships in the database (no package hook runs).
    await payload.delete({ collection: 'media', id: media.id })
    const after = await anniversary()
    expect(after.coverImage).toBeNull()
    expect(after.themes.find((entry: { id: number }) => entry.id === themeId).previewImage).toBeNull()
  })
})
