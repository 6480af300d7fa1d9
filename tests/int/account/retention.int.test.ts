import { existsSync } from 'node:fs'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applyRetention } from '@/account/retention'

import type { FakeSmtp } from '../../fakes/smtpServer'
import { type MailedApp, sendQueuedEmails, startMailedApp } from '../../support/app/mailedApp'
import { ApiClient } from '../../support/clients/client'
import { newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { shootableThemeId } from '../../support/fixtures/catalog'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The retention job on Postgres, with rows aged by rewriting their createdAt: photos go 30 days
 * after their last use (never-used uploads included), shoots with their portraits 365 days after
 * they were made, and a reminder e-mail arrives (over real SMTP) once, a week before.
 */
describe('retention of photos and portraits', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: { url: string; close: () => Promise<void> }
  let smtp: FakeSmtp
  let app: MailedApp | undefined
  let client: ApiClient
  let user: { id: number; email: string }
  let themeId: number

  const age = async (table: 'photo_uploads' | 'generations', id: number, days: number) => {
    const when = new Date(Date.now() - days * DAY_MS).toISOString()
    const db = (payload.db as unknown as { drizzle: { execute: (query: unknown) => Promise<unknown> } })
      .drizzle
    await db.execute(sql`UPDATE ${sql.identifier(table)} SET created_at = ${when} WHERE id = ${id}`)
  }
  const photo = async (): Promise<{ id: number; filename: string }> => {
    const upload = await uploadPhoto(client, await portraitJpeg())
    expect(upload.status).toBe(201)
    return upload.body.doc
  }
  const shoot = async (uploadId: number): Promise<number> => {
    const accepted = await client.post('/api/generate', {
      packageSlug: 'wedding-portraits',
      themeId,
      uploadIds: [uploadId],
      portraitType: 'single',
      generationSettings: { aspectRatio: '3:4', quality: 'standard' },
    })
    expect(accepted.status).toBe(202)
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('succeeded')
    return generation.id
  }
  const exists = async (collection: 'photo-uploads' | 'generations', id: number) =>
    (await payload.count({ collection, where: { id: { equals: id } } })).totalDocs === 1
  const resultFile = (filename: string) => path.join(process.env.PRIVATE_MEDIA_DIR!, 'results', filename)

  beforeAll(async () => {
    app = await startMailedApp({ STUDIO_NAME: 'Lumen Portrait Studio' })
    ;({ payload, server, smtp } = app)
    client = new ApiClient(server.url)
    user = await newCustomer(payload, client, 'retention')
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, amount: 10, reason: 'Retention test shoots' },
    })
    themeId = await shootableThemeId(client.baseUrl)
  })

  afterAll(() => app?.close())

  it('deletes photos 30 days after their last use, unused uploads included, and keeps the ones still used', async () => {
    const neverUsed = await photo()
    const usedLongAgo = await photo()
    const usedRecently = await photo()
    const fresh = await photo()
    const oldShoot = await shoot(usedLongAgo.id)
    const recentShoot = await shoot(usedRecently.id)
    for (const id of [neverUsed.id, usedLongAgo.id, usedRecently.id]) await age('photo_uploads', id, 40)
    await age('generations', oldShoot, 35)
    await age('generations', recentShoot, 10)

    const result = await applyRetention(payload)

    expect(result.photosDeleted).toBeGreaterThanOrEqual(2)
    expect(await exists('photo-uploads', neverUsed.id)).toBe(false)
    expect(await exists('photo-uploads', usedLongAgo.id)).toBe(false)
    expect(existsSync(path.join(process.env.PRIVATE_MEDIA_DIR!, 'uploads', usedLongAgo.filename))).toBe(false)
    expect(await exists('photo-uploads', usedRecently.id)).toBe(true)
    expect(await exists('photo-uploads', fresh.id)).toBe(true)
    // The shoot that used the deleted photo keeps its portraits.
    const kept = await payload.findByID({ collection: 'generations', id: oldShoot, depth: 0 })
    expect(kept.upload ?? null).toBeNull()
    expect(
      (await payload.count({ collection: 'generation-results', where: { generation: { equals: oldShoot } } }))
        .totalDocs,
    ).toBeGreaterThan(0)
  })

  it('e-mails one reminder a week before portraits go, once, then deletes them after 365 days', async () => {
    const soon = await shoot((await photo()).id)
    const expired = await shoot((await photo()).id)
    await age('generations', soon, 360)
    await age('generations', expired, 366)
    const expiredFiles = (
      await payload.find({
        collection: 'generation-results',
        where: { generation: { equals: expired } },
        depth: 0,
      })
    ).docs.map((doc) => doc.filename as string)
    expect(expiredFiles.length).toBeGreaterThan(0)

    const first = await applyRetention(payload)
    expect(first.generationsDeleted).toBeGreaterThanOrEqual(1)
    expect(first.remindersQueued).toBeGreaterThanOrEqual(1)
    expect(await exists('generations', expired)).toBe(false)
    expect(
      (await payload.count({ collection: 'generation-results', where: { generation: { equals: expired } } }))
        .totalDocs,
    ).toBe(0)
    for (const filename of expiredFiles) expect(existsSync(resultFile(filename))).toBe(false)
    expect(await exists('generations', soon)).toBe(true)

    await sendQueuedEmails(payload)
    const mail = await smtp.waitFor((m) => m.to.includes(user.email) && /deleted in a week/.test(m.subject))
    const deleteOn = new Date(Date.now() + 5 * DAY_MS).toISOString().slice(0, 10)
    expect(mail.text).toContain(`will be deleted on ${deleteOn}`)
    expect(mail.text).toContain('/account')

    // A second run the same day sends nothing new to this customer.
    await applyRetention(payload)
    await sendQueuedEmails(payload)
    expect(
      smtp.messages.filter((m) => m.to.includes(user.email) && /deleted in a week/.test(m.subject)),
    ).toHaveLength(1)
  })

  it('never touches a shoot that is still running, however old', async () => {
    const running = await shoot((await photo()).id)
    await payload.update({
      collection: 'generations',
      id: running,
      data: { status: 'running' },
      overrideAccess: true,
    })
    await age('generations', running, 400)
    await applyRetention(payload)
    expect(await exists('generations', running)).toBe(true)
    await payload.update({
      collection: 'generations',
      id: running,
      data: { status: 'succeeded' },
      overrideAccess: true,
    })
  })
})
