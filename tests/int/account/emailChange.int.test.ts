import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { FakeSmtp, ReceivedMail } from '../../fakes/smtpServer'
import { EMAIL_CHANGE_ANSWER } from '@/account/emailChange'

import { type MailedApp, sendQueuedEmails, startMailedApp } from '../../support/app/mailedApp'
import { ApiClient } from '../../support/clients/client'
import { newCustomer } from '../../support/fixtures/generation'

const PASSWORD = 'customer-pass-1'

/**
 * Moving an account to a new e-mail address: the answer is the same whether the address is free
 * or taken (no enumeration), and the account moves only when the link mailed to the new address
 * is opened. REST through the guard on Postgres; e-mails through a real SMTP server.
 */
describe('changing the e-mail address by a mailed link', { timeout: 180_000 }, () => {
  let payload: Payload
  let server: { url: string; close: () => Promise<void> }
  let smtp: FakeSmtp
  let app: MailedApp | undefined

  const mailsTo = async (address: string): Promise<ReceivedMail[]> => {
    await sendQueuedEmails(payload)
    return smtp.messages.filter((mail) => mail.to.includes(address))
  }
  const tokenIn = (mail: ReceivedMail) =>
    new URL(/https?:\/\/\S+\/confirm-email\?token=\S+/.exec(mail.text)?.[0] ?? 'http://x/').searchParams.get(
      'token',
    )
  const ask = (client: ApiClient, email: string) =>
    client.post('/api/account/settings', { email, currentPassword: PASSWORD })
  const emailOf = async (id: number) => (await payload.findByID({ collection: 'users', id })).email

  beforeAll(async () => {
    app = await startMailedApp()
    ;({ payload, server, smtp } = app)
  })

  afterAll(() => app?.close())

  it('answers a taken address exactly as a free one; only the free one gets a link, the taken one’s owner a notice', async () => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'mover')
    const holder = await newCustomer(payload, new ApiClient(server.url), 'holder')
    const free = `free-${Date.now()}@example.com`
    const [toTaken, toFree] = [await ask(client, holder.email), await ask(client, free)]
    expect(toTaken.status).toBe(toFree.status)
    expect({ ...toTaken.body, pendingEmail: null }).toEqual({ ...toFree.body, pendingEmail: null })
    expect(await emailOf(user.id)).toBe(user.email)

    const holderMails = (await mailsTo(holder.email)).filter((mail) => !/^Welcome/.test(mail.subject))
    expect(holderMails.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Someone tried to use your address for another account/),
    ])
    expect(holderMails[0].text).not.toContain('confirm-email')
    const [link] = await mailsTo(free)
    expect(link.subject).toMatch(/^Confirm your new e-mail address/)
    const notices = (await mailsTo(user.email)).filter((mail) => /being changed/.test(mail.subject))
    expect(notices).toHaveLength(2)
    expect(notices.map((mail) => mail.text).join()).toContain(free)

    const confirmed = await new ApiClient(server.url).post('/api/account/confirm-email', {
      token: tokenIn(link),
    })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toEqual({ email: free })
    expect(await emailOf(user.id)).toBe(free)
    expect(await emailOf(holder.id)).toBe(holder.email)
    // Used once.
    const again = await new ApiClient(server.url).post('/api/account/confirm-email', { token: tokenIn(link) })
    expect(again.status).toBe(400)
    expect(again.body.field).toBe('token')
  })

  it('refuses an expired link, a superseded one, a made-up one, and an address taken meanwhile', async () => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'late')
    const first = `first-${Date.now()}@example.com`
    const second = `second-${Date.now()}@example.com`
    await ask(client, first)
    const [superseded] = await mailsTo(first)
    await ask(client, second)
    const [latest] = await mailsTo(second)
    const confirm = (token: unknown) =>
      new ApiClient(server.url).post('/api/account/confirm-email', { token })
    expect((await confirm(tokenIn(superseded))).status).toBe(400)
    expect((await confirm('made-up-token')).status).toBe(400)
    expect((await confirm('')).body.field).toBe('token')

    await payload.db.updateOne({
      collection: 'users',
      id: user.id,
      data: { pendingEmailExpiresAt: new Date(Date.now() - 1000).toISOString() },
      returning: false,
    })
    const expired = await confirm(tokenIn(latest))
    expect(expired.status).toBe(400)
    expect(expired.body.error).toMatch(/no longer works/)

    const third = `third-${Date.now()}@example.com`
    await ask(client, third)
    const [thirdLink] = await mailsTo(third)
    await payload.create({
      collection: 'users',
      data: { email: third, password: 'someone-else-9', role: 'customer' },
    })
    const taken = await confirm(tokenIn(thirdLink))
    expect(taken.status).toBe(409)
    expect(taken.body.field).toBe('email')
    expect(await emailOf(user.id)).toBe(user.email)
  })

  it("PATCH /api/users/<id> says the link was sent, in Payload's { doc, message }, free or taken alike", async () => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'patcher')
    const holder = await newCustomer(payload, new ApiClient(server.url), 'patch-holder')
    const patch = (body: Record<string, unknown>) => client.patch(`/api/users/${user.id}`, body)
    const free = await patch({ email: `patched-${Date.now()}@example.com`, currentPassword: PASSWORD })
    const taken = await patch({ email: holder.email, currentPassword: PASSWORD })
    for (const answer of [free, taken]) {
      expect(answer.status).toBe(200)
      expect(answer.body.message).toBe(EMAIL_CHANGE_ANSWER)
      // Still the old address until the link is opened.
      expect(answer.body.doc.email).toBe(user.email)
    }
    // The admin panel's form sends multipart with _payload: the same message for its toast.
    const form = new FormData()
    form.append(
      '_payload',
      JSON.stringify({ email: `form-${Date.now()}@example.com`, currentPassword: PASSWORD }),
    )
    const fromForm = await client.patch(`/api/users/${user.id}`, form)
    expect([fromForm.status, fromForm.body.message]).toEqual([200, EMAIL_CHANGE_ANSWER])
    // No new address (a name, or the current address sent back): Payload's own message.
    for (const body of [{ name: 'Patched' }, { email: user.email, name: 'Patched Again' }]) {
      const answer = await patch(body)
      expect([answer.status, answer.body.message]).toEqual([200, 'Updated successfully.'])
    }
    expect((await payload.findByID({ collection: 'users', id: user.id })).name).toBe('Patched Again')
    // Refusals are the operation's, as before.
    const noPassword = await patch({ email: `nopass-${Date.now()}@example.com` })
    expect(noPassword.status).toBe(400)
    expect(noPassword.body.errors[0].data.errors[0].path).toBe('currentPassword')
    expect((await client.patch('/api/users/999999999', { name: 'x' })).status).toBe(404)
  })
})
