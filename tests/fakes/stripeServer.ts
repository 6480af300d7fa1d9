import { createHmac, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { parseStripeForm } from './stripeForm'

/**
 * A local Stripe that speaks the wire format the real `stripe` SDK uses (form-encoded
 * requests, JSON objects, list envelopes, error bodies, idempotency keys), plus test
 * controls for the parts a customer or Stripe itself plays: paying, expiring, signing events.
 */
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`
const now = () => Math.floor(Date.now() / 1000)

export interface FakeStripe {
  url: string
  port: number
  requests: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders; body: Record<string, any> }>
  sessions: Map<string, any>
  prices: Map<string, any>
  products: Map<string, any>
  completeSession: (sessionId: string, options?: { paymentStatus?: 'paid' | 'unpaid' }) => any
  expireSession: (sessionId: string) => any
  makeEvent: (type: string, object: unknown) => any
  signedWebhook: (event: unknown, options?: { secret?: string; timestamp?: number }) => { body: string; headers: Record<string, string> }
  makeCharge: (options: { paymentIntent: string; amount: number; amountRefunded: number }) => any
  makeDispute: (options: { paymentIntent: string; charge?: string; amount: number }) => any
  close: () => Promise<void>
}

export const signStripePayload = (payload: string, secret: string, timestamp = now()): string =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}`

export const startFakeStripe = async (options: { webhookSecret?: string } = {}): Promise<FakeStripe> => {
  const sessions = new Map<string, any>()
  const prices = new Map<string, any>()
  const products = new Map<string, any>()
  const idempotent = new Map<string, { body: string; status: number; response: string }>()
  const requests: FakeStripe['requests'] = []
  let base = ''

  const error = (status: number, type: string, message: string, extra: Record<string, unknown> = {}) => ({
    status,
    body: { error: { type, message, ...extra } },
  })

  const createSession = (body: Record<string, any>) => {
    const items: any[] = body.line_items ?? []
    let amount = 0
    let currency = 'usd'
    for (const [index, item] of items.entries()) {
      const quantity = Number(item.quantity ?? 1)
      if (item.price) {
        const price = prices.get(item.price)
        if (!price) {
          return error(400, 'invalid_request_error', `No such price: '${item.price}'`, { code: 'resource_missing', param: `line_items[${index}][price]` })
        }
        amount += price.unit_amount * quantity
        currency = price.currency
      } else if (item.price_data) {
        amount += Number(item.price_data.unit_amount) * quantity
        currency = item.price_data.currency ?? currency
      } else {
        return error(400, 'invalid_request_error', 'You must specify either `price` or `price_data`.', { param: `line_items[${index}]` })
      }
    }
    const session = {
      id: id('cs_test'),
      object: 'checkout.session',
      mode: body.mode ?? 'payment',
      status: 'open',
      payment_status: 'unpaid',
      url: `${base}/c/pay/`,
      client_reference_id: body.client_reference_id ?? null,
      customer_email: body.customer_email ?? null,
      metadata: body.metadata ?? {},
      amount_total: amount,
      currency,
      payment_intent: null,
      success_url: body.success_url,
      cancel_url: body.cancel_url,
      livemode: false,
      created: now(),
      expires_at: Number(body.expires_at ?? now() + 24 * 3600),
    }
    session.url = `${base}/c/pay/${session.id}`
    sessions.set(session.id, session)
    return { status: 200, body: session }
  }

  const list = (query: URLSearchParams) => {
    const gte = Number(query.get('created[gte]') ?? 0)
    const status = query.get('status')
    const limit = Math.min(Number(query.get('limit') ?? 10), 100)
    let rows = [...sessions.values()]
      .filter((s) => s.created >= gte && (!status || s.status === status))
      .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1))
    const after = query.get('starting_after')
    if (after) rows = rows.slice(rows.findIndex((s) => s.id === after) + 1)
    return { status: 200, body: { object: 'list', data: rows.slice(0, limit), has_more: rows.length > limit, url: '/v1/checkout/sessions' } }
  }

  const route = (method: string, path: string, query: URLSearchParams, body: Record<string, any>) => {
    let match: RegExpMatchArray | null
    if (method === 'POST' && path === '/v1/checkout/sessions') return createSession(body)
    if (method === 'GET' && path === '/v1/checkout/sessions') return list(query)
    if (method === 'GET' && (match = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      const session = sessions.get(match[1])
      return session ? { status: 200, body: session } : error(404, 'invalid_request_error', `No such checkout.session: '${match[1]}'`, { code: 'resource_missing' })
    }
    if (method === 'POST' && path === '/v1/products') {
      const product = { id: id('prod'), object: 'product', active: true, name: body.name, metadata: body.metadata ?? {}, created: now() }
      products.set(product.id, product)
      return { status: 200, body: product }
    }
    if (method === 'POST' && (match = path.match(/^\/v1\/products\/([^/]+)$/))) {
      const product = products.get(match[1])
      if (!product) return error(404, 'invalid_request_error', `No such product: '${match[1]}'`, { code: 'resource_missing' })
      Object.assign(product, body.name ? { name: body.name } : {}, body.active ? { active: body.active === 'true' } : {})
      return { status: 200, body: product }
    }
    if (method === 'POST' && path === '/v1/prices') {
      if (!products.has(body.product)) return error(400, 'invalid_request_error', `No such product: '${body.product}'`, { code: 'resource_missing', param: 'product' })
      const price = { id: id('price'), object: 'price', active: true, product: body.product, unit_amount: Number(body.unit_amount), currency: body.currency, metadata: body.metadata ?? {}, created: now() }
      prices.set(price.id, price)
      return { status: 200, body: price }
    }
    if ((match = path.match(/^\/v1\/prices\/([^/]+)$/))) {
      const price = prices.get(match[1])
      if (!price) return error(404, 'invalid_request_error', `No such price: '${match[1]}'`, { code: 'resource_missing' })
      if (method === 'POST' && body.active !== undefined) price.active = body.active === 'true'
      return { status: 200, body: price }
    }
    return error(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`)
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://fake')
    const body = parseStripeForm(req.method === 'GET' ? '' : raw)
    requests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body })
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') })
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload))
    }
    if (url.pathname.startsWith('/c/pay/')) {
      res.writeHead(200, { 'content-type': 'text/html' })
      return res.end(`<!doctype html><title>Fake Stripe Checkout</title><h1>Fake Stripe Checkout</h1><p id="session">${url.pathname.split('/').pop()}</p>`)
    }
    if (!/^Bearer sk_(test|live)_/.test(req.headers.authorization ?? '')) {
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } })
    }
    const key = req.headers['idempotency-key'] as string | undefined
    if (key && req.method === 'POST') {
      const seen = idempotent.get(key)
      if (seen && seen.body !== raw) {
        return send(400, { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } })
      }
      if (seen) return send(seen.status, seen.response)
    }
    const result = route(req.method ?? 'GET', url.pathname, url.searchParams, body)
    const response = JSON.stringify(result.body)
    if (key && req.method === 'POST') idempotent.set(key, { body: raw, status: result.status, response })
    send(result.status, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  base = `http://127.0.0.1:${port}`
  const secret = options.webhookSecret ?? 'whsec_test_secret'

  return {
    url: base,
    port,
    requests,
    sessions,
    prices,
    products,
    completeSession: (sessionId, { paymentStatus = 'paid' } = {}) => {
      const session = sessions.get(sessionId)
      if (!session) throw new Error(`fake stripe: no session ${sessionId}`)
      Object.assign(session, { status: 'complete', payment_status: paymentStatus, payment_intent: session.payment_intent ?? id('pi') })
      return { ...session }
    },
    expireSession: (sessionId) => {
      const session = sessions.get(sessionId)
      if (!session) throw new Error(`fake stripe: no session ${sessionId}`)
      session.status = 'expired'
      return { ...session }
    },
    makeEvent: (type, object) => ({
      id: id('evt'),
      object: 'event',
      api_version: '2025-10-29.clover',
      created: now(),
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object },
    }),
    signedWebhook: (event, { secret: override, timestamp } = {}) => {
      const body = JSON.stringify(event)
      return { body, headers: { 'stripe-signature': signStripePayload(body, override ?? secret, timestamp), 'content-type': 'application/json' } }
    },
    makeCharge: ({ paymentIntent, amount, amountRefunded }) => ({
      id: id('ch'),
      object: 'charge',
      amount,
      amount_refunded: amountRefunded,
      refunded: amountRefunded >= amount,
      payment_intent: paymentIntent,
      currency: 'usd',
      livemode: false,
    }),
    makeDispute: ({ paymentIntent, charge, amount }) => ({
      id: id('dp'),
      object: 'dispute',
      amount,
      charge: charge ?? id('ch'),
      payment_intent: paymentIntent,
      reason: 'fraudulent',
      status: 'needs_response',
      currency: 'usd',
      livemode: false,
    }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
