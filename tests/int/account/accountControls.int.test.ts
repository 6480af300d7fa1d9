import type { Payload } from 'payload'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { newCustomer, uploadPhoto } from '../../support/fixtures/generation'
import { newCustomerWithShoot } from '../../support/fixtures/shoots'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'
import { shootableThemeId } from '../../support/fixtures/catalog'

/** /account's controls over REST on Postgres: delete all images, export, erase (with its confirmation). */
describe('a customer controls their own data', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let themeId: number

  const customerWithShoot = (label: string) =>
    newCustomerWithShoot(payload, server.url, themeId, label, 'by the sea')

  beforeAll(async () => {
    payload = await testPayload()
    server = await startRestServer()
    themeId = await shootableThemeId(server.url)
  })

  afterAll(async () => {
    await server?.close()
  })

  it('exports a ZIP with account.json (account, purchases, ledger, generations) and the photo and portraits', async () => {
    const { client, user, generation } = await customerWithShoot('export')
    await payload.create({
      collection: 'purchases',
      data: {
        owner: user.id,
        shoots: 10,
        amountCents: 1500,
        currency: 'usd',
        status: 'paid',
        stripeSessionId: `cs_export_${user.id}`,
      },
    })
    const response = await fetch(`${server.url}/api/account/export`, {
      headers: { authorization: `JWT ${client.token}` },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/zip')
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="photo-packages-my-data-/,
    )
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()))
    const names = Object.keys(files)
    const data = JSON.parse(new TextDecoder().decode(files['account.json']))
    expect(data.account).toMatchObject({ id: user.id, email: user.email })
    expect(data.purchases).toHaveLength(1)
    expect(data.purchases[0]).toMatchObject({ amountCents: 1500, shoots: 10 })
    expect(data.creditLedger.map((row: { kind: string }) => row.kind)).toEqual([
      'trial_grant',
      'hold',
      'charge',
    ])
    expect(data.generations).toHaveLength(1)
    expect(data.generations[0]).toMatchObject({ id: generation.id, customPrompt: 'by the sea' })
    expect(data.generations[0]).not.toHaveProperty('prompt')
    expect(names.filter((name) => name.startsWith('photos/'))).toHaveLength(1)
    const portraits = names.filter((name) => name.startsWith(`portraits/generation-${generation.id}/`))
    expect(portraits).toHaveLength(generation.imageCount)
    for (const name of [...portraits, ...names.filter((n) => n.startsWith('photos/'))])
      expect(files[name].length).toBeGreaterThan(1000)

    expect((await new ApiClient(server.url).get('/api/account/export')).status).toBe(401)
  })

  it('deletes all photos and portraits but keeps the account, balance and history', async () => {
    const { client, user, generation, uploadId } = await customerWithShoot('wipe')
    const extra = await uploadPhoto(client, await portraitJpeg(700, 900)) // never used
    expect(extra.status).toBe(201)
    const before = await payload.findByID({ collection: 'users', id: user.id })

    const response = await client.post('/api/account/delete-images')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ generations: 1, photos: 2 })
    expect(await payload.count({ collection: 'generations', where: { owner: { equals: user.id } } })).toEqual(
      { totalDocs: 0 },
    )
    expect(
      await payload.count({
        collection: 'generation-results',
        where: { generation: { equals: generation.id } },
      }),
    ).toEqual({ totalDocs: 0 })
    expect(
      await payload.count({
        collection: 'photo-uploads',
        where: { id: { in: [uploadId, extra.body.doc.id] } },
      }),
    ).toEqual({ totalDocs: 0 })
    const after = await payload.findByID({ collection: 'users', id: user.id })
    expect(after.shootCredits).toBe(before.shootCredits)
    expect((await client.get('/api/credit-ledger')).body.docs.length).toBe(3)
  })

  it('erases the account only when the e-mail or the password is typed; ledger rows stay, detached', async () => {
    const { client, user } = await customerWithShoot('erase')
    const wrong = await client.post('/api/account/erase', { confirm: 'not-my-password' })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatchObject({ field: 'confirm' })
    expect((await client.post('/api/account/erase', {})).status).toBe(400)
    expect(await payload.count({ collection: 'users', where: { id: { equals: user.id } } })).toEqual({
      totalDocs: 1,
    })

    const byPassword = await client.post('/api/account/erase', { confirm: 'customer-pass-1' })
    expect(byPassword.status).toBe(200)
    expect(byPassword.headers.get('set-cookie')).toMatch(/payload-token=;/)
    expect(await payload.count({ collection: 'users', where: { id: { equals: user.id } } })).toEqual({
      totalDocs: 0,
    })
    expect(await payload.count({ collection: 'generations', where: { owner: { equals: user.id } } })).toEqual(
      { totalDocs: 0 },
    )
    const ledger = await payload.find({
      collection: 'credit-ledger',
      where: { reference: { like: 'generation:' } },
      pagination: false,
      depth: 0,
    })
    expect(ledger.docs.some((row) => row.user === null)).toBe(true)
    expect((await client.get('/api/users/me')).body.user).toBeNull()

    const secondClient = new ApiClient(server.url)
    const second = await newCustomer(payload, secondClient, 'erase-by-email')
    const byEmail = await secondClient.post('/api/account/erase', {
      confirm: `  ${second.email.toUpperCase()} `,
    })
    expect(byEmail.status).toBe(200)
    expect(await payload.count({ collection: 'users', where: { id: { equals: second.id } } })).toEqual({
      totalDocs: 0,
    })
  })

  it('refuses erasure with 409 while a shoot is still being made, and changes nothing', async () => {
    const { client, user, generation } = await customerWithShoot('busy-erase')
    await payload.update({ collection: 'generations', id: generation.id, data: { status: 'running' } })
    const response = await client.post('/api/account/erase', { confirm: user.email })
    expect(response.status).toBe(409)
    expect(response.body.error).toMatch(/still being made/)
    expect(await payload.count({ collection: 'users', where: { id: { equals: user.id } } })).toEqual({
      totalDocs: 1,
    })
    await payload.update({ collection: 'generations', id: generation.id, data: { status: 'succeeded' } })
  })
})
