import type { CollectionBeforeLoginHook } from 'payload'

import { isUnverified, markVerified } from '@/account/verification'
import { welcomeCustomer } from '@/account/welcome'

/**
 * Payload signs an account in after a password reset. An account still waiting for its sign-up
 * link gets here only that way (a sign-in is refused before: hooks/throttleLogin.ts), and the
 * reset link proved the address as the sign-up link would: the account is verified, and a
 * customer gets the trial shoots and the welcome (once), in the reset's transaction.
 */
export const verifyOnPasswordReset: CollectionBeforeLoginHook = async ({ req, user }) => {
  if (!isUnverified(user)) return user
  await markVerified(req, user.id)
  if (user.role === 'customer') await welcomeCustomer(req, user)
  return { ...user, _verified: true }
}
