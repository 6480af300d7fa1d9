import {
  boolean,
  id,
  invalid,
  type Json,
  metadataOf,
  missing,
  noSuch,
  now,
  only,
  urlOf,
} from './stripeParams'

/** Where an object lives: a connected account's id, or null for the platform. */
export type Owner = string | null

/** Stripe's onboarding requirements for a new US Express account (trimmed). */
const ONBOARDING_DUE = [
  'business_type',
  'external_account',
  'representative.first_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
]
const CAPABILITY_STATUSES = ['inactive', 'pending', 'active'] as const
export type CapabilityStatus = (typeof CAPABILITY_STATUSES)[number]

/**
 * Connect accounts and Account Links (docs.stripe.com/api/accounts, /api/account_links): Express
 * accounts start with their requested capabilities `inactive` and Stripe's requirements due;
 * a test control plays the account holder finishing onboarding.
 */
export const createAccounts = (base: () => string) => {
  const accounts = new Map<string, any>()
  /** Each Account Link's page token → the account it onboards and where Stripe sends the browser back. */
  const links = new Map<string, { account: string; returnUrl: string }>()

  const createAccount = (body: Json, account: Owner) => {
    only(body, [
      'type',
      'country',
      'email',
      'capabilities',
      'business_type',
      'business_profile',
      'metadata',
      'default_currency',
    ])
    if (account !== null) invalid('A connected account cannot create accounts: use the platform’s key.')
    if (body.type === undefined) missing('type')
    if (!['standard', 'express', 'custom'].includes(body.type))
      invalid(`Invalid type: must be one of standard, express, or custom`, { param: 'type' })
    const country = body.country === undefined ? 'US' : String(body.country).toUpperCase()
    if (!/^[A-Z]{2}$/.test(country)) invalid(`Invalid country: ${String(body.country)}`, { param: 'country' })
    const requested: string[] = []
    for (const [name, value] of Object.entries((body.capabilities ?? {}) as Json)) {
      if (boolean((value as Json)?.requested, `capabilities[${name}][requested]`)) requested.push(name)
    }
    if (body.type !== 'standard' && requested.length === 0)
      invalid(
        'Express and Custom accounts must request capabilities, e.g. capabilities[card_payments][requested]=true.',
        {
          param: 'capabilities',
        },
      )
    if (requested.includes('card_payments') && !requested.includes('transfers'))
      invalid('The card_payments capability must be requested together with the transfers capability.', {
        param: 'capabilities[transfers][requested]',
      })
    const created = {
      id: `acct_${id('x').slice(2, 18)}`,
      object: 'account',
      business_profile: { name: null, url: null, ...((body.business_profile as Json) ?? {}) },
      business_type: body.business_type ?? null,
      capabilities: Object.fromEntries(requested.map((name) => [name, 'inactive'])),
      charges_enabled: false,
      controller: { is_controller: true, type: 'application' },
      country,
      created: now(),
      default_currency: body.default_currency ?? 'usd',
      details_submitted: false,
      email: body.email ?? null,
      metadata: metadataOf(body.metadata),
      payouts_enabled: false,
      requirements: {
        alternatives: [],
        current_deadline: null,
        currently_due: [...ONBOARDING_DUE],
        disabled_reason: 'requirements.past_due',
        errors: [],
        eventually_due: [...ONBOARDING_DUE],
        past_due: [...ONBOARDING_DUE],
        pending_verification: [],
      },
      tos_acceptance: { date: null },
      type: body.type,
    }
    accounts.set(created.id, created)
    return created
  }

  const createAccountLink = (body: Json, account: Owner) => {
    only(body, ['account', 'type', 'refresh_url', 'return_url', 'collect', 'collection_options'])
    if (account !== null) invalid('Account Links are created with the platform’s key.')
    if (body.account === undefined) missing('account')
    const target = accounts.get(body.account) ?? noSuch('account', body.account, 'account')
    if (body.type === undefined) missing('type')
    if (!['account_onboarding', 'account_update'].includes(body.type))
      invalid(`Invalid type: must be one of account_onboarding or account_update`, { param: 'type' })
    if (body.type === 'account_update' && target.type !== 'custom')
      invalid(`You cannot create \`account_update\` type Account Links for ${target.type} accounts.`, {
        param: 'type',
      })
    if (body.refresh_url === undefined) missing('refresh_url')
    if (body.return_url === undefined) missing('return_url')
    urlOf(body.refresh_url, 'refresh_url')
    urlOf(body.return_url, 'return_url')
    const created = now()
    const token = id('x').slice(2)
    links.set(token, { account: target.id, returnUrl: body.return_url })
    // A page on this server (not connect.stripe.com) so a browser can open it offline; expires in 5 minutes.
    return {
      object: 'account_link',
      created,
      expires_at: created + 300,
      url: `${base()}/setup/e/${target.id}/${token}`,
    }
  }

  /**
   * The test control for the account holder finishing Stripe's onboarding: details submitted and
   * the requested capabilities `active` (or `pending`, while Stripe verifies). Returns a copy.
   */
  const completeOnboarding = (accountId: string, { capability = 'active' as CapabilityStatus } = {}) => {
    const account = accounts.get(accountId)
    if (!account) throw new Error(`fake stripe: no account ${accountId}`)
    if (!CAPABILITY_STATUSES.includes(capability))
      throw new Error(`fake stripe: bad capability ${capability}`)
    for (const name of Object.keys(account.capabilities)) account.capabilities[name] = capability
    const active = capability === 'active'
    Object.assign(account, {
      details_submitted: true,
      charges_enabled: active,
      payouts_enabled: active,
      tos_acceptance: { date: now() },
    })
    Object.assign(account.requirements, {
      currently_due: [],
      eventually_due: [],
      past_due: [],
      disabled_reason: active ? null : 'requirements.pending_verification',
      pending_verification: active ? [] : ['representative.verification.document'],
    })
    return structuredClone(account)
  }

  return { accounts, links, createAccount, createAccountLink, completeOnboarding }
}
