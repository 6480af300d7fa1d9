import { spawnSync } from 'node:child_process'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type OpsServer, startOpsServer } from '@/ops/healthServer'

import { type FakeGemini, geminiBehaviours } from '../../fakes/geminiServer'
import type { FakeStripe } from '../../fakes/stripeServer'
import { ApiClient } from '../../support/clients/client'
import { startGeminiForApp, startStripeForApp } from '../../support/app/fakesForApp'
import { newCustomer, uploadPhoto, waitForGeneration } from '../../support/fixtures/generation'
import { portraitJpeg } from '../../support/fixtures/images'
import { testPayload } from '../../support/app/payload'
import { startRestServer } from '../../support/app/restServer'

const TOKEN = 'metrics-test-token-0123456789'
const promtool = spawnSync('promtool', ['--version']).status === 0

/** Sum of every sample of `name` whose labels include all of `labels` (Prometheus text format). */
const sampleSum = (text: string, name: string, labels: Record<string, string> = {}): number =>
  text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0)

/**
 * GET /metrics as a worker serves it (WORKER_HEALTH_PORT, bearer token), after a run that covers a
 * success after a retry, a safety refusal and Stripe deliveries: each counter moved by exactly what
 * happened, and Prometheus' own linter accepts the scrape.
 */
describe('metrics', () => {
  let payload: Payload
  let server: Awaited<ReturnType<typeof startRestServer>>
  let ops: OpsServer
  let gemini: FakeGemini
  let stripe: FakeStripe
  const stops: (() => Promise<void>)[] = []
  let customer: ApiClient
  let request: Record<string, unknown>

  beforeAll(async () => {
    process.env.METRICS_TOKEN = TOKEN
    const started = await startGeminiForApp()
    gemini = started.gemini
    const stripeStarted = await startStripeForApp('whsec_metrics_test', 'sk_test_metrics')
    stripe = stripeStarted.stripe
    stops.push(started.stop, stripeStarted.stop)
    payload = await testPayload()
    server = await startRestServer()
    ops = await startOpsServer(payload, { port: 0, host: '127.0.0.1', open: false })
    customer = new ApiClient(server.url)
    const user = await newCustomer(payload, customer, 'metrics')
    await payload.create({
      collection: 'credit-adjustments',
      data: { user: user.id, amount: 10, reason: 'Metrics test budget' },
    })
    const upload = await uploadPhoto(customer, await portraitJpeg())
    const wedding = (await customer.get('/api/packages/wedding-portraits')).body.package
    request = {
      packageSlug: 'wedding-portraits',
      themeId: wedding.themes.find((theme: { isPremium: boolean }) => !theme.isPremium).id,
      uploadId: upload.body.doc.id,
      portraitType: 'single',
    }
  })

  afterAll(async () => {
    delete process.env.METRICS_TOKEN
    await ops?.close()
    await server?.close()
    for (const stop of stops) await stop()
  })

  const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    fetch(`http://127.0.0.1:${ops.port}/metrics`, { headers })

  const text = async () => {
    const response = await scrape()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    return response.text()
  }

  it('answers only with the bearer token', async () => {
    expect((await scrape({})).status).toBe(401)
    expect((await scrape({})).headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await scrape({ authorization: `Bearer ${TOKEN}x` })).status).toBe(401)
    expect((await scrape({ authorization: TOKEN })).status).toBe(401)
  })

  it('counts a retried success, a safety refusal and Stripe events, and passes promtool', async () => {
    const before = await text()
    const shoot = async (
      behaviours: Parameters<FakeGemini['enqueue']>,
      fallback = geminiBehaviours.image(),
    ) => {
      gemini.setDefault(fallback)
      gemini.enqueue(...behaviours)
      const accepted = await customer.post('/api/generate', request)
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(202)
      return {
        generation: await waitForGeneration(payload, accepted.body.generationId),
        images: accepted.body.imageCount as number,
      }
    }
    // One image first answers 429 (no RetryInfo), then every call draws.
    const retried = await shoot([geminiBehaviours.rateLimited(null)])
    expect(retried.generation.status).toBe('succeeded')
    // Every image refused by the image safety filter (final, not retried).
    const refused = await shoot([], geminiBehaviours.imageSafety())
    expect(refused.generation.status).toBe('blocked')

    // A paid checkout's event, handled; the same event again (a duplicate); one with a bad signature.
    const checkout = await customer.post('/api/checkout', {
      tierId: (await customer.get('/api/packages/wedding-portraits')).body.package.pricing[0].id,
    })
    expect(checkout.status).toBe(200)
    const purchase = await payload.findByID({ collection: 'purchases', id: checkout.body.purchaseId })
    const event = stripe.makeEvent(
      'checkout.session.completed',
      stripe.completeSession(purchase.stripeSessionId!),
    )
    const signed = stripe.signedWebhook(event)
    expect((await customer.post('/api/stripe/webhook', signed.body, signed.headers)).status).toBe(200)
    expect((await customer.post('/api/stripe/webhook', signed.body, signed.headers)).status).toBe(200)
    const forged = stripe.signedWebhook(event, { secret: 'whsec_wrong' })
    expect((await customer.post('/api/stripe/webhook', forged.body, forged.headers)).status).toBe(400)

    const after = await text()
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sampleSum(after, name, labels) - sampleSum(before, name, labels)

    expect(moved('photo_packages_images_total', { outcome: 'retryable' })).toBe(1)
    expect(moved('photo_packages_images_total', { outcome: 'success' })).toBe(retried.images)
    expect(moved('photo_packages_images_total', { outcome: 'image_safety' })).toBe(refused.images)
    expect(moved('photo_packages_images_total')).toBe(1 + retried.images + refused.images)
    expect(moved('photo_packages_provider_request_duration_seconds_count')).toBe(
      1 + retried.images + refused.images,
    )
    const completed = { type: 'checkout.session.completed' }
    expect(moved('photo_packages_stripe_events_total', { ...completed, outcome: 'handled' })).toBe(1)
    expect(moved('photo_packages_stripe_events_total', { ...completed, outcome: 'duplicate' })).toBe(1)
    expect(moved('photo_packages_stripe_events_total', { outcome: 'invalid_signature' })).toBe(1)
    // Both shoots are closed: they add nothing to the queue and hold nothing. The gauges are
    // deployment-wide, and the int suite shares one database, so they are compared with the scrape before.
    expect(moved('photo_packages_generation_queue_depth')).toBeLessThanOrEqual(0)
    expect(moved('photo_packages_credits_held')).toBe(0)
    expect(after).toMatch(/^process_cpu_user_seconds_total\{component="app"\} /m)
    // No label carries an e-mail, an id or the prompt.
    expect(after).not.toMatch(/@example\.com|generation:\d|Add a /)

    if (!promtool) return void console.warn('promtool is not installed: the lint of the scrape was skipped')
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: after, encoding: 'utf8' })
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe('')
    expect(lint.status).toBe(0)
  }, 120_000)
})
