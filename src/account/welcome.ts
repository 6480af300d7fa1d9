import type { PayloadRequest } from 'payload'

import { applyCreditChange } from '@/billing/ledger'
import { queueEmail } from '@/email/queue'
import { settings } from '@/lib/settings'

/**
 * Starts a customer's account, in `req`'s transaction: FREE_TRIAL_SHOOTS as a ledger grant to the
 * "any package" wallet, and the welcome e-mail saying how many. Called once the account can sign
 * in: at creation by staff or our own code, at verification for a sign-up (verifyAccount). The
 * ledger's idempotency key `trial:<id>` makes the grant happen once per account however often this
 * runs; the welcome is queued only with the grant (or, with no trial, every time it runs).
 * Returns the customer's balance after, or null when nothing was granted.
 */
export const welcomeCustomer = async (
  req: PayloadRequest,
  user: { id: number; name?: string | null },
): Promise<number | null> => {
  const shoots = settings().freeTrialShoots
  let balanceAfter: number | null = null
  if (shoots > 0) {
    const grant = await applyCreditChange(req, {
      userId: user.id,
      delta: shoots,
      kind: 'trial_grant',
      reason: 'Welcome: free trial shoots',
      idempotencyKey: `trial:${user.id}`,
    })
    if (grant.duplicate) return null
    balanceAfter = grant.balanceAfter
  }
  await queueEmail(req, {
    template: 'welcome',
    userId: user.id,
    data: { trialShoots: shoots, name: user.name ?? null },
  })
  return balanceAfter
}
