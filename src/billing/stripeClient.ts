import Stripe from 'stripe'

import { type Env, readStripeSettings, settings, type StripeSettings } from '@/lib/settings'

export type StripeConfig = StripeSettings

export const PAYMENTS_NOT_CONFIGURED_MESSAGE = 'Payments are not configured on this studio yet.'

/** No STRIPE_SECRET_KEY: callers answer 503 rather than pretend a purchase can start. */
export class PaymentsNotConfiguredError extends Error {
  readonly status = 503
  constructor(message = PAYMENTS_NOT_CONFIGURED_MESSAGE) {
    super(message)
    this.name = 'PaymentsNotConfiguredError'
  }
}

/**
 * Stripe settings from the environment (see readStripeSettings in src/lib/settings), or null:
 * "payments are not configured". A value that is present but wrong throws, naming the variable.
 */
export const readStripeConfig = (env: Env = process.env): StripeConfig | null =>
  env === process.env ? settings().stripe : readStripeSettings(env)

/** The config, or PaymentsNotConfiguredError for callers that cannot go on without Stripe. */
export const requireStripeConfig = (env: Env = process.env): StripeConfig => {
  const config = readStripeConfig(env)
  if (!config) throw new PaymentsNotConfiguredError()
  return config
}

const clients = new Map<string, Stripe>()

/**
 * One SDK client per configuration (the SDK keeps a keep-alive agent, so reuse matters);
 * host/port/protocol point it at a local fake in tests. The API version is the SDK's own
 * default, which its TypeScript types describe.
 */
export const createStripeClient = (config: StripeConfig): Stripe => {
  const key = JSON.stringify([config.secretKey, config.host ?? null, config.port ?? null, config.protocol ?? null])
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
