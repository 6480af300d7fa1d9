import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import type { FakeGemini } from '../../fakes/geminiServer'
import { startGeminiForApp } from '../../support/app/fakesForApp'
import {
  ledgerSum,
  newCustomer,
  uploadPhoto,
  waitForGeneration,
  generationReference,
} from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

interface PublicPackage {
  id: number
  themes: Array<{ id: number; isPremium: boolean }>
}

/**
 * Shoots belong to the package they were bought for: a customer with Wedding, Engagement and "any
 * package" shoots, through the real REST path. The API shows each wallet; a generation spends its
 * package's shoots first, then "any package", never another package's; a refund goes back to the
 * wallets the hold came from.
 */
describe('per-package wallets', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let gemini: FakeGemini
  let stopGemini: (() => Promise<void>) | undefined
  let customer: ApiClient
  let customerId: number
  let uploadId: number
  let wedding: PublicPackage
  let engagement: PublicPackage

  const standard = (pkg: PublicPackage) => pkg.themes.find((theme) => !theme.isPremium)!.id
  const generate = (pkg: PublicPackage, slug: string, quality: 'standard' | 'high' = 'standard') =>
    customer.post('/api/generate', {
      packageSlug: slug,
      themeId: standard(pkg),
      uploadId,
      portraitType: 'single',
      generationSettings: { aspectRatio: '1:1', quality },
    })
  const wallets = async () =>
    (
      (await customer.get('/api/users/me')).body.user.wallets as Array<{
        packageId: number | null
        shoots: number
      }>
    ).map(({ packageId, shoots }) => [packageId, shoots])
  const holdsOf = async (generationId: number) =>
    (
      await payload.find({
        collection: 'credit-ledger',
        where: { reference: { equals: await generationReference(payload, generationId) } },
        sort: 'id',
        depth: 0,
      })
    ).docs.map((row) => [row.kind, row.wallet ?? null, row.amount])

  beforeAll(async () => {
    ;({ gemini, stop: stopGemini } = await startGeminiForApp())
    payload = await testPayload()
    server = await startRestServer()
    const anonymous = new ApiClient(server.url)
    wedding = (await anonymous.get('/api/packages/wedding-portraits')).body.package
    engagement = (await anonymous.get('/api/packages/engagement')).body.package
    customer = new ApiClient(server.url)
    customerId = (await newCustomer(payload, customer, 'wallets')).id // 3 trial shoots, for any package
    for (const [wallet, amount] of [
      [wedding.id, 2],
      [engagement.id, 1],
    ]) {
      await payload.create({
        collection: 'credit-adjustments',
        data: { user: customerId, wallet, amount, reason: 'Wallet test shoots' },
      })
    }
    const upload = await uploadPhoto(customer, await portraitJpeg())
    expect(upload.status).toBe(201)
    uploadId = upload.body.doc.id
  })

  afterAll(async () => {
    await server?.close()
    await stopGemini?.()
  })

  it('shows each wallet to the customer and admins, package wallets first, and to no one else', async () => {
    const me = (await customer.get('/api/users/me')).body.user
    expect(me.shootCredits).toBe(6)
    expect(me.wallets).toEqual([
      { packageId: engagement.id, packageName: 'Engagement', packageSlug: 'engagement', shoots: 1 },
      {
        packageId: wedding.id,
        packageName: 'Wedding Portraits',
        packageSlug: 'wedding-portraits',
        shoots: 2,
      },
      { packageId: null, packageName: null, packageSlug: null, shoots: 3 },
    ])
    const admin = await new ApiClient(server.url).login('admin@photo-packages.local', 'admin-demo-pass')
    const seen = (await admin.get(`/api/users/${customerId}`)).body
    expect(seen.shootBalances).toBe(
      '1 Engagement shoot, 2 Wedding Portraits shoots and 3 shoots for any package',
    )
    const editor = await new ApiClient(server.url).login('editor@photo-packages.local', 'editor-demo-pass')
    const editorView = await editor.get(`/api/users/${customerId}`)
    expect(editorView.body.wallets ?? null).toBeNull()
  })

  it("spends the package's shoots first, then shoots for any package, never another package's", async () => {
    gemini.setDefault({ kind: 'image' })
    const first = await generate(wedding, 'wedding-portraits')
    expect(first.status).toBe(202)
    expect(first.body).toMatchObject({ shootCost: 1, balance: 4, wallets: { package: 1, any: 3 } })
    await waitForGeneration(payload, first.body.generationId)
    expect(await holdsOf(first.body.generationId)).toEqual([
      ['hold', wedding.id, -1],
      ['charge', wedding.id, 0],
    ])

    // High quality costs 2: the last Wedding shoot, then one for any package.
    const second = await generate(wedding, 'wedding-portraits', 'high')
    expect(second.status).toBe(202)
    expect(second.body).toMatchObject({ shootCost: 2, balance: 2, wallets: { package: 0, any: 2 } })
    await waitForGeneration(payload, second.body.generationId)
    expect((await holdsOf(second.body.generationId)).filter(([kind]) => kind === 'hold')).toEqual([
      ['hold', wedding.id, -1],
      ['hold', null, -1],
    ])
    expect(await wallets()).toEqual([
      [engagement.id, 1],
      [null, 2],
    ])

    const third = await generate(wedding, 'wedding-portraits')
    expect(third.body.wallets).toEqual({ package: 0, any: 1 })
    await waitForGeneration(payload, third.body.generationId)

    // 2 shoots in all (1 Engagement, 1 any), but only 1 of them works on Wedding.
    const refused = await generate(wedding, 'wedding-portraits', 'high')
    expect(refused.status).toBe(402)
    expect(refused.body.error).toBe(
      'Not enough shoots: this needs 2 and you have 1 for Wedding Portraits (its own shoots and shoots for any package).',
    )
    expect((await payload.findByID({ collection: 'users', id: customerId })).shootCredits).toBe(2)
  })

  it('refunds a failed generation to the wallets its hold came from', async () => {
    gemini.setDefault({ kind: 'finishBlocked', reason: 'IMAGE_SAFETY' })
    const before = await wallets()
    const accepted = await generate(engagement, 'engagement', 'high')
    expect(accepted.status).toBe(202)
    expect(accepted.body.wallets).toEqual({ package: 0, any: 0 })
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('blocked')
    expect(await holdsOf(accepted.body.generationId)).toEqual([
      ['hold', engagement.id, -1],
      ['hold', null, -1],
      ['refund', engagement.id, 1],
      ['refund', null, 1],
    ])
    expect(await wallets()).toEqual(before)
    expect(await ledgerSum(payload, customerId)).toBe(2)
    gemini.setDefault({ kind: 'image' })
  })
})
