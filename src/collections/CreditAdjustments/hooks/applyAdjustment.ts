import type { CollectionBeforeChangeHook } from 'payload'

import { isStudioStaff, studioIdsOf } from '@/access'
import { applyCreditChange } from '@/billing/ledger'
import { ledgerName } from '@/billing/ledgerNames'
import { badRequest } from '@/lib/errors'
import type { CreditAdjustment } from '@/payload-types'
import { defaultStudioId } from '@/studios/defaultStudio'
import { studioIdOf } from '@/studios/studioOwned'

const MAX_SHOOTS = 10_000

/**
 * Collection beforeChange hooks run BEFORE Payload validates the fields, so the fields this
 * hook spends are checked here first: money moves only for a valid adjustment.
 */
const validAdjustment = async (
  data: Partial<CreditAdjustment>,
  req: Parameters<CollectionBeforeChangeHook>[0]['req'],
): Promise<{ userId: number; amount: number; reason: string; studio: number | undefined }> => {
  const { amount, reason } = data
  if (
    typeof amount !== 'number' ||
    !Number.isInteger(amount) ||
    amount === 0 ||
    Math.abs(amount) > MAX_SHOOTS
  ) {
    throw badRequest(`amount: a whole number of shoots between -${MAX_SHOOTS} and ${MAX_SHOOTS}, not 0.`, {
      field: 'amount',
    })
  }
  if (typeof reason !== 'string' || reason.trim().length < 3 || reason.length > 500) {
    throw badRequest('reason: say why, in 3 to 500 characters.', { field: 'reason' })
  }
  const raw = typeof data.user === 'object' && data.user !== null ? data.user.id : data.user
  const userId = Number(raw)
  if (!Number.isSafeInteger(userId) || userId <= 0 || userId > 2_147_483_647) {
    throw badRequest('user: give the id of an existing customer.', { field: 'user' })
  }
  const customer = await req.payload.findByID({
    collection: 'users',
    id: userId,
    depth: 0,
    req,
    overrideAccess: true,
    disableErrors: true,
    select: { studio: true },
  })
  const studio = studioIdOf(customer?.studio)
  // A studio's owner adjusts their own studios' customers only; another's is as one that does not exist.
  const outside =
    isStudioStaff(req.user) && !studioIdsOf(req.user).some((id) => String(id) === String(studio))
  if (!customer || outside) throw badRequest(`user: there is no user ${userId}.`, { field: 'user' })
  return { userId, amount, reason, studio }
}

/** The wallet named, if any: a package that exists (empty means "any package" shoots). */
const validWallet = async (
  data: Partial<CreditAdjustment>,
  req: Parameters<CollectionBeforeChangeHook>[0]['req'],
  studio: number | undefined,
): Promise<number | null> => {
  const raw = typeof data.wallet === 'object' && data.wallet !== null ? data.wallet.id : data.wallet
  if (raw === undefined || raw === null) return null
  const packageId = Number(raw)
  if (!Number.isSafeInteger(packageId) || packageId <= 0 || packageId > 2_147_483_647) {
    throw badRequest(
      'wallet: give the id of a package, or leave it empty for shoots usable on any package.',
      { field: 'wallet' },
    )
  }
  // The customer's studio's packages only: shoots for another studio's package could never be spent.
  const { totalDocs } = await req.payload.count({
    collection: 'photo-packages',
    where: {
      and: [{ id: { equals: packageId } }, ...(studio === undefined ? [] : [{ studio: { equals: studio } }])],
    },
    req,
    overrideAccess: true,
  })
  if (totalDocs === 0)
    throw badRequest(`wallet: there is no package ${packageId} at the customer's studio.`, {
      field: 'wallet',
    })
  return packageId
}

/** Moves the chosen wallet through the ledger inside the adjustment's own transaction. */
export const applyAdjustment: CollectionBeforeChangeHook<CreditAdjustment> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create') return data
  const { userId, amount, reason, studio } = await validAdjustment(data, req)
  const wallet = await validWallet(data, req, studio)
  // A deduction beyond the wallet is an InsufficientCreditsError (402, with the wallet's balance).
  const { walletBalanceAfter } = await applyCreditChange(req, {
    userId,
    delta: amount,
    kind: amount > 0 ? 'admin_grant' : 'admin_deduct',
    wallet,
    reason,
    actorId: req.user?.id,
    // One ledger row per adjustment, ever: a retried save of the same adjustment changes nothing twice.
    idempotencyKey: ledgerName('adjustment', { id: 'new', uuid: data.uuid }),
    reference: ledgerName('adjustment', { id: 'new', uuid: data.uuid }),
  })
  // The customer's studio; a customer with none: the default studio (studioBeforeChange's rule).
  const own = studio ?? (await defaultStudioId(req.payload, req))
  return { ...data, studio: own, wallet, admin: req.user?.id, balanceAfter: walletBalanceAfter }
}
