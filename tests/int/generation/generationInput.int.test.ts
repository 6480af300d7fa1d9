import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { ledgerSum, newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import {
  jpegWithExifAndGps,
  jpegZipPolyglot,
  pngPixelBomb,
  portraitJpeg,
  svgImage,
  truncated,
} from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import sharp from 'sharp'

/** Every refused request gets a clear 4xx, and holds nothing. Offline renderer (no key). */
describe('bad generation requests and hostile uploads', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let customer: ApiClient
  let customerId: number
  let uploadId: number
  let wedding: any
  let engagement: any
  /** Shoots a test started: each runs to the end before the file does (afterAll). */
  const started: number[] = []

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    customer = new ApiClient(server.url)
    customerId = (await newCustomer(payload, customer, 'input')).id
    uploadId = (await uploadPhoto(customer, await portraitJpeg())).body.doc.id
    const anonymous = new ApiClient(server.url)
    wedding = (await anonymous.get('/api/packages/wedding-portraits')).body.package
    engagement = (await anonymous.get('/api/packages/engagement')).body.package
  })

  afterAll(async () => {
    // In the shared process (test:fast) a shoot left running would run into the next file.
    for (const id of started) await waitForGeneration(payload, id)
    await server?.close()
  })

  const valid = () => ({
    packageSlug: 'wedding-portraits',
    themeId: wedding.themes.find((t: any) => !t.isPremium).id,
    uploadId,
    portraitType: 'single',
  })

  it('refuses SVG, text posing as JPEG, truncated files, pixel bombs and polyglots with a 400', async () => {
    const cases: [string, Buffer, string, string][] = [
      ['svg', svgImage(), 'x.svg', 'image/svg+xml'],
      ['svg as jpeg', svgImage(), 'x.jpg', 'image/jpeg'],
      ['text', Buffer.from('just some text, not a photo at all'), 'x.jpg', 'image/jpeg'],
      ['truncated', await truncated(), 'x.jpg', 'image/jpeg'],
      ['pixel bomb', await pngPixelBomb(), 'x.png', 'image/png'],
      ['polyglot', await jpegZipPolyglot(), 'x.jpg', 'image/jpeg'],
    ]
    for (const [label, bytes, name, type] of cases) {
      const response = await uploadPhoto(customer, bytes, name, type)
      expect(response.status, label).toBe(400)
      expect(JSON.stringify(response.body), label).toMatch(/photo|image|file|megapixels|type/i)
    }
    const anonymous = await uploadPhoto(new ApiClient(server.url), await portraitJpeg())
    // Not signed in: 401 (RFC 9110 §15.5.2), checked before the file is read.
    expect(anonymous.status).toBe(401)
  })

  it('stores an upright, metadata-free JPEG of at most 2048 px', async () => {
    const upload = await uploadPhoto(customer, await jpegWithExifAndGps())
    expect(upload.status).toBe(201)
    const file = await fetch(`${server.url}${upload.body.doc.url}`, {
      headers: { authorization: `JWT ${customer.token}` },
    })
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata()
    expect(meta.format).toBe('jpeg')
    expect([meta.width, meta.height]).toEqual([600, 800]) // rotated by its EXIF orientation
    expect(meta.exif).toBeUndefined()
    expect(meta.orientation).toBeUndefined()
    const big = await uploadPhoto(
      customer,
      await sharp({ create: { width: 5000, height: 2500, channels: 3, background: '#888' } })
        .composite([{ input: await portraitJpeg(1000, 1250), left: 2000, top: 625 }])
        .jpeg()
        .toBuffer(),
    )
    expect(Math.max(big.body.doc.width, big.body.doc.height)).toBe(2048)
  })

  it('answers each bad request with a clear 4xx and holds nothing', async () => {
    const other = new ApiClient(server.url)
    await newCustomer(payload, other, 'other')
    const othersUpload = (await uploadPhoto(other, await portraitJpeg())).body.doc.id
    const seasonal = await payload.find({
      collection: 'package-themes',
      where: { isSeasonal: { equals: true } },
      limit: 1,
    })
    // Make the seasonal theme out of season today, whatever today is.
    const today = new Date()
    const shift = (days: number) => {
      const d = new Date(today.getTime() + days * 86400000)
      return `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`
    }
    await payload.update({
      collection: 'package-themes',
      id: seasonal.docs[0].id,
      data: { seasonStart: shift(10), seasonEnd: shift(20) },
    })
    const inactiveTheme = await payload.create({
      collection: 'package-themes',
      data: {
        package: wedding.id,
        name: 'Switched off',
        settingPrompt: 'A quiet switched-off studio',
        isActive: false,
      },
    })
    const before = (await payload.findByID({ collection: 'users', id: customerId })).shootCredits
    const generationsBefore = (await payload.count({ collection: 'generations' })).totalDocs

    const cases: [string, unknown, number, RegExp][] = [
      ['no body', undefined, 400, /JSON|body|packageSlug/],
      ['wrong types', { ...valid(), themeId: 'abc', portraitType: 7 }, 400, /themeId|portraitType/],
      [
        'an id in a list is not an id',
        { ...valid(), themeId: [wedding.themes[0].id] },
        400,
        /themeId must be an id/,
      ],
      ['an id past the database range', { ...valid(), uploadId: 99999999999 }, 400, /uploadId must be an id/],
      [
        'a photo id that is true',
        { ...valid(), uploadId: undefined, uploadIds: [true] },
        400,
        /uploadIds must be an id/,
      ],
      ['unknown package', { ...valid(), packageSlug: 'moon-portraits' }, 404, /moon-portraits/],
      [
        'inactive package',
        { ...valid(), packageSlug: 'retired-studio-classics' },
        404,
        /retired-studio-classics/,
      ],
      ['unknown theme', { ...valid(), themeId: 999999 }, 404, /theme/],
      ['inactive theme', { ...valid(), themeId: inactiveTheme.id }, 404, /theme/],
      [
        'theme of another package',
        { ...valid(), themeId: engagement.themes[0].id },
        400,
        /not part of Wedding Portraits/,
      ],
      ['out of season', { ...valid(), themeId: seasonal.docs[0].id }, 400, /out of season/],
      ['missing photo', { ...valid(), uploadId: undefined }, 400, /Upload a photo/],
      ["another user's upload", { ...valid(), uploadId: othersUpload }, 404, /not among your uploads/],
      [
        'malformed percent-encoding in the URL',
        { ...valid(), uploadId: undefined, uploadedImageUrl: '/api/photo-uploads/file/%E0%A4%A' },
        400,
        /uploadedImageUrl has invalid percent-encoding/,
      ],
      [
        'a foreign URL',
        { ...valid(), uploadId: undefined, uploadedImageUrl: 'http://169.254.169.254/latest/meta-data' },
        400,
        /own uploads/,
      ],
      ['family without a count', { ...valid(), portraitType: 'family' }, 400, /familyMemberCount/],
      ['count for a single', { ...valid(), familyMemberCount: 3 }, 400, /only for family/],
      ['family of 13', { ...valid(), portraitType: 'family', familyMemberCount: 13 }, 400, /at most 12/],
      ['over-long custom prompt', { ...valid(), customPrompt: 'x'.repeat(501) }, 400, /500/],
      ['bad aspect ratio', { ...valid(), generationSettings: { aspectRatio: '2:1' } }, 400, /aspectRatio/],
    ]
    for (const [label, body, status, message] of cases) {
      const response = await customer.post('/api/generate', body)
      expect(response.status, label).toBe(status)
      expect(response.body.error, label).toMatch(message)
    }
    const anonymous = await new ApiClient(server.url).post('/api/generate', valid())
    expect(anonymous.status).toBe(401)
    const staff = await new ApiClient(server.url).login('editor@photo-packages.local', 'editor-demo-pass')
    expect((await staff.post('/api/generate', valid())).status).toBe(403)

    expect((await payload.findByID({ collection: 'users', id: customerId })).shootCredits).toBe(before)
    expect((await payload.count({ collection: 'generations' })).totalDocs).toBe(generationsBefore)
    await payload.update({
      collection: 'package-themes',
      id: seasonal.docs[0].id,
      data: { seasonStart: '12-01', seasonEnd: '01-06' },
    })
    await payload.delete({ collection: 'package-themes', id: inactiveTheme.id })
  })

  it('answers 402 with the balance when shoots run out, and exactly balance/cost of parallel requests succeed', async () => {
    const buyer = new ApiClient(server.url)
    const user = await newCustomer(payload, buyer, 'parallel')
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, amount: 2, reason: 'Exactly five shoots' },
    })
    const photo = (await uploadPhoto(buyer, await portraitJpeg())).body.doc.id
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => buyer.post('/api/generate', { ...valid(), uploadId: photo })),
    )
    const statuses = responses.map((r) => r.status)
    started.push(...responses.filter((r) => r.status === 202).map((r) => r.body.generationId as number))
    expect(statuses.filter((s) => s === 202)).toHaveLength(5)
    expect(statuses.filter((s) => s === 402)).toHaveLength(7)
    const refused = responses.find((r) => r.status === 402)!
    expect(refused.body).toMatchObject({ balance: 0, required: 1 })
    expect(refused.body.error).toMatch(/Not enough shoots/)
    const after = await payload.findByID({ collection: 'users', id: user.id })
    expect(after.shootCredits).toBe(0)
    expect(await ledgerSum(payload, user.id)).toBe(0)
    const held = await payload.count({
      collection: 'credit-ledger',
      where: { user: { equals: user.id }, kind: { equals: 'hold' } },
    })
    expect(held.totalDocs).toBe(5)
  })
})
