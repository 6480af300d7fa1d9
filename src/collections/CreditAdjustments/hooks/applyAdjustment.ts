import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { applyCreditChange, InsufficientCreditsError } from '@/billing/ledger'
import { relationId } from '@/lib/relationId'

/** Moves the chosen wallet through the ledger inside the adjustment's own transaction. */
export const applyAdjustment: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const userId = relationId(data.user)
  const wallet = relationId(data.wallet) ?? null
  try {
    const { walletBalanceAfter } = await applyCreditChange(req, {
      userId,
      delta: data.amount,
      kind: data.amount > 0 ? 'admin_grant' : 'admin_deduct',
      wallet,
      reason: data.reason,
      actorId: req.user?.id,
    })
    return { ...data, admin: req.user?.id, balanceAfter: walletBalanceAfter }
  } catch (error) {
    if (error instanceof InsufficientCreditsError) {
      const where = wallet === null ? 'shoots for any package' : 'shoots in that package\'s wallet'
      throw new APIError(`Cannot deduct ${-data.amount} shoots: the customer has ${error.balance} ${where}.`, 400, null, true)
    }
    throw error
  }
}
