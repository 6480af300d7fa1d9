import Stripe from 'stripe'

export interface StripeConfig {
  secretKey: string
  webhookSecret: string | null
  host?: string
  port?: number
  protocol?: 'http' | 'https'
}

/** Stripe settings from the environment, or null: "payments are not configured". */
export const readStripeConfig = (env: NodeJS.ProcessEnv = process.env): StripeConfig | null => {
  if (!env.STRIPE_SECRET_KEY) return null
  return {
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET || null,
    host: env.STRIPE_API_HOST || undefined,
    port: env.STRIPE_API_PORT ? Number(env.STRIPE_API_PORT) : undefined,
    protocol: env.STRIPE_API_PROTOCOL === 'http' ? 'http' : env.STRIPE_API_PROTOCOL === 'https' ? 'https' : undefined,
  }
}

const clients = new Map<string, Stripe>()

/** One SDK client per configuration; host/port/protocol point it at a local fake in tests. */
export const createStripeClient = (config: StripeConfig): Stripe => {
  const key = [config.secretKey, config.host, config.port, config.protocol].join('|')
  let client = clients.get(key)
  if (!client) {
    client = new Stripe(config.secretKey, {
      host: config.host,
      port: config.port,
      protocol: config.protocol,
      maxNetworkRetries: 1,
      timeout: 20_000,
    })
    clients.set(key, client)
  }
  return client
}
