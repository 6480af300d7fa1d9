import type { CollectionAfterChangeHook } from 'payload'

import { applyCreditChange } from '@/billing/ledger'
import { queueEmail } from '@/email/queue'

const trialShoots = (): number => {
  const raw = Number(process.env.FREE_TRIAL_SHOOTS ?? 3)
  return Number.isInteger(raw) && raw >= 0 ? raw : 3
}

/**
 * New customers get FREE_TRIAL_SHOOTS once, as a ledger grant. The ledger's idempotency
 * key makes "once" hold even if the hook ran twice for one user.
 */
export const grantTrialShoots: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create' || doc.role !== 'customer') return doc
  const shoots = trialShoots()
  // Queued on the sign-up's transaction: no welcome for an account that was never created.
  await queueEmail(req, { template: 'welcome', userId: doc.id, data: { trialShoots: shoots, name: doc.name ?? null } })
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
