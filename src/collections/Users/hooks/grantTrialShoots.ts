import type { CollectionAfterChangeHook } from 'payload'

import { applyCreditChange } from '@/billing/ledger'
import { settings } from '@/lib/settings'
import type { User } from '@/payload-types'


/**
 * New customers get FREE_TRIAL_SHOOTS once, as a ledger grant. The ledger's idempotency
 * key makes "once" hold even if the hook ran twice for one user.
 */
export const grantTrialShoots: CollectionAfterChangeHook<User> = async ({ doc, operation, req }) => {
  if (operation !== 'create' || doc.role !== 'customer') return doc
  const shoots = settings().freeTrialShoots
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
