import {
  type CollectionBeforeChangeHook,
  type CollectionBeforeOperationHook,
  ValidationError,
  type Where,
} from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { clashesWhere, normaliseEmail } from '@/account/accountScope'
import { isPostgres, transactionDb } from '@/lib/drizzle'
import { relationId } from '@/lib/relationId'
import type { User } from '@/payload-types'

/** req.context key: the scope of the account this request is creating (see scopeRegistrationLookup). */
const REGISTERING = 'registeringAccount'

interface Registering {
  email: string
  where: Where
}

/**
 * An address is unique per studio (issue 24): a customer's address may not be another customer's of
 * the same studio, nor a staff account's; a staff account's (no studio) may not be any account's.
 * Checked on create and whenever the address, the studio or the role changes, under a transaction
 * lock on the address (Postgres), so concurrent sign-ups with one address are answered one after
 * the other; the database's unique indexes (`email_per_studio` migration) hold it in any case.
 * Errors: 400 ValidationError on `email`: Payload's "A user with the given email is already registered."
 */
export const uniqueEmailPerStudio: CollectionBeforeChangeHook<User> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const email = data.email ?? originalDoc?.email
  if (typeof email !== 'string' || !email) return data
  const studio = relationId(data.studio ?? originalDoc?.studio) ?? null
  const role = data.role ?? originalDoc?.role
  if (
    operation === 'update' &&
    originalDoc &&
    normaliseEmail(email) === originalDoc.email &&
    studio === (relationId(originalDoc.studio) ?? null) &&
    role === originalDoc.role
  )
    return data
  const where = clashesWhere(email, studio)
  if (isPostgres(req))
    await (
      await transactionDb(req)
    ).execute(sql`select pg_advisory_xact_lock(hashtext(${`users.email:${normaliseEmail(email)}`}))`)
  const taken = await req.payload.db.findOne<{ id: number }>({
    collection: 'users',
    where: originalDoc?.id === undefined ? where : { and: [where, { id: { not_equals: originalDoc.id } }] },
    req,
  })
  if (taken)
    throw new ValidationError({
      collection: 'users',
      errors: [{ path: 'email', message: req.t('error:userEmailAlreadyRegistered') }],
    })
  // Payload's create then looks the address up once more, across every studio (its
  // registerLocalStrategy): that lookup is narrowed to this account's scope below.
  if (operation === 'create')
    req.context[REGISTERING] = { email: normaliseEmail(email), where } satisfies Registering
  return data
}

/**
 * Payload 3.90's create of an auth account refuses an address any account has
 * (payload/dist/auth/strategies/local/register.js: `payload.find` where email equals it). During
 * a create that uniqueEmailPerStudio has checked, that one read (a bare `{ email: { equals } }`
 * for the same address) is narrowed to the new account's scope, so the address a customer has at
 * studio A is free at studio B. Every other read is left as it is.
 */
export const scopeRegistrationLookup: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  const registering = req.context[REGISTERING] as Registering | undefined
  if (operation !== 'read' || !registering) return args
  const where = (args as { where?: Where }).where
  const keys = where ? Object.keys(where) : []
  const equals = (where?.email as { equals?: unknown } | undefined)?.equals
  if (keys.length !== 1 || keys[0] !== 'email' || equals !== registering.email) return args
  delete req.context[REGISTERING]
  return { ...args, where: registering.where }
}
