import { createAccounts, type Owner } from './stripeAccounts'
import {
  boolean,
  createdMatches,
  Fault,
  id,
  integer,
  invalid,
  type Json,
  metadataOf,
  missing,
  noSuch,
  now,
  only,
  pageOf,
} from './stripeParams'

/**
 * The Connect half of the fake Stripe (docs.stripe.com/connect/accounts, /connect/direct-charges,
 * /api/account_links, /api/application_fees, /api/refunds):
 * - Express accounts and Account Links; a test control completes onboarding.
 * - The `Stripe-Account` header: every charge, refund and Checkout Session lives on one account
 *   (null: the platform) and is a 404 `resource_missing` from any other, as on Stripe.
 * - Direct charges with `payment_intent_data[application_fee_amount]`: paying makes a charge on the
 *   connected account and an `application_fee` on the platform; `refund_application_fee=true`
 *   refunds the fee in proportion to the refunded share of the charge.
 */

export type { CapabilityStatus, Owner } from './stripeAccounts'

export const createConnect = (base: () => string) => {
  const { accounts, links, createAccount, createAccountLink, completeOnboarding } = createAccounts(base)
  const charges = new Map<string, any>()
  const refunds = new Map<string, any>()
  const applicationFees = new Map<string, any>()
  /** Where each charge, refund and session lives (null: the platform). */
  const ownerOf = new Map<string, Owner>()
  /** A session's application fee, kept until it is paid (Stripe keeps it on the PaymentIntent). */
  const feeOfSession = new Map<string, number>()

  /** The `Stripe-Account` header: an account this platform does not reach is a 403, as on Stripe. */
  const accountOf = (header: string | string[] | undefined, key: string): Owner => {
    if (header === undefined || header === '') return null
    const value = Array.isArray(header) ? header[0] : header
    if (accounts.has(value)) return value
    throw new Fault(403, {
      type: 'invalid_request_error',
      code: 'account_invalid',
      message: `The provided key '${key.slice(0, 8)}****${key.slice(-4)}' does not have access to account '${value}' (or that account does not exist). Application access may have been revoked.`,
    })
  }

  /** An object by id, only on the account that owns it (others get Stripe's 404). */
  const scoped = (map: Map<string, any>, kind: string, key: string, account: Owner) =>
    map.has(key) && (ownerOf.get(key) ?? null) === account ? map.get(key) : noSuch(kind, key, undefined, 404)

  /**
   * `payment_intent_data` of a new Checkout Session: the fee must be an integer, at most the
   * amount, and only on a direct charge (a `Stripe-Account` header), like Stripe.
   */
  const sessionFee = (data: unknown, amount: number, account: Owner): number | null => {
    if (data === undefined) return null
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      return invalid('Invalid object', { param: 'payment_intent_data' })
    const fields = data as Json
    const allowed = ['application_fee_amount', 'description', 'metadata', 'receipt_email']
    const unknown = Object.keys(fields).find((key) => !allowed.includes(key))
    if (unknown)
      invalid(`Received unknown parameter: payment_intent_data[${unknown}]`, {
        code: 'parameter_unknown',
        param: `payment_intent_data[${unknown}]`,
      })
    metadataOf(fields.metadata)
    if (fields.application_fee_amount === undefined) return null
    const param = 'payment_intent_data[application_fee_amount]'
    const fee = integer(fields.application_fee_amount, param)
    if (account === null)
      invalid(
        'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
        { param },
      )
    if (fee > amount)
      invalid(`The application fee (${fee}) cannot be greater than the amount of the payment (${amount}).`, {
        param,
      })
    return fee
  }

  /** A new Checkout Session on `account`: refused while its card_payments capability is not active. */
  const openSession = (sessionId: string, account: Owner, fee: number | null) => {
    if (account !== null) {
      const status = accounts.get(account).capabilities?.card_payments ?? 'inactive'
      if (status !== 'active')
        invalid(
          `Your destination account needs to have at least one of the following capabilities enabled: card_payments (account ${account}: card_payments is ${status}).`,
          { code: 'insufficient_capabilities_for_transfer' },
        )
    }
    ownerOf.set(sessionId, account)
    if (fee !== null) feeOfSession.set(sessionId, fee)
  }

  /** The customer paid the session: its charge on the session's account, and the platform's fee. */
  const recordPayment = (session: Json): Json => {
    const account = ownerOf.get(session.id) ?? null
    const chargeId = id('ch')
    const feeAmount = feeOfSession.get(session.id) ?? null
    const fee =
      feeAmount === null
        ? null
        : {
            id: id('fee'),
            object: 'application_fee',
            account,
            amount: feeAmount,
            amount_refunded: 0,
            application: 'ca_fake_platform',
            balance_transaction: null,
            charge: chargeId,
            created: now(),
            currency: session.currency,
            fee_source: { charge: chargeId, type: 'charge' },
            livemode: false,
            originating_transaction: null,
            refunded: false,
            refunds: { object: 'list', data: [], has_more: false, total_count: 0, url: '' },
          }
    if (fee) {
      fee.refunds.url = `/v1/application_fees/${fee.id}/refunds`
      applicationFees.set(fee.id, fee)
      ownerOf.set(fee.id, null) // the fee is the platform's
    }
    const charge = {
      id: chargeId,
      object: 'charge',
      amount: session.amount_total,
      amount_captured: session.amount_total,
      amount_refunded: 0,
      application_fee: fee?.id ?? null,
      application_fee_amount: feeAmount,
      captured: true,
      created: now(),
      currency: session.currency,
      disputed: false,
      livemode: false,
      metadata: {},
      paid: true,
      payment_intent: session.payment_intent,
      refunded: false,
      status: 'succeeded',
    }
    charges.set(chargeId, charge)
    ownerOf.set(chargeId, account)
    return charge
  }

  /** The fee's refunded total follows the charge's refunded share (all of it on a full refund), rounded to the cent. */
  const refundFee = (charge: Json, refundId: string) => {
    const fee = applicationFees.get(charge.application_fee)
    if (!fee) return
    const target = charge.refunded
      ? fee.amount
      : Math.min(fee.amount, Math.round((fee.amount * charge.amount_refunded) / charge.amount))
    const amount = target - fee.amount_refunded
    if (amount <= 0) return
    const feeRefund = {
      id: id('fr'),
      object: 'fee_refund',
      amount,
      balance_transaction: null,
      created: now(),
      currency: fee.currency,
      fee: fee.id,
      metadata: { refund: refundId },
    }
    fee.refunds.data.unshift(feeRefund)
    fee.refunds.total_count++
    Object.assign(fee, { amount_refunded: target, refunded: target >= fee.amount })
  }

  const createRefund = (body: Json, account: Owner) => {
    only(body, [
      'payment_intent',
      'charge',
      'amount',
      'reason',
      'metadata',
      'refund_application_fee',
      'reverse_transfer',
    ])
    if (body.payment_intent === undefined && body.charge === undefined) missing('payment_intent')
    const visible = [...charges.values()].filter((c) => (ownerOf.get(c.id) ?? null) === account)
    const charge =
      body.charge !== undefined
        ? (visible.find((c) => c.id === body.charge) ?? noSuch('charge', body.charge, 'charge'))
        : (visible.find((c) => c.payment_intent === body.payment_intent) ??
          noSuch('payment_intent', body.payment_intent, 'payment_intent'))
    if (body.reverse_transfer !== undefined && boolean(body.reverse_transfer, 'reverse_transfer'))
      invalid('reverse_transfer can only be used on destination charges, not on a direct charge.', {
        param: 'reverse_transfer',
      })
    const withFee =
      body.refund_application_fee !== undefined &&
      boolean(body.refund_application_fee, 'refund_application_fee')
    const left = charge.amount - charge.amount_refunded
    if (left === 0)
      invalid(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' })
    const amount = body.amount === undefined ? left : integer(body.amount, 'amount', 1)
    if (amount > left)
      invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left}).`, {
        param: 'amount',
      })
    if (
      body.reason !== undefined &&
      !['duplicate', 'fraudulent', 'requested_by_customer'].includes(body.reason)
    )
      invalid(`Invalid reason: ${String(body.reason)}`, { param: 'reason' })
    const refund = {
      id: id('re'),
      object: 'refund',
      amount,
      balance_transaction: null,
      charge: charge.id,
      created: now(),
      currency: charge.currency,
      metadata: metadataOf(body.metadata),
      payment_intent: charge.payment_intent,
      reason: body.reason ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    }
    charge.amount_refunded += amount
    charge.refunded = charge.amount_refunded >= charge.amount
    if (withFee) refundFee(charge, refund.id)
    refunds.set(refund.id, refund)
    ownerOf.set(refund.id, account)
    return refund
  }

  /** Answers the Connect resources; `undefined` for a path that is not one of them. */
  const route = (method: string, path: string, query: Json, body: Json, account: Owner): unknown => {
    const [, resource, resourceId, action] =
      path.match(
        /^\/v1\/(accounts|account_links|application_fees|charges|refunds)(?:\/([^/]+))?(?:\/([^/]+))?$/,
      ) ?? (path === '/v1/account' ? [path, 'account'] : [])
    if (!resource) return undefined
    switch (`${method} ${resource}${resourceId ? '/:id' : ''}${action ? `/${action}` : ''}`) {
      case 'POST accounts':
        return createAccount(body, account)
      case 'GET accounts/:id':
        if (account !== null && account !== resourceId) return noSuch('account', resourceId, undefined, 404)
        return accounts.get(resourceId) ?? noSuch('account', resourceId, undefined, 404)
      case 'GET account':
        return account === null
          ? invalid('Give a Stripe-Account header to read a connected account.')
          : accounts.get(account)
      case 'POST account_links':
        return createAccountLink(body, account)
      case 'GET application_fees': {
        only(query, ['limit', 'created', 'charge', 'starting_after'])
        const rows = [...applicationFees.values()]
          .filter((fee) => account === null && (!query.charge || fee.charge === query.charge))
          .filter((fee) => createdMatches(fee.created, query.created))
          .reverse()
        return pageOf(rows, query, '/v1/application_fees', 'application_fee')
      }
      case 'GET application_fees/:id':
        return scoped(applicationFees, 'application_fee', resourceId, account)
      case 'GET application_fees/:id/refunds':
        return scoped(applicationFees, 'application_fee', resourceId, account).refunds
      case 'GET charges': {
        only(query, ['limit', 'payment_intent', 'starting_after', 'created'])
        const rows = [...charges.values()]
          .filter((c) => (ownerOf.get(c.id) ?? null) === account)
          .filter((c) => !query.payment_intent || c.payment_intent === query.payment_intent)
          .reverse()
        return pageOf(rows, query, '/v1/charges', 'charge')
      }
      case 'GET charges/:id':
        return scoped(charges, 'charge', resourceId, account)
      case 'POST refunds':
        return createRefund(body, account)
      case 'GET refunds/:id':
        return scoped(refunds, 'refund', resourceId, account)
      default:
        return invalid(`Unrecognized request URL (${method}: ${path}).`, {}, 404)
    }
  }

  return {
    accounts,
    links,
    charges,
    refunds,
    applicationFees,
    ownerOf,
    accountOf,
    scoped,
    sessionFee,
    openSession,
    recordPayment,
    route,
    completeOnboarding,
  }
}
