import type { FieldHook, PayloadRequest } from 'payload'

import { hasRole } from '@/access'
import { loadWallets } from '@/billing/wallets'
import { describeWallets, type WalletBalance } from '@/billing/walletWords'
import type { User } from '@/payload-types'

const CONTEXT_KEY = 'photoPackages.wallets'

/** One wallets query per user per request, shared by the user's two virtual fields. */
export const walletsOf = (req: PayloadRequest, userId: number): Promise<WalletBalance[]> => {
  const cache = ((req.context as Record<string, unknown>)[CONTEXT_KEY] ??= new Map()) as Map<
    number,
    Promise<WalletBalance[]>
  >
  if (!cache.has(userId)) cache.set(userId, loadWallets(req.payload, userId, req))
  return cache.get(userId) as Promise<WalletBalance[]>
}

const mayRead = (req: PayloadRequest, id: unknown): id is number =>
  typeof id === 'number' &&
  (hasRole(req.user, 'admin') || (req.user?.collection === 'users' && req.user.id === id))

/** The user's balances per wallet, for the user themself and admins (others get nothing). */
export const readWallets: FieldHook<User> = async ({ data, originalDoc, req }) => {
  const id = data?.id ?? originalDoc?.id
  return mayRead(req, id) ? walletsOf(req, id) : undefined
}

/** The same in words for the admin: "12 Wedding Portraits shoots and 3 shoots for any package". */
export const readWalletSummary: FieldHook<User> = async ({ data, originalDoc, req }) => {
  const id = data?.id ?? originalDoc?.id
  return mayRead(req, id) ? describeWallets(await walletsOf(req, id)) : undefined
}
