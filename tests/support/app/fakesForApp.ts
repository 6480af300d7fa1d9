import { FAKE_GEMINI_API_KEY, type FakeGemini, startFakeGemini } from '../../fakes/geminiServer'
import { type FakeStripe, startFakeStripe } from '../../fakes/stripeServer'

const STRIPE_ENV_KEYS = [
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_CONNECT_WEBHOOK_SECRET',
  'STRIPE_API_HOST',
  'STRIPE_API_PORT',
  'STRIPE_API_PROTOCOL',
] as const

/**
 * Starts the local fake Stripe and points the app's real stripe SDK at it (until `stop`); the
 * Connect endpoint's secret is `connectWebhookSecret` (the fake signs Connect events with it).
 */
export const startStripeForApp = async (
  webhookSecret: string,
  secretKey = 'sk_test_app',
  connectWebhookSecret = `${webhookSecret}_connect`,
): Promise<{ stripe: FakeStripe; stop: () => Promise<void> }> => {
  const stripe = await startFakeStripe({ webhookSecret, connectWebhookSecret })
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: secretKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: connectWebhookSecret,
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(stripe.port),
    STRIPE_API_PROTOCOL: 'http',
  })
  return {
    stripe,
    stop: async () => {
      await stripe.close()
      for (const key of STRIPE_ENV_KEYS) delete process.env[key]
    },
  }
}

/** Starts the local fake Gemini and points the app's real @google/genai SDK at it (until `stop`). */
export const startGeminiForApp = async (): Promise<{ gemini: FakeGemini; stop: () => Promise<void> }> => {
  const gemini = await startFakeGemini()
  process.env.GEMINI_API_KEY = FAKE_GEMINI_API_KEY
  process.env.GEMINI_BASE_URL = gemini.url
  return {
    gemini,
    stop: async () => {
      await gemini.close()
      delete process.env.GEMINI_API_KEY
      delete process.env.GEMINI_BASE_URL
    },
  }
}
