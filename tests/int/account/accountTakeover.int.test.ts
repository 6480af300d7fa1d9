import { pbkdf2Sync, randomBytes } from 'node:crypto'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CLIENT_ADDRESS_HEADER } from '@/endpoints/guard'
import { metrics } from '@/lib/metrics'

import type { FakeSmtp } from '../../fakes/smtpServer'
import { type MailedApp, sendQueuedEmails, startMailedApp } from '../../support/app/mailedApp'
import { ApiClient } from '../../support/clients/client'
import { newCustomer } from '../../support/fixtures/generation'

const PASSWORD = 'customer-pass-1'
let clients = 0
/** A client address of its own, as server/front.mjs names each socket's. */
const asClient = () => ({ [CLIENT_ADDRESS_HEADER]: `203.0.113.${++clients}` })

/** How many password checks of `outcome` this process has counted so far. */
const checks = async (outcome: string): Promise<number> =>
  (await metrics().passwordChecks.get()).values.find((value) => value.labels.outcome === outcome)?.value ?? 0

/**
 * Issue 22, accounts: a stolen token cannot take an account over (the current password is needed
 * to change the e-mail address or the password, and a change ends the other sessions); nobody can
 * lock an account's owner out; sign-in and sign-up do not tell which addresses are registered.
 * REST through the request guard against Postgres; e-mails through a real SMTP server.
 */
describe('account takeover, lockouts and registered addresses', { timeout: 180_000 }, () => {
  let payload: Payload
  let server: { url: string; close: () => Promise<void> }
  let smtp: FakeSmtp
  let app: MailedApp | undefined

  const signIn = async (email: string, password = PASSWORD) =>
    new ApiClient(server.url).login(email, password)
  const me = async (client: ApiClient) => (await client.get('/api/users/me')).body?.user?.id ?? null
  const patch = (client: ApiClient, id: number, body: Record<string, unknown>) =>
    client.request('PATCH', `/api/users/${id}`, body)
  const login = (email: string, password: string, headers: Record<string, string>) =>
    new ApiClient(server.url).post('/api/users/login', { email, password }, headers)

  beforeAll(async () => {
    app = await startMailedApp()
    ;({ payload, server, smtp } = app)
  })

  afterAll(() => app?.close())

  /** Sends the queued e-mails and opens the confirmation link mailed to `email` (POST with its token). */
  const openConfirmationLink = async (client: ApiClient, email: string) => {
    await sendQueuedEmails(payload)
    const mail = await smtp.waitFor((m) => m.to.includes(email) && /Confirm your new e-mail/.test(m.subject))
    const link = /https?:\/\/\S+\/confirm-email\?token=\S+/.exec(mail.text)?.[0] ?? ''
    return client.post('/api/account/confirm-email', { token: new URL(link).searchParams.get('token') })
  }

  describe('changing the password or the e-mail address needs the current password', () => {
    it('REST PATCH with a token alone is a 400 naming currentPassword, and changes nothing', async () => {
      const thief = new ApiClient(server.url)
      const user = await newCustomer(payload, thief, 'stolen-token')
      for (const change of [
        { password: 'thief-chosen-pass-9' },
        { email: `thief-${Date.now()}@example.com` },
      ]) {
        const response = await patch(thief, user.id, change)
        expect(response.status).toBe(400)
        expect(response.body.errors[0].data.errors[0].path).toBe('currentPassword')
        expect(response.body.errors[0].data.errors[0].message).toMatch(/current password/)
        const wrong = await patch(thief, user.id, { ...change, currentPassword: 'a-guess-1' })
        expect(wrong.status).toBe(400)
        expect(wrong.body.errors[0].data.errors[0].message).toBe('That is not your current password.')
      }
      const stored = await payload.findByID({ collection: 'users', id: user.id })
      expect(stored.email).toBe(user.email)
      await signIn(user.email)
      // The name changes freely; the admin form always sends the (unchanged) address along.
      const name = await patch(thief, user.id, { name: 'Still Me', email: user.email.toUpperCase() })
      expect(name.status).toBe(200)
      expect(name.body.doc.name).toBe('Still Me')
      expect(name.body.doc.currentPassword).toBeUndefined()
    })

    it('a new password with the current one ends every other session and keeps this one', async () => {
      const here = new ApiClient(server.url)
      const user = await newCustomer(payload, here, 'new-password')
      const elsewhere = await signIn(user.email)
      expect(await me(elsewhere)).toBe(user.id)
      const changed = await patch(here, user.id, {
        password: 'violet-harbour-lantern',
        currentPassword: PASSWORD,
      })
      expect(changed.status).toBe(200)
      expect(await me(here)).toBe(user.id)
      expect(await me(elsewhere)).toBeNull()
      await signIn(user.email, 'violet-harbour-lantern')
    })

    it('a new e-mail address with the current password waits for its link; opening it ends every other session', async () => {
      const here = new ApiClient(server.url)
      const user = await newCustomer(payload, here, 'new-email')
      const elsewhere = await signIn(user.email)
      const email = `moved-${Date.now()}@example.com`
      const changed = await patch(here, user.id, { email, currentPassword: PASSWORD })
      expect(changed.status).toBe(200)
      expect(changed.body.doc.email).toBe(user.email)
      expect((await openConfirmationLink(here, email)).status).toBe(200)
      expect((await payload.findByID({ collection: 'users', id: user.id })).email).toBe(email)
      expect(await me(here)).toBe(user.id)
      expect(await me(elsewhere)).toBeNull()
    })

    it('the local API on a user`s behalf needs it too; server code (overrideAccess) does not', async () => {
      const user = await newCustomer(payload, new ApiClient(server.url), 'local-api')
      const asUser = (data: Record<string, unknown>) =>
        payload.update({ collection: 'users', id: user.id, data, user, overrideAccess: false })
      await expect(asUser({ password: 'copper-meadow-signal' })).rejects.toMatchObject({
        status: 400,
        data: { errors: [{ path: 'currentPassword' }] },
      })
      await asUser({ password: 'copper-meadow-signal', currentPassword: PASSWORD })
      await signIn(user.email, 'copper-meadow-signal')
      await payload.update({ collection: 'users', id: user.id, data: { password: PASSWORD } })
      await signIn(user.email)
    })

    it('staff changing another account give their own password, and that account is signed out everywhere', async () => {
      const customer = new ApiClient(server.url)
      const user = await newCustomer(payload, customer, 'staff-change')
      const adminEmail = `admin-${Date.now()}@example.com`
      await payload.create({
        collection: 'users',
        data: { email: adminEmail, password: 'admin-pass-long-1', role: 'admin' },
      })
      const admin = await signIn(adminEmail, 'admin-pass-long-1')
      const email = `staff-moved-${Date.now()}@example.com`
      expect((await patch(admin, user.id, { email })).body.errors[0].data.errors[0].path).toBe(
        'currentPassword',
      )
      // The customer's password is no use to the admin: it is the admin's own that is asked for.
      expect((await patch(admin, user.id, { email, currentPassword: PASSWORD })).status).toBe(400)
      const changed = await patch(admin, user.id, { email, currentPassword: 'admin-pass-long-1' })
      expect(changed.status).toBe(200)
      // Moved once the new address's holder opens the link (here in a browser signed in as nobody).
      expect(await me(customer)).toBe(user.id)
      expect((await openConfirmationLink(new ApiClient(server.url), email)).status).toBe(200)
      expect(await me(customer)).toBeNull()
      expect(await me(admin)).not.toBeNull()
    })
  })

  describe('nobody can lock an account`s owner out', () => {
    it('20 wrong passwords from client A leave the owner signing in from client B', async () => {
      const user = await newCustomer(payload, new ApiClient(server.url), 'lockout')
      const attacker = asClient()
      const answers: number[] = []
      for (let attempt = 0; attempt < 20; attempt++)
        answers.push((await login(user.email, `wrong-guess-${attempt}`, attacker)).status)
      expect(answers.slice(0, 10)).toEqual(Array(10).fill(401))
      expect(answers.slice(10)).toEqual(Array(10).fill(429))
      const refused = await login(user.email, PASSWORD, attacker)
      expect(refused.status).toBe(429)
      expect(refused.body.errors[0].message, JSON.stringify(refused.body)).toMatch(
        /Too many wrong passwords for this account from your network/,
      )
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)

      const owner = await login(user.email, PASSWORD, asClient())
      expect(owner.status).toBe(200)
      expect(owner.body.token).toBeTruthy()
    })

    it('wrong current passwords on PATCH count the same way (a token cannot guess the password)', async () => {
      const thief = new ApiClient(server.url)
      const user = await newCustomer(payload, thief, 'guess-by-patch')
      const from = asClient()
      const answers: number[] = []
      for (let attempt = 0; attempt < 11; attempt++) {
        const response = await thief.request(
          'PATCH',
          `/api/users/${user.id}`,
          { password: 'thief-chosen-pass-9', currentPassword: `guess-${attempt}` },
          from,
        )
        answers.push(response.status)
      }
      expect(answers).toEqual([...Array(10).fill(400), 429])
      expect((await login(user.email, PASSWORD, asClient())).status).toBe(200)
    })
  })

  describe('which addresses are registered is not told', () => {
    it('a sign-in for an unknown address is checked against a dummy hash; a known one is not', async () => {
      const user = await newCustomer(payload, new ApiClient(server.url), 'timing')
      const from = asClient()
      const before = await checks('unknown_account')
      const unknown = await login(`nobody-${Date.now()}@example.com`, 'wrong-guess-1', from)
      expect(await checks('unknown_account')).toBe(before + 1)
      const known = await login(user.email, 'wrong-guess-1', from)
      expect(await checks('unknown_account')).toBe(before + 1)
      expect([unknown.status, unknown.body]).toEqual([known.status, known.body])
    })

    it('a sign-up with a taken address answers as a new one, and e-mails the owner instead', async () => {
      const owner = await newCustomer(payload, new ApiClient(server.url), 'taken')
      const fresh = `fresh-${Date.now()}@example.com`
      const signUp = (email: string) =>
        new ApiClient(server.url).post('/api/users', { email, password: 'sign-up-pass-77' }, asClient())
      const created = await signUp(fresh)
      const taken = await signUp(owner.email)
      expect(taken.status).toBe(201)
      expect([taken.status, taken.body]).toEqual([created.status, created.body])
      expect(JSON.stringify(taken.body)).not.toMatch(/already|registered|exists|unique/i)
      const count = async (email: string) =>
        (await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs
      expect(await count(fresh)).toBe(1)
      expect(await count(owner.email)).toBe(1)
      // The owner's password still signs in; the sign-up's does not.
      expect((await login(owner.email, 'sign-up-pass-77', asClient())).status).toBe(401)

      await sendQueuedEmails(payload)
      const mail = await smtp.waitFor((m) => m.to.includes(owner.email) && /tried to create/.test(m.subject))
      expect(mail.text).toMatch(/already has one. No second account was made/)
      expect(mail.text).toContain('/login')
      // The new address gets the link that confirms it; the welcome comes once it is opened.
      await smtp.waitFor((m) => m.to.includes(fresh) && /^Confirm your e-mail address/.test(m.subject))
    })

    it('a sign-up refused for something else is refused alike for a taken address', async () => {
      const owner = await newCustomer(payload, new ApiClient(server.url), 'taken-weak')
      const weak = (email: string) =>
        new ApiClient(server.url).post('/api/users', { email, password: '12345678' }, asClient())
      const fresh = await weak(`fresh-weak-${Date.now()}@example.com`)
      const taken = await weak(owner.email)
      expect(fresh.status).toBe(400)
      expect([taken.status, taken.body]).toEqual([fresh.status, fresh.body])
    })
  })

  describe("a password hash in Payload's legacy form", () => {
    /** The hash Payload before 3.x stored (25,000 rounds, 512 bytes, hex, no prefix), with its salt. */
    const legacyHash = (password: string) => {
      const salt = randomBytes(32).toString('hex')
      return { salt, hash: pbkdf2Sync(password, salt, 25_000, 512, 'sha256').toString('hex') }
    }
    const storedHash = async (id: number) =>
      payload.db.findOne<{ id: number; hash: string; salt: string }>({
        collection: 'users',
        where: { id: { equals: id } },
      })

    it('signs in, and the sign-in replaces it with the current form (600,000 rounds), as Payload’s login does', async () => {
      const user = await newCustomer(payload, new ApiClient(server.url), 'legacy-hash')
      const legacy = legacyHash(PASSWORD)
      await payload.db.updateOne({ collection: 'users', where: { id: { equals: user.id } }, data: legacy })

      expect((await login(user.email, 'wrong-guess-1', asClient())).status).toBe(401)
      expect(await storedHash(user.id)).toMatchObject(legacy)

      expect((await login(user.email, PASSWORD, asClient())).status).toBe(200)
      const upgraded = await storedHash(user.id)
      expect(upgraded?.hash).toMatch(/^pbkdf2-sha256-v1:[0-9a-f]{64}$/)
      expect(upgraded?.salt).toMatch(/^[0-9a-f]{64}$/)
      expect(upgraded?.salt).not.toBe(legacy.salt)

      const client = await signIn(user.email)
      expect(await me(client)).toBe(user.id)
      expect((await login(user.email, 'wrong-guess-1', asClient())).status).toBe(401)
      expect(await storedHash(user.id)).toMatchObject({ hash: upgraded?.hash, salt: upgraded?.salt })
    })
  })
})
