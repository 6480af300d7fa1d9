/** Payments: STRIPE_SECRET_KEY and friends. */
import { z } from 'zod'

import { later, oneOf, read, refuse, tcpPort, text } from './fields'

/** The API overrides are read (and refused when wrong) only with a key. */
export const stripeVariables = z.object({
  /** A secret (sk_) or restricted (rk_) key; unset = payments are not configured (checkout answers 503). */
  STRIPE_SECRET_KEY: text(),
  STRIPE_WEBHOOK_SECRET: text(),
  /** The Connect endpoint's signing secret (POST /api/stripe/connect/webhook): connected accounts' events. */
  STRIPE_CONNECT_WEBHOOK_SECRET: text(),
  /** STRIPE_API_HOST, _PORT, _PROTOCOL: where the SDK sends its calls (a local fake in tests). */
  STRIPE_API_HOST: text(),
  STRIPE_API_PORT: later(tcpPort()),
  STRIPE_API_PROTOCOL: later(
    oneOf(['http', 'https'], (lower) => `must be "http" or "https", got "${lower}".`),
  ),
})

export interface StripeSettings {
  secretKey: string
  webhookSecret: string | null
  /** Signs the Connect endpoint's events (those carrying `account`); null: that endpoint answers 503. */
  connectWebhookSecret?: string | null
  host?: string
  port?: number
  protocol?: 'http' | 'https'
}

/**
 * The Stripe settings, or null: "payments are not configured". A value that is present but wrong
 * throws: a typo must not quietly send requests (and the secret key) somewhere else.
 */
export const toStripe = (env: z.output<typeof stripeVariables>): StripeSettings | null => {
  const secretKey = env.STRIPE_SECRET_KEY
  if (!secretKey) return null
  if (!/^(sk|rk)_(test|live)_/.test(secretKey))
    refuse('STRIPE_SECRET_KEY must be a secret (sk_...) or restricted (rk_...) key, not a publishable key.')
  const port = read(env, 'STRIPE_API_PORT')
  const protocol = read(env, 'STRIPE_API_PROTOCOL')
  // Plain http exists for local fakes only; never send a live key over it.
  if (protocol === 'http' && secretKey.includes('_live_'))
    refuse('Refusing to send a live Stripe key over plain http (STRIPE_API_PROTOCOL).')
  return {
    secretKey,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? null,
    connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET ?? null,
    host: env.STRIPE_API_HOST,
    port,
    protocol,
  }
}
