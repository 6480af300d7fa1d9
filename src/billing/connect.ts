import type { PayloadRequest } from 'payload'
import Stripe from 'stripe'

import { badGateway, conflict, notFound, serviceUnavailable } from '@/lib/errors'
import { lockKey } from '@/lib/drizzle'
import { inTransaction } from '@/lib/transactions'
import type { Studio } from '@/payload-types'

import { publicOrigin } from './publicOrigin'
import {
  createStripeClient,
  PAYMENTS_NOT_CONFIGURED,
  readStripeConfig,
  type StripeConfig,
} from './stripeClient'

/**
 * Stripe Connect onboarding of a studio (docs.stripe.com/connect/express-accounts,
 * /api/accounts, /api/account_links): one Express account per studio, requested with the
 * `card_payments` and `transfers` capabilities; the account holder finishes Stripe's hosted
 * onboarding through an Account Link; readiness (the `card_payments` capability and
 * `charges_enabled`) is read back into the studio's server-written `stripe` group, from the
 * `account.updated` Connect event or a refresh when the owner returns.
 */

/** The studio's `stripe` group as the server writes it. */
export type StudioStripe = NonNullable<Studio['stripe']>

const CAPABILITY_STATUSES = ['inactive', 'pending', 'active'] as const

/** An account's readiness as the studio stores it: card_payments' status (absent: inactive) and charges_enabled. */
export const readinessOf = (account: Pick<Stripe.Account, 'id' | 'capabilities' | 'charges_enabled'>) => {
  const status = account.capabilities?.card_payments
  return {
    accountId: account.id,
    chargesEnabled: account.charges_enabled === true,
    cardPaymentsCapability: (CAPABILITY_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as StudioStripe['cardPaymentsCapability'])
      : ('inactive' as const),
  }
}

/** A studio can sell on its own account: connected, card_payments active, charges enabled. */
export const isStripeReady = (stripe: Studio['stripe']): stripe is StudioStripe & { accountId: string } =>
  Boolean(stripe?.accountId && stripe.cardPaymentsCapability === 'active' && stripe.chargesEnabled)

const configOrThrow = (): StripeConfig => {
  const config = readStripeConfig()
  if (!config) throw serviceUnavailable(PAYMENTS_NOT_CONFIGURED)
  return config
}

/** Stripe's own refusals and outages as a 502 with its message (never a 500). */
const upstream = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error
    throw badGateway(`Stripe could not ${what} (${error.type}): ${error.message}`)
  }
}

const findStudio = async (req: PayloadRequest, studioId: number): Promise<Studio> => {
  const studio = await req.payload
    .findByID({ collection: 'studios', id: studioId, depth: 0, req, overrideAccess: true })
    .catch(() => null)
  if (!studio) throw notFound(`No studio ${studioId}.`)
  return studio
}

/** Writes the studio's `stripe` group (server-written: clients cannot set it, so overrideAccess). */
const saveStripe = (req: PayloadRequest, studioId: number, stripe: StudioStripe) =>
  req.payload.update({
    collection: 'studios',
    id: studioId,
    data: { stripe },
    req,
    overrideAccess: true,
    depth: 0,
    context: { stripeConnect: true },
  })

/** The admin's edit page of the studio, where Stripe sends the owner back (`?stripe=return|refresh`). */
const studioPage = (req: PayloadRequest, studioId: number, step: 'refresh' | 'return') =>
  `${publicOrigin(req)}${req.payload.config.routes.admin}/collections/studios/${studioId}?stripe=${step}`

export interface ConnectStarted {
  accountId: string
  /** Stripe's hosted onboarding page (an Account Link: single use, expires in minutes). */
  url: string
  expiresAt: number
}

/**
 * Connects studio `studioId` to Stripe: creates its Express account the first time (idempotency
 * key `studio:<id>:express-account`, under a lock on the studio so two clicks make one account)
 * and stores `stripe.accountId`; then returns a fresh Account Link (`account_onboarding`) whose
 * refresh and return URLs are the studio's admin page. The caller checks who may do it.
 * Errors: 404 no such studio; 503 payments not configured; 502 Stripe refused or is unreachable.
 */
export const connectStudioAccount = async (
  req: PayloadRequest,
  studioId: number,
): Promise<ConnectStarted> => {
  // An unknown studio is a 404 before the platform's own set-up is looked at.
  await findStudio(req, studioId)
  const config = configOrThrow()
  const stripe = createStripeClient(config)
  const accountId = await inTransaction(req, async (req) => {
    await lockKey(req, `studio-stripe:${studioId}`)
    const studio = await findStudio(req, studioId)
    if (studio.stripe?.accountId) return studio.stripe.accountId
    const account = await upstream('create the studio’s Stripe account', () =>
      stripe.accounts.create(
        {
          type: 'express',
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          business_profile: { name: studio.name },
          metadata: { studioId: String(studio.id), studioSlug: studio.slug },
        },
        { idempotencyKey: `studio:${studio.id}:express-account` },
      ),
    )
    await saveStripe(req, studio.id, readinessOf(account))
    return account.id
  })
  const link = await upstream('start onboarding', () =>
    stripe.accountLinks.create({
      account: accountId,
      type: 'account_onboarding',
      refresh_url: studioPage(req, studioId, 'refresh'),
      return_url: studioPage(req, studioId, 'return'),
    }),
  )
  return { accountId, url: link.url, expiresAt: link.expires_at }
}

/**
 * Reads the studio's account from Stripe and stores its readiness (the owner came back from
 * onboarding; the `account.updated` event may not have arrived yet). Returns the stored group.
 * Errors: 404 no such studio; 409 (field `stripe.accountId`) not connected yet; 503; 502.
 */
export const refreshStudioAccount = async (req: PayloadRequest, studioId: number): Promise<StudioStripe> => {
  const studio = await findStudio(req, studioId)
  const config = configOrThrow()
  const accountId = studio.stripe?.accountId
  if (!accountId) {
    throw conflict(`${studio.name} has no Stripe account yet: connect it first.`, {
      field: 'stripe.accountId',
    })
  }
  const account = await upstream('read the studio’s Stripe account', () =>
    createStripeClient(config).accounts.retrieve(accountId),
  )
  const stripe = readinessOf(account)
  await inTransaction(req, async (req) => {
    await lockKey(req, `studio-stripe:${studioId}`)
    await saveStripe(req, studioId, stripe)
  })
  return stripe
}

/** The studio whose connected account is `accountId`, or null: an account no studio owns. */
export const studioForAccount = async (req: PayloadRequest, accountId: string): Promise<Studio | null> => {
  const { docs } = await req.payload.find({
    collection: 'studios',
    where: { 'stripe.accountId': { equals: accountId } },
    limit: 1,
    depth: 0,
    req,
    overrideAccess: true,
  })
  return docs[0] ?? null
}

/**
 * account.updated (a Connect event): stores the account's readiness on its studio, in the
 * webhook's transaction. The caller has found the studio owning the event's `account`.
 */
export const applyAccountUpdate = async (
  req: PayloadRequest,
  studio: Studio,
  account: Stripe.Account,
): Promise<string> => {
  if (account.id !== studio.stripe?.accountId) return 'ignored: the account is not the studio’s'
  await lockKey(req, `studio-stripe:${studio.id}`)
  const stripe = readinessOf(account)
  await saveStripe(req, studio.id, stripe)
  return `studio ${studio.id}: card_payments ${stripe.cardPaymentsCapability}, charges ${stripe.chargesEnabled ? 'enabled' : 'disabled'}`
}
