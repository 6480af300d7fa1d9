import { type FakeStripe, startFakeStripe } from '../fakes/stripeServer'

const STRIPE_ENV_KEYS = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_HOST', 'STRIPE_API_PORT', 'STRIPE_API_PROTOCOL'] as const

/** Starts the local fake Stripe and points the app's real stripe SDK at it (until `stop`). */
export const startStripeForApp = async (webhookSecret: string, secretKey = 'sk_test_app'): Promise<{ stripe: FakeStripe; stop: () => Promise<void> }> => {
  const stripe = await startFakeStripe({ webhookSecret })
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: secretKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
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
