import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { applyCreditChange, InsufficientCreditsError } from '@/billing/ledger'
import { relationId } from '@/lib/relationId'

/** Moves the balance through the ledger inside the adjustment's own transaction. */
export const applyAdjustment: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const userId = relationId(data.user)
  try {
    const { balanceAfter } = await applyCreditChange(req, {
      userId,
      delta: data.amount,
      kind: data.amount > 0 ? 'admin_grant' : 'admin_deduct',
      reason: data.reason,
      actorId: req.user?.id,
    })
    return { ...data, admin: req.user?.id, balanceAfter }
  } catch (error) {
    if (error instanceof InsufficientCreditsError) {
      throw new APIError(`Cannot deduct ${-data.amount} shoots: the customer has ${error.balance}.`, 400, null, true)
    }
    throw error
  }
}
