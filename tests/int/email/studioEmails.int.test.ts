import http from 'node:http'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CLIENT_ADDRESS_HEADER } from '@/endpoints/guard'

import type { FakeSmtp } from '../../fakes/smtpServer'
import { type MailedApp, sendQueuedEmails, startMailedApp } from '../../support/app/mailedApp'
import { verifyTokenIn } from '../../support/clients/signUp'

const PLATFORM = 'Photo Packages Platform'
const FRONT_PORT = 4123
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
const hostB = `mail-b-${run}.test`
let clients = 0

/**
 * E-mails carry the customer's studio (issue 24): a customer belongs to the studio whose site they
 * signed up on, and its e-mails name that studio, come from its sender and link to its own site,
 * whatever Host a later request arrives with. The default studio's customers get the platform's
 * name, sender and SERVER_URL, as before studios. REST through the guard; e-mails through SMTP.
 */
describe('a customer’s e-mails come from their studio', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: { url: string; close: () => Promise<void> }
  let smtp: FakeSmtp
  let app: MailedApp | undefined
  let studioB = 0

  /** A POST with its own Host (fetch ignores one), from a client address of its own. */
  const postAt = (host: string, path: string, body: unknown) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const json = JSON.stringify(body)
      const request = http.request(
        `${server.url}${path}`,
        {
          method: 'POST',
          headers: {
            host,
            'content-type': 'application/json',
            [CLIENT_ADDRESS_HEADER]: `203.0.113.${++clients}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null })
          })
        },
      )
      request.on('error', reject)
      request.end(json)
    })

  const mailTo = async (to: string, subject: RegExp) => {
    await sendQueuedEmails(payload)
    return smtp.waitFor((mail) => mail.to.includes(to) && subject.test(mail.subject))
  }
  const userOf = async (email: string) =>
    (await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0 })).docs[0]

  beforeAll(async () => {
    // As under `npm run dev` with PORT=4123: no SERVER_URL, and the front hands its child the port
    // it serves on (next dev's own PORT is a loopback port of its own).
    app = await startMailedApp({
      STUDIO_NAME: PLATFORM,
      EMAIL_FROM: 'hello@platform.test',
      SERVER_URL: '',
      PHOTO_PACKAGES_FRONT_PORT: String(FRONT_PORT),
    })
    ;({ payload, server, smtp } = app)
    studioB = (
      await payload.create({
        collection: 'studios',
        data: {
          name: `Harbor Mail ${run}`,
          slug: `harbor-mail-${run}`,
          domains: [{ hostname: hostB }],
          branding: { emailFrom: 'hello@harbor.test', emailFromName: 'Harbor Light' },
        } as never,
      })
    ).id as number
  })

  afterAll(async () => {
    if (payload && studioB)
      await payload.update({ collection: 'studios', id: studioB, data: { status: 'suspended' } })
    await app?.close()
  })

  it('signs a customer up into the studio of the site, and mails from it with links to that site', async () => {
    const email = `studio-mail-${run}@example.com`
    // The field takes no client value (a 400 naming it, as every server-owned field): the site decides.
    const chosen = await postAt(hostB, '/api/users', { email, password: 'harbor-pass-77', studio: 1 })
    expect(chosen.status).toBe(400)
    expect(JSON.stringify(chosen.body)).toContain('"path":"studio"')
    const signUp = await postAt(hostB, '/api/users', { email, password: 'harbor-pass-77' })
    expect(signUp.status, JSON.stringify(signUp.body)).toBe(201)
    expect((await userOf(email)).studio).toBe(studioB)

    const link = await mailTo(email, /^Confirm your e-mail address/)
    expect(link.subject).toBe(`Confirm your e-mail address to finish signing up · Harbor Mail ${run}`)
    expect(link.from).toContain('hello@harbor.test')
    expect(link.from).toContain('Harbor Light')
    expect(link.text).toContain(`http://${hostB}:${FRONT_PORT}/verify?token=`)
    expect(link.text).not.toContain('localhost')

    // Confirmed through another host: the welcome still comes from the customer's studio.
    const verified = await postAt(
      '127.0.0.1',
      `/api/users/verify/${encodeURIComponent(verifyTokenIn(link)!)}`,
      {},
    )
    expect(verified.status).toBe(200)
    const welcome = await mailTo(email, /^Welcome/)
    expect(welcome.subject).toBe(`Welcome to Harbor Mail ${run}`)
    expect(welcome.from).toContain('hello@harbor.test')

    // A password reset, asked for on the studio's site (an address names one account per studio),
    // names the studio, comes from its sender and sends the customer to its own site.
    expect((await postAt(hostB, '/api/users/forgot-password', { email })).status).toBe(200)
    const reset = await mailTo(email, /Reset your password/)
    expect(reset.subject).toContain(`Harbor Mail ${run}`)
    expect(reset.from).toContain('hello@harbor.test')
    expect(reset.html).toContain(`http://${hostB}:${FRONT_PORT}/reset-password?token=`)
  })

  it('keeps the platform’s name, sender and address for the default studio’s customers', async () => {
    const email = `platform-mail-${run}@example.com`
    expect(
      (await postAt(`nobody-${run}.test`, '/api/users', { email, password: 'platform-pass-77' })).status,
    ).toBe(201)
    const user = await userOf(email)
    const defaultStudio = (
      await payload.find({ collection: 'studios', sort: 'id', limit: 1, depth: 0, overrideAccess: true })
    ).docs[0]
    expect(user.studio).toBe(defaultStudio.id)
    const link = await mailTo(email, /^Confirm your e-mail address/)
    expect(link.subject).toBe(`Confirm your e-mail address to finish signing up · ${PLATFORM}`)
    expect(link.from).toContain('hello@platform.test')
    expect(link.text).not.toContain(hostB)
    expect(link.text).toContain(`http://localhost:${FRONT_PORT}/verify?token=`)
  })
})
