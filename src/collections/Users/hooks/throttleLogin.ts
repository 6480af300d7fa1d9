import {
  AuthenticationError,
  type CollectionAfterLoginHook,
  type CollectionBeforeOperationHook,
} from 'payload'

import { forgetPasswordTries, takePasswordTry } from '@/account/loginThrottle'
import { matchesDummyHash, matchesPasswordHash } from '@/account/passwordHash'
import { isUnverified } from '@/account/verification'
import { clientAddressOf } from '@/lib/clientAddress'
import { metrics } from '@/lib/metrics'

/**
 * Before Payload checks a sign-in: takes one of this client's tries at this account (429 once
 * they are used up, whoever the account is; other clients keep theirs), and for an address with
 * no account checks the password against a dummy hash, so a wrong password takes as long whether
 * or not the account exists. Payload then answers its own 401 for both. An account whose address
 * is not confirmed yet answers that same 401 (Payload's AuthenticationError) after the same one
 * password check, right password or not, and keeps the try it took: Payload's own "verify your
 * e-mail" answer would tell an address that was just signed up (free) from one that had an account.
 * Runs for REST, GraphQL and the local API alike (the local API's client is "unknown").
 */
export const throttleLogin: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const { email, password } = ((args as { data?: Record<string, unknown> }).data ?? {}) as {
    email?: unknown
    password?: unknown
  }
  // Missing fields: Payload answers its 400 naming them.
  if (typeof email !== 'string' || !email.trim() || typeof password !== 'string' || !password.trim())
    return args
  await takePasswordTry(email, clientAddressOf(req.headers))
  const account = await req.payload.db.findOne<{
    id: number
    _verified?: boolean | null
    hash?: string
    salt?: string
  }>({
    collection: 'users',
    where: { email: { equals: email.toLowerCase().trim() } },
    req,
  })
  if (!account) {
    await matchesDummyHash(password)
    metrics().passwordChecks.inc({ outcome: 'unknown_account' })
  } else if (isUnverified(account)) {
    await matchesPasswordHash(account, password)
    metrics().passwordChecks.inc({ outcome: 'unverified_account' })
    throw new AuthenticationError(req.t)
  }
  return args
}

/** A right password: this client's count for the account starts again. */
export const forgetLoginTries: CollectionAfterLoginHook = async ({ req, user }) => {
  metrics().passwordChecks.inc({ outcome: 'success' })
  await forgetPasswordTries(String(user.email), clientAddressOf(req.headers))
}
