import Stripe from 'stripe'

import { DomainError } from '@/lib/errors'

export interface StripeConfig {
  secretKey: string
  webhookSecret: string | null
  host?: string
  port?: number
  protocol?: 'http' | 'https'
}

export const PAYMENTS_NOT_CONFIGURED_MESSAGE = 'Payments are not configured on this studio yet.'

/** No STRIPE_SECRET_KEY: callers answer 503 rather than pretend a purchase can start. */
export class PaymentsNotConfiguredError extends DomainError {
  constructor(message = PAYMENTS_NOT_CONFIGURED_MESSAGE) {
    super(503, message)
    this.name = 'PaymentsNotConfiguredError'
  }
}

/** Any string map: process.env, or a plain object in tests (Next's ProcessEnv type demands NODE_ENV). */
export type Env = Record<string, string | undefined>

// Secrets pasted into env files often carry a trailing newline or spaces; an empty value means "unset".
const read = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined

/**
 * Stripe settings from the environment, or null: "payments are not configured".
 * A value that is present but wrong throws, naming the variable: a typo must not
 * quietly send requests (and the secret key) somewhere else.
 */
export const readStripeConfig = (env: Env = process.env): StripeConfig | null => {
  const secretKey = read(env, 'STRIPE_SECRET_KEY')
  if (!secretKey) return null
  if (!/^(sk|rk)_(test|live)_/.test(secretKey)) {
    throw new Error('STRIPE_SECRET_KEY must be a secret (sk_...) or restricted (rk_...) key, not a publishable key.')
  }
  const portText = read(env, 'STRIPE_API_PORT')
  const port = portText === undefined ? undefined : Number(portText)
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`STRIPE_API_PORT must be a TCP port number, got "${portText}".`)
  }
  const protocol = read(env, 'STRIPE_API_PROTOCOL')?.toLowerCase()
  if (protocol !== undefined && protocol !== 'http' && protocol !== 'https') {
    throw new Error(`STRIPE_API_PROTOCOL must be "http" or "https", got "${protocol}".`)
  }
  // Plain http exists for local fakes only; never send a live key over it.
  if (protocol === 'http' && secretKey.includes('_live_')) throw new Error('Refusing to send a live Stripe key over plain http.')
  return {
    secretKey,
    webhookSecret: read(env, 'STRIPE_WEBHOOK_SECRET') ?? null,
    host: read(env, 'STRIPE_API_HOST'),
    port,
    protocol,
  }
}

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
