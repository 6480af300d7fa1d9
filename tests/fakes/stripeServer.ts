import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import Stripe from 'stripe'

import { type CapabilityStatus, createConnect, type Owner } from './stripeConnect'
import { parseStripeForm } from './stripeForm'
import { serveHostedPage } from './stripePages'
import {
  boolean,
  createdMatches,
  currencyOf,
  Fault,
  id,
  integer,
  invalid,
  type Json,
  mergeMetadata,
  metadataOf,
  missing,
  noSuch,
  now,
  only,
  urlOf,
} from './stripeParams'

/**
 * A local Stripe that speaks the wire format the real `stripe` SDK uses (form-encoded
 * requests, JSON objects, list envelopes, error bodies, idempotency keys), plus test
 * controls for the parts a customer or Stripe itself plays: paying, expiring, signing events.
 * It validates like Stripe where an app bug would otherwise pass here and fail live
 * (missing or unknown params, archived prices, mixed currencies, bad URLs, metadata limits).
 * Connect (accounts, the Stripe-Account header, application fees, refunds) is in stripeConnect.ts.
 */
export type RecordedRequest = {
  method: string
  path: string
  query: Json
  headers: http.IncomingHttpHeaders
  body: Json
  raw: string
}

export interface FakeStripe {
  url: string
  port: number
  requests: RecordedRequest[]
  /** Live state by id; tests may read it, or edit it (e.g. backdate `created`) to set up a case. */
  sessions: Map<string, any>
  prices: Map<string, any>
  products: Map<string, any>
  /** Connect: accounts, and the charges, refunds and application fees payments made. */
  accounts: Map<string, any>
  charges: Map<string, any>
  refunds: Map<string, any>
  applicationFees: Map<string, any>
  /**
   * The account holder finishes onboarding: capabilities become `active` (or `pending`). Returns the
   * `account.updated` event Stripe sends to the platform's Connect endpoint.
   */
  completeOnboarding: (accountId: string, options?: { capability?: CapabilityStatus }) => any
  completeSession: (sessionId: string, options?: { paymentStatus?: 'paid' | 'unpaid' }) => any
  expireSession: (sessionId: string) => any
  /** An event; with `account`, a Connect event from that connected account (top-level `account`). */
  makeEvent: (type: string, object: unknown, options?: { account?: string }) => any
  /** Signed with the Connect endpoint's secret when the event has an `account`, else the account endpoint's. */
  signedWebhook: (
    event: unknown,
    options?: { secret?: string; timestamp?: number },
  ) => { body: string; headers: Record<string, string> }
  makeCharge: (options: { paymentIntent: string; amount: number; amountRefunded: number }) => any
  makeDispute: (options: { paymentIntent: string; charge?: string; amount: number }) => any
  close: () => Promise<void>
}

/** Stripe's webhook signature: `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
export const signStripePayload = (payload: string, secret: string, timestamp = now()): string =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}`

export const startFakeStripe = async (
  options: { webhookSecret?: string; connectWebhookSecret?: string; apiKey?: string } = {},
): Promise<FakeStripe> => {
  const sessions = new Map<string, any>()
  const prices = new Map<string, any>()
  const products = new Map<string, any>()
  const order = new Map<string, number>() // creation sequence: lists stay newest-first within one second
  const idempotent = new Map<string, { request: string; response: string }>()
  const requests: RecordedRequest[] = []
  let base = ''
  const connect = createConnect(() => base)

  const find = (map: Map<string, any>, kind: string, key: string) =>
    map.get(key) ?? noSuch(kind, key, undefined, 404)

  const createSession = (body: Json, account: Owner) => {
    only(body, [
      'mode',
      'line_items',
      'client_reference_id',
      'customer_email',
      'metadata',
      'success_url',
      'cancel_url',
      'expires_at',
      'payment_intent_data',
      'locale',
    ])
    if (body.mode !== 'payment')
      body.mode === undefined
        ? missing('mode')
        : invalid(`This fake supports mode=payment only, not '${body.mode}'.`, { param: 'mode' })
    if (!Array.isArray(body.line_items) || body.line_items.length === 0) missing('line_items')
    let amount = 0
    let currency: string | undefined
    ;(body.line_items as Json[]).forEach((item, index) => {
      const at = `line_items[${index}]`
      const quantity = integer(item.quantity, `${at}[quantity]`, 1)
      let unit: number, itemCurrency: string
      if (item.price !== undefined) {
        const price = prices.get(item.price) ?? noSuch('price', item.price, `${at}[price]`)
        if (!price.active)
          invalid('The price specified is inactive. This field only accepts active prices.', {
            param: `${at}[price]`,
          })
        ;[unit, itemCurrency] = [price.unit_amount, price.currency]
      } else if (item.price_data !== undefined) {
        const data = item.price_data as Json
        itemCurrency = currencyOf(data.currency, `${at}[price_data][currency]`)
        unit = integer(data.unit_amount, `${at}[price_data][unit_amount]`)
        if (data.product === undefined && data.product_data?.name === undefined)
          missing(`${at}[price_data][product_data][name]`)
        if (data.product !== undefined && !products.has(data.product))
          noSuch('product', data.product, `${at}[price_data][product]`)
      } else
        return invalid('You must specify either `price` or `price_data` in each line item.', { param: at })
      if (currency && itemCurrency !== currency)
        invalid('All line items must use the same currency.', { param: at })
      currency = itemCurrency
      amount += unit * quantity
    })
    const created = now()
    const expiresAt =
      body.expires_at === undefined ? created + 24 * 3600 : integer(body.expires_at, 'expires_at')
    if (expiresAt < created + 30 * 60 || expiresAt > created + 24 * 3600) {
      invalid(
        'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
        { param: 'expires_at' },
      )
    }
    const fee = connect.sessionFee(body.payment_intent_data, amount, account)
    const sessionId = id('cs_test')
    connect.openSession(sessionId, account, fee)
    // The url is a page on this server (not checkout.stripe.com) so browser tests can open it offline.
    const session = {
      id: sessionId,
      object: 'checkout.session',
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: urlOf(body.cancel_url, 'cancel_url'),
      client_reference_id: body.client_reference_id ?? null,
      created,
      currency,
      customer: null,
      customer_email: body.customer_email ?? null,
      expires_at: expiresAt,
      livemode: false,
      metadata: metadataOf(body.metadata),
      mode: 'payment',
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      success_url: urlOf(body.success_url, 'success_url'),
      url: `${base}/c/pay/${sessionId}`,
    }
    sessions.set(sessionId, session)
    order.set(sessionId, order.size)
    return session
  }

  const listSessions = (query: Json, account: Owner) => {
    only(query, ['limit', 'created', 'status', 'starting_after', 'payment_intent'])
    const limit = query.limit === undefined ? 10 : integer(query.limit, 'limit', 1)
    if (limit > 100) invalid('This value must be less than or equal to 100.', { param: 'limit' })
    let rows = [...sessions.values()]
      .filter((s) => (connect.ownerOf.get(s.id) ?? null) === account)
      .filter((s) => createdMatches(s.created, query.created) && (!query.status || s.status === query.status))
      .filter((s) => !query.payment_intent || s.payment_intent === query.payment_intent)
      .sort((a, b) => b.created - a.created || order.get(b.id)! - order.get(a.id)!)
    if (query.starting_after) {
      const index = rows.findIndex((s) => s.id === query.starting_after)
      rows = rows.slice(
        (index >= 0 ? index : noSuch('checkout.session', query.starting_after, 'starting_after')) + 1,
      )
    }
    return {
      object: 'list',
      data: rows.slice(0, limit),
      has_more: rows.length > limit,
      url: '/v1/checkout/sessions',
    }
  }

  const expire = (sessionId: string, account: Owner) => {
    const session = connect.scoped(sessions, 'checkout.session', sessionId, account)
    if (session.status !== 'open')
      invalid(
        `Only Checkout Sessions with a status in ["open"] can be expired; this one is ${session.status}.`,
      )
    return Object.assign(session, { status: 'expired', url: null })
  }

  const route = (method: string, path: string, query: Json, body: Json, account: Owner): unknown => {
    const answer = connect.route(method, path, query, body, account)
    if (answer !== undefined) return answer
    const [, resource, resourceId, action] =
      path.match(/^\/v1\/(checkout\/sessions|products|prices)(?:\/([^/]+))?(?:\/([^/]+))?$/) ?? []
    switch (`${method} ${resource ?? path}${resourceId ? '/:id' : ''}${action ? `/${action}` : ''}`) {
      case 'POST checkout/sessions':
        return createSession(body, account)
      case 'GET checkout/sessions':
        return listSessions(query, account)
      case 'GET checkout/sessions/:id':
        return connect.scoped(sessions, 'checkout.session', resourceId, account)
      case 'POST checkout/sessions/:id/expire':
        return expire(resourceId, account)
      case 'POST products': {
        only(body, ['name', 'description', 'metadata', 'active'])
        if (!body.name) missing('name')
        const active = body.active === undefined ? true : boolean(body.active, 'active')
        const product = {
          id: id('prod'),
          object: 'product',
          active,
          created: now(),
          default_price: null,
          description: body.description ?? null,
          images: [],
          livemode: false,
          metadata: metadataOf(body.metadata),
          name: body.name,
          updated: now(),
        }
        products.set(product.id, product)
        return product
      }
      case 'POST products/:id': {
        only(body, ['name', 'description', 'metadata', 'active'])
        const product = find(products, 'product', resourceId)
        if (body.name !== undefined) product.name = body.name
        if (body.description !== undefined) product.description = body.description || null
        if (body.active !== undefined) product.active = boolean(body.active, 'active')
        mergeMetadata(product.metadata, body.metadata)
        return Object.assign(product, { updated: now() })
      }
      case 'POST prices': {
        only(body, ['product', 'unit_amount', 'currency', 'metadata', 'nickname', 'active', 'lookup_key'])
        if (!products.has(body.product))
          body.product === undefined ? missing('product') : noSuch('product', body.product, 'product')
        const unitAmount = integer(body.unit_amount, 'unit_amount')
        const price = {
          id: id('price'),
          object: 'price',
          active: body.active === undefined ? true : boolean(body.active, 'active'),
          billing_scheme: 'per_unit',
          created: now(),
          currency: currencyOf(body.currency, 'currency'),
          livemode: false,
          lookup_key: body.lookup_key ?? null,
          metadata: metadataOf(body.metadata),
          nickname: body.nickname ?? null,
          product: body.product,
          recurring: null,
          tax_behavior: 'unspecified',
          type: 'one_time',
          unit_amount: unitAmount,
          unit_amount_decimal: String(unitAmount),
        }
        prices.set(price.id, price)
        return price
      }
      case 'GET prices/:id':
        return find(prices, 'price', resourceId)
      case 'POST prices/:id': {
        // Prices are immutable apart from these: a new amount means a new Price (unit_amount is rejected as unknown).
        only(body, ['active', 'metadata', 'nickname', 'lookup_key'])
        const price = find(prices, 'price', resourceId)
        if (body.active !== undefined) price.active = boolean(body.active, 'active')
        if (body.nickname !== undefined) price.nickname = body.nickname || null
        mergeMetadata(price.metadata, body.metadata)
        return price
      }
      default:
        return invalid(`Unrecognized request URL (${method}: ${path}).`, {}, 404)
    }
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://fake')
    const query = parseStripeForm(url.search.slice(1))
    const body = method === 'GET' ? {} : parseStripeForm(raw)
    requests.push({ method, path: url.pathname, query, headers: req.headers, body, raw })
    const send = (status: number, payload: unknown, extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': id('req'),
        'stripe-version': Stripe.API_VERSION,
        ...extra,
      })
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload))
    }
    const fail = (status: number, type: string, message: string) => send(status, { error: { type, message } })
    // The pages a browser opens on Stripe's side: Checkout and Connect onboarding (stripePages.ts).
    const hosted = serveHostedPage(req, res, url, {
      successUrlOf: (sessionId) => sessions.get(sessionId)?.success_url ?? undefined,
      completeSession: (sessionId) => fake.completeSession(sessionId),
      linkOf: (token) => connect.links.get(token),
      completeOnboarding: (accountId) => connect.completeOnboarding(accountId),
    })
    if (hosted) return
    const given = (req.headers.authorization ?? '').replace(/^Bearer /, '')
    if (!given) return fail(401, 'invalid_request_error', 'You did not provide an API key.')
    if (options.apiKey ? given !== options.apiKey : !/^(sk|rk)_test_\w+$/.test(given)) {
      return fail(
        401,
        'invalid_request_error',
        `Invalid API Key provided: ${given.length > 12 ? `${given.slice(0, 8)}****${given.slice(-4)}` : given}`,
      )
    }
    let account: Owner
    try {
      account = connect.accountOf(req.headers['stripe-account'], given)
    } catch (error) {
      if (error instanceof Fault) return send(error.status, { error: error.error })
      throw error
    }
    // Keys are per account, as on Stripe: the same key under two Stripe-Account headers is two requests.
    const given_key = method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined
    const key = given_key === undefined ? undefined : `${account ?? ''} ${given_key}`
    const fingerprint = `${method} ${url.pathname}\n${raw}`
    const seen = key ? idempotent.get(key) : undefined
    if (seen && seen.request !== fingerprint) {
      const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${given_key}' if you meant to execute a different request.`
      return fail(400, 'idempotency_error', message)
    }
    if (seen) return send(200, seen.response, { 'idempotent-replayed': 'true' })
    let response: string
    try {
      response = JSON.stringify(route(method, url.pathname, query, body, account))
    } catch (error) {
      if (error instanceof Fault) return send(error.status, { error: error.error })
      throw error
    }
    // Like Stripe, only a request that ran is saved: one rejected by validation may be retried with the same key.
    if (key) idempotent.set(key, { request: fingerprint, response })
    send(200, response)
  }
  // A crash in the fake answers 500 (which the SDK reports as an API error) instead of an unhandled rejection.
  const server = http.createServer(
    (req, res) =>
      void handle(req, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({ error: { type: 'api_error', message: `Fake Stripe crashed: ${String(error)}` } }),
        )
      }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  base = `http://127.0.0.1:${port}`
  const secret = options.webhookSecret ?? 'whsec_test_secret'
  const connectSecret = options.connectWebhookSecret ?? 'whsec_test_connect_secret'
  // The object is copied: later changes to a session must not rewrite an event already "sent".
  const makeEvent = (type: string, object: unknown, { account }: { account?: string } = {}) => ({
    id: id('evt'),
    object: 'event',
    ...(account ? { account } : {}),
    api_version: Stripe.API_VERSION,
    created: now(),
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  })
  const sessionOrThrow = (sessionId: string) => {
    if (!sessions.has(sessionId)) throw new Error(`fake stripe: no session ${sessionId}`)
    return sessions.get(sessionId)
  }

  const fake: FakeStripe = {
    url: base,
    port,
    requests,
    sessions,
    prices,
    products,
    accounts: connect.accounts,
    charges: connect.charges,
    refunds: connect.refunds,
    applicationFees: connect.applicationFees,
    completeOnboarding: (accountId, options) => {
      const account = connect.completeOnboarding(accountId, options)
      return makeEvent('account.updated', account, { account: accountId })
    },
    // Called again on a complete, unpaid session it models a delayed (async) payment succeeding.
    completeSession: (sessionId, { paymentStatus = 'paid' } = {}) => {
      const session = sessionOrThrow(sessionId)
      if (session.status === 'expired')
        throw new Error(`fake stripe: session ${sessionId} is expired and cannot be completed`)
      Object.assign(session, {
        status: 'complete',
        payment_status: paymentStatus,
        payment_intent: session.payment_intent ?? id('pi'),
        url: null,
      })
      // The money moves once, when the payment succeeds: a charge (and the platform's fee).
      const paid = [...connect.charges.values()].some((c) => c.payment_intent === session.payment_intent)
      if (paymentStatus === 'paid' && !paid) connect.recordPayment(session)
      return structuredClone(session)
    },
    expireSession: (sessionId) => {
      if (sessionOrThrow(sessionId).status !== 'open')
        throw new Error(`fake stripe: session ${sessionId} is not open and cannot expire`)
      return structuredClone(expire(sessionId, connect.ownerOf.get(sessionId) ?? null))
    },
    makeEvent,
    // Stripe sends pretty-printed JSON; signing exactly that catches handlers that verify a re-serialised body.
    signedWebhook: (event, { secret: override, timestamp } = {}) => {
      const body = JSON.stringify(event, null, 2)
      return {
        body,
        headers: {
          'stripe-signature': signStripePayload(
            body,
            override ?? ((event as { account?: string }).account ? connectSecret : secret),
            timestamp,
          ),
          'content-type': 'application/json',
        },
      }
    },
    makeCharge: ({ paymentIntent, amount, amountRefunded }) => ({
      id: id('ch'),
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: amountRefunded,
      captured: true,
      created: now(),
      currency: 'usd',
      disputed: false,
      livemode: false,
      paid: true,
      payment_intent: paymentIntent,
      refunded: amountRefunded >= amount,
      status: 'succeeded',
    }),
    makeDispute: ({ paymentIntent, charge, amount }) => ({
      id: id('dp'),
      object: 'dispute',
      amount,
      balance_transactions: [],
      charge: charge ?? id('ch'),
      created: now(),
      currency: 'usd',
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: paymentIntent,
      reason: 'fraudulent',
      status: 'needs_response',
    }),
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  }
  return fake
}
