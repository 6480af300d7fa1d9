import {
  AuthenticationError,
  type CollectionAfterLoginHook,
  type CollectionBeforeOperationHook,
} from 'payload'

import { normaliseEmail } from '@/account/accountScope'
import { forgetPasswordTries, takePasswordTry } from '@/account/loginThrottle'
import { matchesDummyHash, matchesPasswordHash } from '@/account/passwordHash'
import { isUnverified } from '@/account/verification'
import { clientAddressOf } from '@/lib/clientAddress'
import { metrics } from '@/lib/metrics'
import { relationId } from '@/lib/relationId'

/**
 * Payload's own login operation (the local API, GraphQL; REST's POST /api/users/login is ours,
 * src/account/signIn.ts, which does the same for the account at the Host's studio). Payload looks
 * the address up alone, so where it names accounts in more than one studio (issue 24) this
 * answers the wrong password's 401, after a dummy hash, rather than let it pick one. Otherwise, as
 * signIn: takes one of this client's tries at this account (429 once they are used up), checks an
 * unknown address against a dummy hash so it takes as long as a wrong password (Payload then
 * answers its own 401), and answers an unconfirmed address that same 401 after one password check,
 * right password or not: Payload's own "verify your e-mail" would tell an address that was just
 * signed up (free) from one that had an account. The local API's client is "unknown".
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
  const accounts = await req.payload.db.find<{
    id: number
    studio?: number | null
    _verified?: boolean | null
    hash?: string
    salt?: string
  }>({
    collection: 'users',
    where: { email: { equals: normaliseEmail(email) } },
    limit: 2,
    pagination: false,
    req,
  })
  const [account] = accounts.docs
  await takePasswordTry(email, clientAddressOf(req.headers), relationId(account?.studio) ?? null)
  if (!account || accounts.docs.length > 1) {
    await matchesDummyHash(password)
    metrics().passwordChecks.inc({ outcome: 'unknown_account' })
    if (account) throw new AuthenticationError(req.t)
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
  await forgetPasswordTries(String(user.email), clientAddressOf(req.headers), relationId(user.studio) ?? null)
}
