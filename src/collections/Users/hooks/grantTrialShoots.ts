import type { CollectionAfterChangeHook } from 'payload'

import { applyCreditChange } from '@/billing/ledger'
import { queueEmail } from '@/email/queue'
import { settings } from '@/lib/settings'
import type { User } from '@/payload-types'

/**
 * New customers get FREE_TRIAL_SHOOTS once, as a ledger grant, and a welcome e-mail. The
 * ledger's idempotency key makes "once" hold even if the hook ran twice for one user.
 */
export const grantTrialShoots: CollectionAfterChangeHook<User> = async ({ doc, operation, req }) => {
  if (operation !== 'create' || doc.role !== 'customer') return doc
  const shoots = settings().freeTrialShoots
  // Queued on the sign-up's transaction: no welcome for an account that was never created.
  await queueEmail(req, {
    template: 'welcome',
    userId: doc.id,
    data: { trialShoots: shoots, name: doc.name ?? null },
  })
  if (shoots === 0) return doc
  const { balanceAfter } = await applyCreditChange(req, {
    userId: doc.id,
    delta: shoots,
    kind: 'trial_grant',
    reason: 'Welcome: free trial shoots',
    idempotencyKey: `trial:${doc.id}`,
  })
  return { ...doc, shootCredits: balanceAfter }
}
