import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ApiClient } from '../../support/clients/client'
import { verifyTokenIn } from '../../support/clients/signUp'
import { type FakeSmtp, startFakeSmtp } from '../../fakes/smtpServer'
import type { FakeStripe } from '../../fakes/stripeServer'
import { startStripeForApp } from '../../support/app/fakesForApp'
import { type MailedApp, sendQueuedEmails, startMailedApp } from '../../support/app/mailedApp'
import { newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'

const STUDIO = 'Lumen Portrait Studio'

/**
 * The studio's e-mails through Payload's nodemailer adapter to a real SMTP server
 * (smtp-server on a random port): what arrives, to whom, with which words and links.
 */
describe('e-mails a customer receives', { timeout: 240_000 }, () => {
  let payload: Payload
  let server: { url: string; close: () => Promise<void> }
  let smtp: FakeSmtp
  let app: MailedApp | undefined
  let stripe: FakeStripe
  let stopStripe: (() => Promise<void>) | undefined

  const mailTo = async (to: string, subject: RegExp) => {
    await sendQueuedEmails(payload)
    return smtp.waitFor((mail) => mail.to.includes(to) && subject.test(mail.subject))
  }

  beforeAll(async () => {
    ;({ stripe, stop: stopStripe } = await startStripeForApp('whsec_email_test', 'sk_test_email'))
    app = await startMailedApp({ STUDIO_NAME: STUDIO, EMAIL_FROM: 'hello@lumen.test' })
    ;({ payload, server, smtp } = app)
  })

  afterAll(async () => {
    await app?.close()
    await stopStripe?.()
  })

  it('welcomes a new customer with their trial shoots, from the studio', async () => {
    const email = `welcome-${Date.now()}@example.com`
    const signup = await new ApiClient(server.url).post('/api/users', {
      email,
      password: 'welcome-pass-1',
      name: 'Ada',
    })
    expect(signup.status).toBe(201)
    // The welcome (and the trial) come once the address is confirmed by the mailed link.
    const link = await mailTo(email, /^Confirm your e-mail address/)
    expect(link.subject).toBe(`Confirm your e-mail address to finish signing up · ${STUDIO}`)
    expect(link.text).toContain('3 free trial shoots')
    const verified = await new ApiClient(server.url).post(
      `/api/users/verify/${encodeURIComponent(verifyTokenIn(link) ?? '')}`,
    )
    expect(verified.status).toBe(200)
    const mail = await mailTo(email, /^Welcome/)
    expect(mail.subject).toBe(`Welcome to ${STUDIO}`)
    expect(mail.from).toContain('hello@lumen.test')
    expect(mail.text).toContain('Hello Ada')
    expect(mail.text).toContain('3 free trial shoots')
  })

  it('sends through the SMTP server and sender the settings name when it sends, not when it started', async () => {
    const other = await startFakeSmtp()
    const saved = { SMTP_PORT: process.env.SMTP_PORT, EMAIL_FROM: process.env.EMAIL_FROM }
    try {
      Object.assign(process.env, { SMTP_PORT: String(other.port), EMAIL_FROM: 'desk@lumen.test' })
      await payload.sendEmail({ to: 'moved@example.com', subject: 'After the move', text: 'Hello' })
      const mail = await other.waitFor((m) => m.to.includes('moved@example.com'))
      expect([mail.subject, mail.from]).toEqual([
        'After the move',
        expect.stringContaining('desk@lumen.test'),
      ])
      expect(payload.email.defaultFromAddress).toBe('desk@lumen.test')
      expect(smtp.messages.some((m) => m.to.includes('moved@example.com'))).toBe(false)
    } finally {
      Object.assign(process.env, saved)
      await other.close()
    }
    await payload.sendEmail({ to: 'back@example.com', subject: 'Back again', text: 'Hello' })
    expect((await smtp.waitFor((m) => m.to.includes('back@example.com'))).from).toContain('hello@lumen.test')
  })

  it('sends a password reset link that works once', async () => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'reset')
    expect((await client.post('/api/users/forgot-password', { email: user.email })).status).toBe(200)
    const mail = await smtp.waitFor((m) => m.to.includes(user.email) && /Reset your password/.test(m.subject))
    expect(mail.subject).toContain(STUDIO)
    const token = decodeURIComponent(/reset-password\?token=([^"&\s]+)/.exec(mail.html)![1])
    const reset = await client.post('/api/users/reset-password', { token, password: 'a-brand-new-pass' })
    expect(reset.status).toBe(200)
    await new ApiClient(server.url).login(user.email, 'a-brand-new-pass')
    expect(
      (await client.post('/api/users/reset-password', { token, password: 'again-new-pass' })).status,
    ).toBeGreaterThanOrEqual(400)
  })

  it('tells the customer their portraits are ready, with a link to the gallery', async () => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'ready')
    const wedding = (await client.get('/api/packages/wedding-portraits')).body.package
    const theme = wedding.themes.find((t: { isPremium: boolean }) => !t.isPremium)
    const upload = await uploadPhoto(client, await portraitJpeg())
    const accepted = await client.post('/api/generate', {
      packageSlug: 'wedding-portraits',
      themeId: theme.id,
      uploadId: upload.body.doc.id,
      portraitType: 'single',
      generationSettings: { aspectRatio: '3:4', quality: 'standard' },
    })
    expect(accepted.status).toBe(202)
    const generation = await waitForGeneration(payload, accepted.body.generationId)
    expect(generation.status).toBe('succeeded')
    const mail = await mailTo(user.email, /portraits are ready/)
    expect(mail.subject).toBe(`Your portraits are ready · ${STUDIO}`)
    expect(mail.text).toContain(`Wedding Portraits · ${theme.name}`)
    expect(mail.text).toContain(`/generations/${generation.id}`)
  })

  it('sends a receipt when a purchase is paid (once, however often Stripe calls) and a notice on refund', async () => {
    const client = new ApiClient(server.url)
    const user = await newCustomer(payload, client, 'receipt')
    const tier = (await client.get('/api/packages/wedding-portraits')).body.package.pricing.find(
      (t: { name: string }) => t.name === 'Wedding',
    )
    const checkout = await client.post('/api/checkout', { tierId: tier.id })
    expect(checkout.status).toBe(200)
    const purchase = await payload.findByID({ collection: 'purchases', id: checkout.body.purchaseId })
    const paid = stripe.completeSession(purchase.stripeSessionId!)
    const event = stripe.makeEvent('checkout.session.completed', paid)
    for (let i = 0; i < 2; i++) {
      const { body, headers } = stripe.signedWebhook(event)
      expect((await client.post('/api/stripe/webhook', body, headers)).status).toBe(200)
    }
    const receipt = await mailTo(user.email, /receipt/)
    expect(receipt.text).toContain('Wedding Portraits: Wedding (25 shoots)')
    expect(receipt.text).toContain('Price: $9.99')
    expect(receipt.text).toContain('Shoots added to your balance: 25')
    await sendQueuedEmails(payload)
    expect(smtp.messages.filter((m) => m.to.includes(user.email) && /receipt/.test(m.subject))).toHaveLength(
      1,
    )

    const refund = stripe.makeCharge({ paymentIntent: paid.payment_intent, amount: 999, amountRefunded: 999 })
    const { body, headers } = stripe.signedWebhook(stripe.makeEvent('charge.refunded', refund))
    expect((await client.post('/api/stripe/webhook', body, headers)).status).toBe(200)
    const notice = await mailTo(user.email, /Your refund/)
    expect(notice.text).toContain('We have refunded $9.99')
    expect(notice.text).toContain('25 shoots from that purchase were taken back')
  })
})
