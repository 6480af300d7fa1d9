import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CLIENT_ADDRESS_HEADER } from '@/endpoints/guard'

import type { ReceivedMail } from '../../fakes/smtpServer'
import { type MailedApp, sendQueuedEmails, startMailedApp } from '../../support/app/mailedApp'
import { requestAt } from '../../support/clients/hostRequest'
import { verifyTokenIn } from '../../support/clients/signUp'

const FRONT_PORT = 4124
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
const hostA = `acc-a-${run}.test`
const hostB = `acc-b-${run}.test`
const nameA = `Aster Studio ${run}`
const nameB = `Birch Studio ${run}`
let clients = 0

/**
 * Customers belong to one studio (issue 24): "the same e-mail at two studios is two accounts with
 * two wallets". Through REST on two hostnames (the request guard included): a sign-up at B with an
 * address A has makes B's own account (own password, link, wallet); sign-in, forgot-password and
 * reset act on the Host's studio's account only; one address is still one account per studio,
 * under concurrent sign-ups too, held by the database's unique indexes. E-mails through SMTP.
 */
describe('the same e-mail at two studios is two accounts', { timeout: 300_000 }, () => {
  let payload: Payload
  let app: MailedApp | undefined
  const studio = { A: 0, B: 0 }

  /** A request at `host` from a client address of its own (the guard's per-client limits). */
  const at = (host: string, method: string, path: string, body?: unknown, token?: string) =>
    requestAt(app!.server.url, host, method, path, {
      body,
      token,
      headers: { [CLIENT_ADDRESS_HEADER]: `198.51.100.${++clients}` },
    })
  const signInAt = (host: string, email: string, password: string) =>
    at(host, 'POST', '/api/users/login', { email, password })
  const mailFrom = async (studioName: string, to: string, subject: RegExp): Promise<ReceivedMail> => {
    await sendQueuedEmails(payload)
    return app!.smtp.waitFor(
      (mail) => mail.to.includes(to) && subject.test(mail.subject) && mail.subject.includes(studioName),
    )
  }
  const accountsWith = async (email: string) =>
    (
      await payload.find({
        collection: 'users',
        where: { email: { equals: email } },
        sort: 'id',
        depth: 0,
        overrideAccess: true,
      })
    ).docs

  /** Signs `email` up at `host` and opens the link the studio mailed: a confirmed account. */
  const signUpAt = async (host: string, studioName: string, email: string, password: string) => {
    const created = await at(host, 'POST', '/api/users', { email, password })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const link = await mailFrom(studioName, email, /^Confirm your e-mail address/)
    expect(link.text).toContain(`http://${host}:${FRONT_PORT}/verify?token=`)
    const token = encodeURIComponent(verifyTokenIn(link)!)
    expect((await at(host, 'POST', `/api/users/verify/${token}`, {})).status).toBe(200)
    return link
  }

  beforeAll(async () => {
    app = await startMailedApp({
      EMAIL_FROM: 'hello@platform.test',
      SERVER_URL: '',
      PHOTO_PACKAGES_FRONT_PORT: String(FRONT_PORT),
      FREE_TRIAL_SHOOTS: '3',
    })
    payload = app.payload
    for (const [key, name, host, from] of [
      ['A', nameA, hostA, 'hello@aster.test'],
      ['B', nameB, hostB, 'hello@birch.test'],
    ] as const) {
      studio[key] = (
        await payload.create({
          collection: 'studios',
          data: {
            name,
            slug: `${key.toLowerCase()}-accounts-${run}`,
            domains: [{ hostname: host }],
            branding: { emailFrom: from },
          } as never,
        })
      ).id as number
    }
  })

  afterAll(async () => {
    for (const id of Object.values(studio))
      if (payload && id) await payload.update({ collection: 'studios', id, data: { status: 'suspended' } })
    await app?.close()
  })

  it('signs up, confirms and signs in a second account at B, with its own password and wallet', async () => {
    const email = `twice-${run}@example.com`
    await signUpAt(hostA, nameA, email, 'aster-pass-7391')
    const linkB = await signUpAt(hostB, nameB, email, 'birch-pass-2846')
    expect(linkB.from).toContain('hello@birch.test')

    const [accountA, accountB] = await accountsWith(email)
    expect([accountA.studio, accountB.studio]).toEqual([studio.A, studio.B])

    const signedInA = await signInAt(hostA, email, 'aster-pass-7391')
    const signedInB = await signInAt(hostB, email, 'birch-pass-2846')
    expect(signedInA.status).toBe(200)
    expect(signedInB.status).toBe(200)
    expect(signedInA.body.user.id).toBe(accountA.id)
    expect(signedInB.body.user.id).toBe(accountB.id)
    expect(String(signedInB.headers['set-cookie'])).toContain('payload-token=')

    // A's password on B's host: the very answer an address B has never seen gets.
    const crossed = await signInAt(hostB, email, 'aster-pass-7391')
    const unknown = await signInAt(hostB, `nobody-${run}@example.com`, 'aster-pass-7391')
    expect(crossed.status).toBe(401)
    expect(crossed.body).toEqual(unknown.body)

    // Two wallets: shoots granted to A's account leave B's as the trial made it.
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: accountA.id, amount: 5, reason: 'Studio A goodwill' },
    })
    const meA = await at(hostA, 'GET', '/api/users/me', undefined, signedInA.body.token)
    const meB = await at(hostB, 'GET', '/api/users/me', undefined, signedInB.body.token)
    expect(meA.body.user.shootCredits).toBe(8)
    expect(meB.body.user.shootCredits).toBe(3)
  })

  it('mails a reset link for the Host’s studio’s account only, and the reset changes that one', async () => {
    const email = `reset-${run}@example.com`
    await signUpAt(hostA, nameA, email, 'aster-pass-5512')
    await signUpAt(hostB, nameB, email, 'birch-pass-6623')
    const [, accountB] = await accountsWith(email)

    expect((await at(hostB, 'POST', '/api/users/forgot-password', { email })).status).toBe(200)
    const mail = await mailFrom(nameB, email, /Reset your password/)
    expect(mail.from).toContain('hello@birch.test')
    expect(mail.html).toContain(`http://${hostB}:${FRONT_PORT}/reset-password?token=`)
    const token = decodeURIComponent(/reset-password\?token=([^"&\s]+)/.exec(mail.html)![1])
    const stored = await payload.db.findOne<{ id: number; resetPasswordToken?: string }>({
      collection: 'users',
      where: { id: { equals: accountB.id } },
    })
    expect(stored?.resetPasswordToken).toBe(token)

    const reset = await at(hostB, 'POST', '/api/users/reset-password', {
      token,
      password: 'birch-fresh-9044',
    })
    expect(reset.status, JSON.stringify(reset.body)).toBe(200)
    expect((await signInAt(hostB, email, 'birch-fresh-9044')).status).toBe(200)
    expect((await signInAt(hostA, email, 'birch-fresh-9044')).status).toBe(401)
    expect((await signInAt(hostA, email, 'aster-pass-5512')).status).toBe(200)
    // A's account got no reset link.
    const resetsFromA = app!.smtp.messages.filter(
      (mail) => mail.to.includes(email) && mail.subject.includes(nameA) && /Reset/.test(mail.subject),
    )
    expect(resetsFromA).toHaveLength(0)
  })

  it('keeps one account per address in one studio, under concurrent sign-ups too', async () => {
    const email = `race-${run}@example.com`
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        at(hostB, 'POST', '/api/users', { email, password: `birch-race-${i}-5530` }),
      ),
    )
    // Anonymous sign-ups answer alike, new or taken (README: sign-up); only one account is made.
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(201))
    const accounts = await accountsWith(email)
    expect(accounts.map((account) => account.studio)).toEqual([studio.B])

    // Staff making a second account with it in the same studio: a 400 naming email.
    const admin = await signInAt(hostB, 'admin@photo-packages.local', 'admin-demo-pass')
    expect(admin.status).toBe(200)
    const twice = await at(
      hostB,
      'POST',
      '/api/users',
      { email, password: 'birch-staff-8812' },
      admin.body.token,
    )
    expect(twice.status).toBe(400)
    expect(JSON.stringify(twice.body)).toContain('"path":"email"')

    // The database holds it without our hook: (email, studio) and staff's address are unique indexes.
    const sameStudio = payload.db.create({
      collection: 'users',
      data: { email, studio: studio.B, role: 'customer', hash: 'x', salt: 'x' },
    })
    await expect(sameStudio).rejects.toThrow()
    const staffEmail = `staff-${run}@example.com`
    await payload.db.create({ collection: 'users', data: { email: staffEmail, role: 'editor' } })
    await expect(
      payload.db.create({ collection: 'users', data: { email: staffEmail, role: 'admin' } }),
    ).rejects.toThrow()
  })

  it('refuses a customer sign-up with a staff address at any studio', async () => {
    const staff = `editor-${run}@example.com`
    await payload.create({
      collection: 'users',
      data: { email: staff, password: 'editor-pass-6617', role: 'editor' },
    })
    expect(
      (await at(hostA, 'POST', '/api/users', { email: staff, password: 'aster-pass-1188' })).status,
    ).toBe(201)
    expect((await accountsWith(staff)).map((account) => account.role)).toEqual(['editor'])
    // The editor signs in on every host, a studio's site included.
    expect((await signInAt(hostA, staff, 'editor-pass-6617')).status).toBe(200)
    expect((await signInAt(hostB, staff, 'editor-pass-6617')).status).toBe(200)
  })
})
