import type { CollectionBeforeChangeHook } from 'payload'

import { relationId } from '@/lib/relationId'
import type { CreditAdjustment } from '@/payload-types'

/** "+5 shoots for casey@example.com (Wedding Portraits)": the adjustment's title in lists and pickers. */
export const adjustmentTitle: CollectionBeforeChangeHook<CreditAdjustment> = async ({
  data,
  operation,
  req,
}) => {
  const userId = relationId(data.user)
  // Without a user, field validation refuses the adjustment naming `user`.
  if (operation !== 'create' || userId === undefined) return data
  const [user, pkg] = await Promise.all([
    req.payload
      .findByID({
        collection: 'users',
        id: userId,
        depth: 0,
        req,
        overrideAccess: true,
        select: { email: true },
      })
      .catch(() => null),
    data.wallet
      ? req.payload
          .findByID({
            collection: 'photo-packages',
            id: relationId(data.wallet),
            depth: 0,
            req,
            overrideAccess: true,
            select: { name: true },
          })
          .catch(() => null)
      : null,
  ])
  const amount = Number(data.amount)
  const signed = `${amount > 0 ? '+' : '−'}${Math.abs(amount)} ${Math.abs(amount) === 1 ? 'shoot' : 'shoots'}`
  return {
    ...data,
    title: `${signed} for ${user?.email ?? `user ${userId}`} (${pkg?.name ?? 'any package'})`,
  }
}
