import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'

import { createStripeClient, readStripeConfig } from '@/billing/stripeClient'

describe('Stripe configuration from the environment', () => {
  it('is null ("payments are not configured") without a secret key, blank counting as unset', () => {
    expect(readStripeConfig({})).toBeNull()
    expect(readStripeConfig({ STRIPE_SECRET_KEY: '  \n', STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toBeNull()
  })

  it('reads every variable, trimming pasted whitespace and parsing the port', () => {
    const config = readStripeConfig({
      STRIPE_SECRET_KEY: 'sk_test_abc\n',
      STRIPE_WEBHOOK_SECRET: ' whsec_abc ',
      STRIPE_CONNECT_WEBHOOK_SECRET: 'whsec_connect ',
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: '12111',
      STRIPE_API_PROTOCOL: 'HTTP',
    })
    expect(config).toEqual({
      secretKey: 'sk_test_abc',
      webhookSecret: 'whsec_abc',
      connectWebhookSecret: 'whsec_connect',
      host: '127.0.0.1',
      port: 12111,
      protocol: 'http',
    })
    expect(readStripeConfig({ STRIPE_SECRET_KEY: 'rk_live_abc' })).toEqual({
      secretKey: 'rk_live_abc',
      webhookSecret: null,
      connectWebhookSecret: null,
      host: undefined,
      port: undefined,
      protocol: undefined,
    })
  })

  it('throws, naming the variable, for values that are present but wrong', () => {
    expect(() => readStripeConfig({ STRIPE_SECRET_KEY: 'pk_test_abc' })).toThrow(/STRIPE_SECRET_KEY/)
    expect(() => readStripeConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_API_PORT: '12x' })).toThrow(
      /STRIPE_API_PORT/,
    )
    expect(() => readStripeConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_API_PORT: '70000' })).toThrow(
      /STRIPE_API_PORT/,
    )
    expect(() => readStripeConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_API_PROTOCOL: 'ftp' })).toThrow(
      /STRIPE_API_PROTOCOL/,
    )
    expect(() => readStripeConfig({ STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_API_PROTOCOL: 'http' })).toThrow(
      /live Stripe key over plain http/,
    )
  })
})

describe('createStripeClient', () => {
  it('returns one SDK client per configuration', () => {
    const config = {
      secretKey: 'sk_test_cache',
      webhookSecret: null,
      host: '127.0.0.1',
      port: 4010,
      protocol: 'http' as const,
    }
    const client = createStripeClient(config)
    expect(client).toBeInstanceOf(Stripe)
    expect(createStripeClient({ ...config })).toBe(client)
    expect(createStripeClient({ ...config, webhookSecret: 'whsec_other' })).toBe(client)
    expect(createStripeClient({ ...config, port: 4011 })).not.toBe(client)
    expect(createStripeClient({ ...config, secretKey: 'sk_test_other' })).not.toBe(client)
  })
})
