import { AuthenticationError, getFieldsToSign, jwtSign, type PayloadRequest, ValidationError } from 'payload'
import { addSessionToUser } from 'payload/shared'

import { clientAddressOf } from '@/lib/clientAddress'
import { isPostgres, lockUserRow } from '@/lib/drizzle'
import { metrics } from '@/lib/metrics'
import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'
import { documentTurnKey, inProcessTurn, takeWriteTurn } from '@/lib/writeTurn'
import type { User } from '@/payload-types'

import { accountsWhere, normaliseEmail, requestAccountStudio } from './accountScope'
import { takePasswordTry } from './loginThrottle'
import {
  currentPasswordHash,
  isLegacyPasswordHash,
  matchesDummyHash,
  matchesPasswordHash,
} from './passwordHash'
import { isUnverified } from './verification'

type StoredAccount = User & { hash?: string; salt?: string; collection?: string; _strategy?: string }

export interface SignedIn {
  /** The token's expiry, in seconds since the epoch (Payload's `exp`). */
  exp: number
  token: string
  user: User & { collection: 'users'; _strategy: string }
}

const required = (req: PayloadRequest, path: string) =>
  new ValidationError({ collection: 'users', errors: [{ path, message: req.t('validation:required') }] })

/** A value sent but not text (an array, an object, a number): named as such, not as missing. */
const notText = (path: string) =>
  new ValidationError({ collection: 'users', errors: [{ path, message: `${path} must be text.` }] })
const isSentButNotText = (value: unknown) =>
  value !== undefined && value !== null && typeof value !== 'string'

/**
 * POST /api/users/login's work: signs in the account `email` names at the request's studio
 * (src/account/accountScope.ts), a customer of the Host's studio or staff, never another studio's
 * customer with the same address. Payload 3.90's loginOperation looks the address up alone
 * (payload/dist/auth/operations/login.js); this is its success path with the account found here:
 * a session (addSessionToUser), the JWT of the fields marked saveToJWT (getFieldsToSign, jwtSign),
 * the collection's beforeLogin and afterLogin hooks, and the user as the account reads itself.
 * Each try takes one of this client's tries at the account (loginThrottle, keyed by address and
 * studio); an unknown address is hashed against a dummy so it takes as long as a wrong password.
 * Errors: 400 naming `email` or `password` when missing or not text; 401 (Payload's AuthenticationError, one
 * answer) for an unknown address, a wrong password and an unconfirmed address alike; 429 with
 * `retryAfter` once this client's tries at the account are used up.
 */
export const signIn = async (
  req: PayloadRequest,
  data: { email?: unknown; password?: unknown },
  depth?: number,
): Promise<SignedIn> => {
  for (const path of ['email', 'password'] as const) if (isSentButNotText(data[path])) throw notText(path)
  const email = typeof data.email === 'string' ? normaliseEmail(data.email) : ''
  const password = typeof data.password === 'string' ? data.password : ''
  if (!email) throw required(req, 'email')
  if (!password.trim()) throw required(req, 'password')
  const studio = await requestAccountStudio(req)
  const client = clientAddressOf(req.headers)
  const account = await req.payload.db.findOne<StoredAccount>({
    collection: 'users',
    where: accountsWhere(email, studio),
    req,
  })
  // Counted per account (the address in its studio, or none for staff), as verifyCurrentPassword does.
  const scope = account ? (relationId(account.studio) ?? null) : studio
  await takePasswordTry(email, client, scope)
  if (!account) {
    await matchesDummyHash(password)
    metrics().passwordChecks.inc({ outcome: 'unknown_account' })
    throw new AuthenticationError(req.t)
  }
  if (!(await matchesPasswordHash(account, password))) throw new AuthenticationError(req.t)
  if (isUnverified(account)) {
    metrics().passwordChecks.inc({ outcome: 'unverified_account' })
    throw new AuthenticationError(req.t)
  }
  // The afterLogin hooks count the success and give this client its tries back (forgetLoginTries).
  const signedIn = await inTransaction(req, (req) => startSession(req, account, email, depth))
  // After the session's write, which saves the account as it was read (hash included).
  if (isLegacyPasswordHash(account.hash!)) await upgradePasswordHash(req, account, password)
  return signedIn
}

/**
 * Replaces a legacy hash (Payload's 25,000 rounds) with the current form once its password has
 * matched, as Payload's loginOperation does (payload/dist/auth/operations/login.js): only if the row
 * still holds the hash that matched, so a password changed meanwhile is not overwritten.
 * Opportunistic, as there: a failure is logged and the sign-in goes on; the next one tries again.
 * Its own statement, after the sign-in's transaction: a failed one cannot undo the sign-in.
 */
const upgradePasswordHash = async (req: PayloadRequest, account: StoredAccount, password: string) => {
  try {
    const data = await currentPasswordHash(password)
    await req.payload.db.updateOne({
      collection: 'users',
      data,
      select: { id: true },
      where: { id: { equals: account.id }, hash: { equals: account.hash }, salt: { equals: account.salt } },
      req,
    })
  } catch (err) {
    req.payload.logger.error({ err, msg: `Could not upgrade the password hash of user ${account.id}` })
  }
}

/**
 * Adds a session to account `id`, changing nothing else. Payload's addSessionToUser writes back
 * the whole account it is given (array fields left out are emptied: an editor's studios went):
 * given the one read before the password check (a PBKDF2 of about 150 ms), it undid whatever
 * changed meanwhile (a shoot held or refunded, a name saved), and two sign-ins at once each kept
 * only their own new session. Here it is given the account as it is in this sign-in's turn: on
 * Postgres after the REST write turn (takeWriteTurn) and the row lock the ledger takes
 * (lockUserRow), both held to the end of the sign-in's transaction, so nothing changes it between
 * the read and the write; on SQLite, which has no locks, in this process's turn for the account.
 * Returns the session id (Payload's `sid`).
 */
const addSession = async (req: PayloadRequest, id: number): Promise<string | undefined> => {
  const append = async () => {
    const current = await req.payload.db.findOne<StoredAccount>({
      collection: 'users',
      where: { id: { equals: id } },
      req,
    })
    if (!current) throw new AuthenticationError(req.t)
    const collectionConfig = req.payload.collections.users.config
    return (await addSessionToUser({ collectionConfig, payload: req.payload, req, user: current })).sid
  }
  if (!isPostgres(req)) return inProcessTurn(documentTurnKey('users', id), append)
  await takeWriteTurn(req, 'users', id)
  await lockUserRow(req, id)
  return append()
}

/** Payload's login after the password matched: session, token, hooks, the account as read by itself. */
const startSession = async (
  req: PayloadRequest,
  account: StoredAccount,
  email: string,
  depth: number | undefined,
): Promise<SignedIn> => {
  const { payload } = req
  const collectionConfig = payload.collections.users.config
  let user: StoredAccount = { ...account, collection: 'users', _strategy: 'local-jwt' }
  const sid = await addSession(req, account.id)
  const fieldsToSign = getFieldsToSign({ collectionConfig, email, sid, user })
  for (const hook of collectionConfig.hooks.beforeLogin ?? [])
    user = (await hook({ collection: collectionConfig, context: req.context, req, user })) || user
  const { exp, token } = await jwtSign({
    fieldsToSign,
    secret: payload.secret,
    tokenExpiration: collectionConfig.auth.tokenExpiration,
  })
  req.user = user as unknown as PayloadRequest['user']
  for (const hook of collectionConfig.hooks.afterLogin ?? [])
    user = (await hook({ collection: collectionConfig, context: req.context, req, token, user })) || user
  const read = await payload.findByID({
    collection: 'users',
    id: account.id,
    depth,
    req,
    overrideAccess: false,
  })
  return {
    exp,
    token,
    user: { ...read, collection: 'users', _strategy: 'local-jwt' },
  }
}
