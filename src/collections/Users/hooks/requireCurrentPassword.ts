import {
  type Collection,
  type CollectionBeforeOperationHook,
  type PayloadRequest,
  ValidationError,
} from 'payload'

import { verifyCurrentPassword } from '@/account/currentPassword'
import { requestEmailChange } from '@/account/emailChange'
import { clientWriteTarget } from '@/hooks/clientWriteTarget'

/** Whether `email` moves the account `id` names (looked up with the request's other write checks). */
const emailChanges = async (
  req: PayloadRequest,
  collection: Collection['config'],
  id: unknown,
  data: Record<string, unknown>,
  email: string,
): Promise<boolean> => {
  // A bulk update (no id) that sets an address changes it.
  if (typeof id !== 'number' && typeof id !== 'string') return true
  const target = await clientWriteTarget(req, collection, 'update', id, data)
  const current =
    target.doc ??
    (await req.payload.db.findOne<{ id: number; email?: string }>({
      collection: 'users',
      where: { id: { equals: id } },
      req,
    }))
  return (current?.email as string | undefined)?.toLowerCase() !== email.trim().toLowerCase()
}

/**
 * An update made on someone's behalf (REST, GraphQL, the admin's account and user views, the
 * local API with overrideAccess false) that changes an e-mail address or a password needs the
 * caller's own current password in `currentPassword`: a borrowed session or token cannot take an
 * account over. Staff changing another account's address or password give their own password
 * too. The reset-password link is the other way in (its own operation). Server code acting on
 * its own authority (overrideAccess) checks what it needs itself (see updateMyDetails).
 * A new address is not set here: the link e-mailed to it moves the account (requestEmailChange),
 * and the answer is the same whether the address was free or taken.
 * `currentPassword` is never stored. Errors: 400 naming `currentPassword` (missing or wrong);
 * 429 once this client used up its password tries for the caller's account.
 */
export const requireCurrentPassword: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'update') return args
  const update = args as { id?: unknown; data?: Record<string, unknown>; overrideAccess?: boolean }
  if (!update.data || typeof update.data !== 'object') return args
  const { currentPassword, ...data } = update.data
  const next = { ...args, data }
  if (update.overrideAccess === true || !req.user) return next
  const setsPassword = typeof data.password === 'string' && data.password !== ''
  const movesEmail =
    typeof data.email === 'string' &&
    (await emailChanges(req, collection, update.id, update.data, data.email))
  if (setsPassword || movesEmail) await verifyCurrentPassword(req, req.user, currentPassword)
  if (movesEmail) {
    if (typeof update.id !== 'number' && typeof update.id !== 'string') {
      throw new ValidationError({
        collection: 'users',
        errors: [{ path: 'email', message: 'Change e-mail addresses one account at a time.' }],
      })
    }
    // The address moves only once the link e-mailed to it is opened; the rest of the update goes ahead.
    await requestEmailChange(req, Number(update.id), data.email as string)
    delete data.email
  }
  return next
}
