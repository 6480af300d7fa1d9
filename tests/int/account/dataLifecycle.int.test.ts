import { existsSync } from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_BASE_PROMPT_TEMPLATE } from '@/prompt'

import { ApiClient } from '../../support/clients/client'
import { newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

/**
 * The delete rules, over REST on Postgres: each relationship cascades, keeps the row with
 * the name copied, or refuses with a 409 that says why. None of them answers a 500.
 */
describe('deleting customers, photos, themes and packages', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let admin: ApiClient
  let wedding: { id: number; themes: { id: number; name: string; isPremium: boolean }[] }

  const resultFile = (filename: string) => path.join(process.env.PRIVATE_MEDIA_DIR!, 'results', filename)
  const uploadFile = (filename: string) => path.join(process.env.PRIVATE_MEDIA_DIR!, 'uploads', filename)

  /** A customer with one finished shoot on `packageSlug`, made by the offline renderer. */
  const customerWithShoot = async (label: string, packageSlug = 'wedding-portraits', themeId?: number) => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, label)
    const upload = await uploadPhoto(client, await portraitJpeg())
    expect(upload.status).toBe(201)
    const accepted = await client.post('/api/generate', {
      packageSlug,
      themeId: themeId ?? wedding.themes.find((t) => !t.isPremium)!.id,
      uploadId: upload.body.doc.id,
      portraitType: 'single',
      generationSettings: { aspectRatio: '3:4', quality: 'standard' },
    })
    expect(accepted.status).toBe(202)
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('succeeded')
    return { client, user, uploadId: upload.body.doc.id as number, generationId: generation.id }
  }

  const portraitsOf = async (generationId: number) =>
    (
      await payload.find({
        collection: 'generation-results',
        where: { generation: { equals: generationId } },
        depth: 0,
      })
    ).docs

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    wedding = (await new ApiClient(server.url).get('/api/packages/wedding-portraits')).body.package
  })

  afterAll(async () => {
    await server?.close()
  })

  it('a customer deletes a photo a generation used: the portraits stay, the photo and its file go', async () => {
    const { client, uploadId, generationId } = await customerWithShoot('photo')
    const upload = await payload.findByID({ collection: 'photo-uploads', id: uploadId })
    expect(existsSync(uploadFile(upload.filename!))).toBe(true)

    const deleted = await client.delete(`/api/photo-uploads/${uploadId}`)
    expect(deleted.status).toBe(200)
    expect(existsSync(uploadFile(upload.filename!))).toBe(false)
    const generation = await payload.findByID({ collection: 'generations', id: generationId, depth: 0 })
    expect(generation.upload).toBeNull()
    expect((await portraitsOf(generationId)).length).toBeGreaterThan(0)
  })

  it('refuses with 409 to delete a photo, theme or package while a shoot using it is still running', async () => {
    const { client, uploadId, generationId } = await customerWithShoot('busy')
    const generation = await payload.findByID({ collection: 'generations', id: generationId, depth: 0 })
    await payload.update({ collection: 'generations', id: generationId, data: { status: 'running' } })
    try {
      const photo = await client.delete(`/api/photo-uploads/${uploadId}`)
      expect(photo.status).toBe(409)
      expect(photo.body.errors[0].message).toMatch(/shoot in progress/)
      const theme = await admin.delete(`/api/package-themes/${generation.theme}`)
      expect(theme.status).toBe(409)
      expect(theme.body.errors[0].message).toMatch(/in progress/)
      const shoot = await client.delete(`/api/generations/${generationId}`)
      expect(shoot.status).toBe(409)
      expect(shoot.body.errors[0].message).toMatch(/still being made/)
      expect(
        await payload.count({ collection: 'photo-uploads', where: { id: { equals: uploadId } } }),
      ).toEqual({ totalDocs: 1 })
    } finally {
      await payload.update({ collection: 'generations', id: generationId, data: { status: 'succeeded' } })
    }
  })

  it('a customer deletes one generation: its portraits and their files go, the analytics row stays', async () => {
    const { client, generationId } = await customerWithShoot('shoot')
    const portraits = await portraitsOf(generationId)
    expect(portraits.length).toBeGreaterThan(0)
    const other = new ApiClient(server.url)
    await newCustomer(payload, other, 'stranger')
    // Someone else's shoot and a shoot that never was answer alike, as their reads do: 404.
    for (const id of [generationId, 999_999_999]) {
      expect((await other.get(`/api/generations/${id}`)).status).toBe(404)
      expect((await other.delete(`/api/generations/${id}`)).status).toBe(404)
    }

    const deleted = await client.delete(`/api/generations/${generationId}`)
    expect(deleted.status).toBe(200)
    expect(await portraitsOf(generationId)).toEqual([])
    for (const portrait of portraits) expect(existsSync(resultFile(portrait.filename!))).toBe(false)
    const analytics = await payload.find({
      collection: 'package-analytics',
      where: { generation: { exists: false } },
      depth: 0,
    })
    expect(analytics.docs.length).toBeGreaterThan(0)
  })

  it('an admin deletes a theme and a package that have generations: the generations keep the names', async () => {
    const pkg = await payload.create({
      collection: 'photo-packages',
      data: {
        name: 'Short-lived Package',
        slug: `short-lived-${Date.now()}`,
        category: 'professional',
        isActive: true,
        imagesPerGeneration: 1,
        basePromptTemplate: DEFAULT_BASE_PROMPT_TEMPLATE,
      },
    })
    const theme = await payload.create({
      collection: 'package-themes',
      data: { package: pkg.id, name: 'Studio Grey', settingPrompt: 'a grey studio backdrop', isActive: true },
    })
    await payload.create({
      collection: 'package-pricing-tiers',
      data: {
        package: pkg.id,
        name: 'Starter',
        shootsCount: 5,
        priceCents: 900,
        isActive: true,
        isDefault: true,
      },
    })
    const { client, generationId } = await customerWithShoot('catalog', pkg.slug!, theme.id)

    expect((await admin.delete(`/api/package-themes/${theme.id}`)).status).toBe(200)
    expect((await admin.delete(`/api/photo-packages/${pkg.id}`)).status).toBe(200)
    const seen = await client.get(`/api/generations/${generationId}`)
    expect(seen.status).toBe(200)
    const generation = await payload.findByID({ collection: 'generations', id: generationId, depth: 0 })
    expect(generation).toMatchObject({
      package: null,
      theme: null,
      packageName: 'Short-lived Package',
      themeName: 'Studio Grey',
    })
    expect((await portraitsOf(generationId)).length).toBeGreaterThan(0)
  })

  it('an admin deletes a customer: photos, portraits and the account go; ledger and purchases stay, detached', async () => {
    const { user, uploadId, generationId } = await customerWithShoot('erased')
    const portraits = await portraitsOf(generationId)
    const upload = await payload.findByID({ collection: 'photo-uploads', id: uploadId })
    const purchase = await payload.create({
      collection: 'purchases',
      data: {
        owner: user.id,
        shoots: 10,
        amountCents: 1500,
        currency: 'usd',
        status: 'paid',
        stripeSessionId: `cs_erase_${user.id}`,
      },
    })
    const ledgerIds = (
      await payload.find({ collection: 'credit-ledger', where: { user: { equals: user.id } }, depth: 0 })
    ).docs.map((row) => row.id)
    expect(ledgerIds.length).toBeGreaterThanOrEqual(3) // trial grant, hold, charge

    const deleted = await admin.delete(`/api/users/${user.id}`)
    expect(deleted.status).toBe(200)

    expect(await payload.count({ collection: 'users', where: { email: { equals: user.email } } })).toEqual({
      totalDocs: 0,
    })
    expect(
      await payload.count({ collection: 'generations', where: { id: { equals: generationId } } }),
    ).toEqual({ totalDocs: 0 })
    expect(await payload.count({ collection: 'photo-uploads', where: { id: { equals: uploadId } } })).toEqual(
      { totalDocs: 0 },
    )
    expect(existsSync(uploadFile(upload.filename!))).toBe(false)
    for (const portrait of portraits) expect(existsSync(resultFile(portrait.filename!))).toBe(false)
    const ledger = await payload.find({
      collection: 'credit-ledger',
      where: { id: { in: ledgerIds } },
      depth: 0,
    })
    expect(ledger.docs).toHaveLength(ledgerIds.length)
    expect(ledger.docs.every((row) => row.user === null)).toBe(true)
    const kept = await payload.findByID({ collection: 'purchases', id: purchase.id, depth: 0 })
    expect(kept).toMatchObject({ owner: null, amountCents: 1500, status: 'paid' })
  })
})
