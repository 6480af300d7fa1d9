import type { FieldHook } from 'payload'

import { reversedCents } from '@/billing/reversals'
import type { Purchase } from '@/payload-types'

/** `reversedAmountCents` is derived on every write (refunds plus lost disputes, at most the amount), never typed. */
export const computeReversedAmount: FieldHook<Purchase, number | null | undefined> = ({
  data,
  originalDoc,
}) => {
  const purchase = { ...originalDoc, ...data } as Purchase
  return reversedCents({ ...purchase, amountCents: purchase.amountCents ?? 0 })
}
