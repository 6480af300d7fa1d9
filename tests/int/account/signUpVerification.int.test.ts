import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applyRetention, UNCONFIRMED_ACCOUNT_DAYS } from '@/account/retention'
import { RESEND_ANSWER } from '@/account/verification'
import { CLIENT_ADDRESS_HEADER } from '@/endpoints/guard'

import type { FakeSmtp, ReceivedMail } from '../../fakes/smtpServer'
import { type MailedApp, sendQueuedEmails, startMailedApp } from '../../support/app/mailedApp'
import { ApiClient } from '../../support/clients/client'
import { verifyTokenIn } from '../../support/clients/signUp'
import { newCustomer } from '../../support/fixtures/generation'

const PASSWORD = 'sign-up-pass-77'
let clients = 0
/** A client address of its own, as server/front.mjs names each socket's. */
const asClient = () => ({ [CLIENT_ADDRESS_HEADER]: `198.51.100.${++clients}` })

/**
 * Issue 22 item 6: a sign-up followed by a sign-in does not tell which addresses are registered.
 * A self sign-up cannot sign in until the link mailed to its address is opened, and until then a
 * sign-in answers exactly as a wrong password does. The trial shoots come once, with the link.
 * REST through the request guard on Postgres; e-mails through a real SMTP server.
 */
describe('sign-up confirmed by a mailed link', { timeout: 180_000 }, () => {
  let payload: Payload
  let server: { url: string; close: () => Promise<void> }
  let smtp: FakeSmtp
  let app: MailedApp | undefined

  const anonymous = () => new ApiClient(server.url)
  const signUp = (email: string, password = PASSWORD) =>
    anonymous().post('/api/users', { email, password }, asClient())
  const login = (email: string, password = PASSWORD) =>
    anonymous().post('/api/users/login', { email, password }, asClient())
  const mailsTo = async (address: string): Promise<ReceivedMail[]> => {
    await sendQueuedEmails(payload)
    return smtp.messages.filter((mail) => mail.to.includes(address))
  }
  const linksTo = async (address: string) =>
    (await mailsTo(address)).filter((mail) => /^Confirm your e-mail address/.test(mail.subject))
  const userOf = async (email: string) =>
    (await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0 })).docs[0]
  const trialRows = async (userId: number) =>
    (
      await payload.count({
        collection: 'credit-ledger',
        where: { and: [{ user: { equals: userId } }, { kind: { equals: 'trial_grant' } }] },
      })
    ).totalDocs
  const verify = (token: string | null) =>
    anonymous().post(`/api/users/verify/${encodeURIComponent(token ?? 'none')}`, undefined, asClient())

  beforeAll(async () => {
    app = await startMailedApp()
    ;({ payload, server, smtp } = app)
  })

  afterAll(() => app?.close())

  it('answers a free and a taken address alike, at sign-up and at the sign-in after it; the link works once, then sign-in does; the trial comes once', async () => {
    const owner = await newCustomer(payload, anonymous(), 'owner')
    const free = `free-${Date.now()}@example.com`

    const [forFree, forTaken] = [await signUp(free), await signUp(owner.email)]
    expect(forFree.status).toBe(201)
    expect([forTaken.status, forTaken.body]).toEqual([forFree.status, forFree.body])
    const [inFree, inTaken] = [await login(free), await login(owner.email)]
    expect(inFree.status).toBe(401)
    expect([inTaken.status, inTaken.body]).toEqual([inFree.status, inFree.body])
    // The same answer as any wrong password, for an unknown address too.
    const wrong = await login(owner.email, 'not-the-password-1')
    const unknown = await login(`nobody-${Date.now()}@example.com`)
    expect([wrong.status, wrong.body]).toEqual([inFree.status, inFree.body])
    expect([unknown.status, unknown.body]).toEqual([inFree.status, inFree.body])

    const user = await userOf(free)
    expect(user.shootCredits).toBe(0)
    expect(await trialRows(user.id)).toBe(0)
    expect((await mailsTo(free)).map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Confirm your e-mail address to finish signing up/),
    ])
    const [link] = await linksTo(free)
    expect(link.text).toMatch(/\/verify\?token=/)
    expect(link.text).toContain('3 free trial shoots')
    expect(await linksTo(owner.email)).toEqual([])

    const token = verifyTokenIn(link)
    const confirmed = await verify(token)
    expect([confirmed.status, confirmed.body.email]).toEqual([200, free])
    const again = await verify(token)
    expect(again.status).toBe(400)
    expect(again.body).toMatchObject({ field: 'token', error: expect.stringMatching(/used already/) })

    const client = await anonymous().login(free, PASSWORD)
    expect((await client.get('/api/users/me')).body.user.shootCredits).toBe(3)
    expect(await trialRows(user.id)).toBe(1)
    const welcomes = (await mailsTo(free)).filter((mail) => /^Welcome/.test(mail.subject))
    expect(welcomes).toHaveLength(1)
    expect(welcomes[0].text).toContain('3 free trial shoots')
    // Ticking "verified" again in the admin grants nothing more.
    await payload.update({ collection: 'users', id: user.id, data: { _verified: true } })
    expect(await trialRows(user.id)).toBe(1)
  })

  it('a sign-in racing its own sign-up answers as a wrong password too, never Payload\'s "verify your e-mail"', async () => {
    const email = `race-${Date.now()}@example.com`
    const [created, ...signIns] = await Promise.all([
      signUp(email),
      ...Array.from({ length: 12 }, (_, i) =>
        new Promise((resolve) => setTimeout(resolve, i * 40)).then(() =>
          anonymous().post('/api/users/login', { email, password: PASSWORD }, asClient()),
        ),
      ),
    ])
    expect(created.status).toBe(201)
    const wrong = await login(email, 'not-the-password-1')
    for (const answer of signIns) expect([answer.status, answer.body]).toEqual([wrong.status, wrong.body])
  })

  it('an expired link says so; a new link (asked for alike for any address) works and replaces it', async () => {
    const email = `late-${Date.now()}@example.com`
    expect((await signUp(email)).status).toBe(201)
    const [first] = await linksTo(email)
    const user = await userOf(email)
    await payload.db.updateOne({
      collection: 'users',
      id: user.id,
      data: { verificationExpiresAt: new Date(Date.now() - 1000).toISOString() },
      returning: false,
    })
    const expired = await verify(verifyTokenIn(first))
    expect(expired.status).toBe(400)
    expect(expired.body).toMatchObject({ field: 'token', expired: true })
    expect(expired.body.error).toMatch(/expired .*48 hours/)

    const verified = await newCustomer(payload, anonymous(), 'verified')
    const answers = await Promise.all(
      [email, verified.email, `nobody-${Date.now()}@example.com`].map((address) =>
        anonymous().post('/api/users/resend-verification', { email: address }, asClient()),
      ),
    )
    for (const answer of answers) expect([answer.status, answer.body]).toEqual([200, RESEND_ANSWER])
    expect(await linksTo(verified.email)).toEqual([])
    const links = await linksTo(email)
    expect(links).toHaveLength(2)
    // The first link was replaced by the second.
    expect((await verify(verifyTokenIn(first))).body.error).toMatch(/used already or has been replaced/)
    const second = links.find((mail) => verifyTokenIn(mail) !== verifyTokenIn(first))!
    expect((await verify(verifyTokenIn(second))).status).toBe(200)
    await anonymous().login(email, PASSWORD)

    const malformed = await anonymous().post('/api/users/resend-verification', { email: 'x' }, asClient())
    expect([malformed.status, malformed.body.field]).toEqual([400, 'email'])
  })

  it("a second sign-up of an address still waiting gets a new link and sets its password, not a second account: the first sign-up's password no longer signs in (pre-hijack)", async () => {
    // Someone signs up first with the owner's address; the owner then signs up with their own password.
    const email = `twice-${Date.now()}@example.com`
    const hijacker = 'hijacker-pass-66'
    expect((await signUp(email, hijacker)).status).toBe(201)
    expect((await signUp(email, 'owners-pass-88')).status).toBe(201)
    // Within the hour a third sign-up changes nothing and mails nothing (answered alike).
    expect((await signUp(email, 'third-pass-99')).status).toBe(201)
    const links = await linksTo(email)
    expect(links).toHaveLength(2)
    expect((await mailsTo(email)).some((mail) => /tried to create/.test(mail.subject))).toBe(false)
    // Mails may arrive in either order: the newer link works, the one it replaced does not.
    const statuses = []
    for (const link of links) statuses.push((await verify(verifyTokenIn(link))).status)
    expect(statuses.sort()).toEqual([200, 400])
    for (const password of [hijacker, 'third-pass-99'])
      expect((await login(email, password)).status, password).toBe(401)
    await anonymous().login(email, 'owners-pass-88')
    expect(
      (await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs,
    ).toBe(1)
  })

  it('a password reset proves the address as the link does: the account is verified, with its trial once', async () => {
    const email = `reset-${Date.now()}@example.com`
    expect((await signUp(email)).status).toBe(201)
    const token = await payload.forgotPassword({ collection: 'users', data: { email }, disableEmail: true })
    const reset = await anonymous().post('/api/users/reset-password', {
      token,
      password: 'after-reset-pass-9',
    })
    expect(reset.status).toBe(200)
    const user = await userOf(email)
    expect([user._verified, user.shootCredits, await trialRows(user.id)]).toEqual([true, 3, 1])
    await anonymous().login(email, 'after-reset-pass-9')
    // The sign-up link, opened later, no longer works (the account is confirmed).
    const [link] = await linksTo(email)
    expect((await verify(verifyTokenIn(link))).status).toBe(400)
    expect(await trialRows(user.id)).toBe(1)
  })

  it('an account an admin creates signs in at once, with its trial shoots', async () => {
    const admin = await anonymous().login('admin@photo-packages.local', 'admin-demo-pass')
    const email = `by-staff-${Date.now()}@example.com`
    const created = await admin.post('/api/users', { email, password: 'staff-made-pass-1', role: 'customer' })
    expect(created.status).toBe(201)
    const client = await anonymous().login(email, 'staff-made-pass-1')
    expect((await client.get('/api/users/me')).body.user.shootCredits).toBe(3)
    expect(await linksTo(email)).toEqual([])
  })

  it('an unconfirmed account cannot set itself verified, and its failed sign-ins count as wrong passwords', async () => {
    const email = `self-${Date.now()}@example.com`
    const attempt = await anonymous().post(
      '/api/users',
      { email, password: PASSWORD, _verified: true },
      asClient(),
    )
    expect(attempt.status).toBe(400)
    expect(JSON.stringify(attempt.body)).toContain('_verified')
    expect(await userOf(email)).toBeUndefined()
    expect((await signUp(email)).status).toBe(201)
    expect((await userOf(email))._verified).toBe(false)
    // LOGIN_MAX_FAILURES (10 by default) right passwords to the unconfirmed account lock this client out as wrong ones would.
    const from = asClient()
    const answers = []
    for (let i = 0; i < 11; i++)
      answers.push((await anonymous().post('/api/users/login', { email, password: PASSWORD }, from)).status)
    expect(answers.slice(0, 10).every((status) => status === 401)).toBe(true)
    expect(answers[10]).toBe(429)
  })

  it('the daily retention job deletes an account whose link expired a week ago; its address can sign up again', async () => {
    const DAY_MS = 24 * 60 * 60 * 1000
    const stale = `stale-${Date.now()}@example.com`
    const recent = `recent-${Date.now()}@example.com`
    for (const email of [stale, recent]) expect((await signUp(email)).status).toBe(201)
    const expiredDaysAgo = async (email: string, days: number) =>
      payload.db.updateOne({
        collection: 'users',
        id: (await userOf(email)).id,
        data: { verificationExpiresAt: new Date(Date.now() - days * DAY_MS).toISOString() },
        returning: false,
      })
    await expiredDaysAgo(stale, UNCONFIRMED_ACCOUNT_DAYS + 1)
    await expiredDaysAgo(recent, UNCONFIRMED_ACCOUNT_DAYS - 1)
    // A confirmed customer made long ago is never touched.
    const confirmed = await newCustomer(payload, anonymous(), 'confirmed-old')
    await payload.db.updateOne({
      collection: 'users',
      id: confirmed.id,
      data: { createdAt: new Date(Date.now() - 400 * DAY_MS).toISOString() },
      returning: false,
    })

    const result = await applyRetention(payload)
    expect(result.unconfirmedAccountsDeleted).toBe(1)
    expect(await userOf(stale)).toBeUndefined()
    expect((await userOf(recent))?._verified).toBe(false)
    expect((await userOf(confirmed.email))?._verified).toBe(true)
    expect((await applyRetention(payload)).unconfirmedAccountsDeleted).toBe(0)

    // The freed address signs up afresh: a new account, a new link that works.
    expect((await signUp(stale, 'fresh-start-pass-5')).status).toBe(201)
    // The deleted account's own link (if its queued mail went at all) no longer works; the new one does.
    const statuses = []
    for (const link of await linksTo(stale)) statuses.push((await verify(verifyTokenIn(link))).status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    await anonymous().login(stale, 'fresh-start-pass-5')
  })
})
