import Stripe from 'stripe'

import { type Env, readStripeSettings, settings, type StripeSettings } from '@/lib/settings'

export type StripeConfig = StripeSettings

/** The 503 while the server has no Stripe keys (STRIPE_SECRET_KEY and the webhook secrets): true for every studio. */
export const PAYMENTS_NOT_CONFIGURED = 'Payments are not set up yet: this server has no Stripe keys.'

/**
 * Stripe settings from the environment (see readStripeSettings in src/lib/settings), or null:
 * "payments are not configured". A value that is present but wrong throws, naming the variable.
 * Without `env`, the app's settings.
 */
export const readStripeConfig = (env?: Env): StripeConfig | null =>
  env ? readStripeSettings(env) : settings().stripe

const clients = new Map<string, Stripe>()

/**
 * One SDK client per configuration (the SDK keeps a keep-alive agent, so reuse matters);
 * host/port/protocol point it at a local fake in tests. The API version is the SDK's own
 * default, which its TypeScript types describe.
 */
export const createStripeClient = (config: StripeConfig): Stripe => {
  const key = JSON.stringify([
    config.secretKey,
    config.host ?? null,
    config.port ?? null,
    config.protocol ?? null,
  ])
  let client = clients.get(key)
  if (!client) {
    client = new Stripe(config.secretKey, {
      host: config.host,
      port: config.port,
      protocol: config.protocol,
      // One retry on 409/5xx/connection errors; every POST carries an idempotency key, so it cannot double-charge.
      maxNetworkRetries: 1,
      // Checkout calls Stripe inside a database transaction: the SDK's 80 s default would hold it far too long.
      timeout: 20_000,
    })
    clients.set(key, client)
  }
  return client
}
