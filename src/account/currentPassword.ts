import { type PayloadRequest, ValidationError } from 'payload'

import { clientAddressOf } from '@/lib/clientAddress'
import { metrics } from '@/lib/metrics'
import { relationId } from '@/lib/relationId'

import { forgetPasswordTries, takePasswordTry } from './loginThrottle'
import { matchesPasswordHash } from './passwordHash'

const refuse = (message: string): ValidationError =>
  new ValidationError({ collection: 'users', errors: [{ path: 'currentPassword', message }] })

/**
 * Checks the current password of the signed-in `user` before a change of e-mail address or
 * password, as a sign-in would: the try counts toward this client's limit for the account
 * (src/account/loginThrottle.ts), and no session is made. Errors: 400 naming `currentPassword`
 * when it is missing or wrong; 429 with `retryAfter` once this client used up its tries.
 */
export const verifyCurrentPassword = async (
  req: PayloadRequest,
  user: { id: number | string; email: string; studio?: number | { id: number } | null },
  password: unknown,
): Promise<void> => {
  if (typeof password !== 'string' || password === '')
    throw refuse('Type your current password to change an e-mail address or a password.')
  const client = clientAddressOf(req.headers)
  // Counted with the account's sign-in tries: the same key (address, the account's studio).
  const studio = relationId(user.studio) ?? null
  await takePasswordTry(user.email, client, studio)
  const stored = await req.payload.db.findOne<{ id: number; hash?: string; salt?: string }>({
    collection: 'users',
    where: { id: { equals: user.id } },
    req,
  })
  if (!stored || !(await matchesPasswordHash(stored, password))) {
    metrics().passwordChecks.inc({ outcome: 'wrong_password' })
    throw refuse('That is not your current password.')
  }
  metrics().passwordChecks.inc({ outcome: 'success' })
  await forgetPasswordTries(user.email, client, studio)
}
