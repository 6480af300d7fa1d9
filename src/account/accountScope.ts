import type { PayloadRequest, Where } from 'payload'

import { defaultStudioId } from '@/studios/defaultStudio'
import { resolveStudio } from '@/studios/resolveStudio'

/**
 * Which accounts an e-mail address names (issue 24: "the same e-mail at two studios is two
 * accounts with two wallets"). A customer's account is (address, studio): the studio whose site
 * it signed up on (users.studio). Staff (platform admins, owners, editors) have no users.studio
 * and one account per address across the platform, since they sign in to one admin on every host.
 * So a request at a studio's site names that studio's customer or a staff account, never both:
 * an address a staff account has is not free for a customer anywhere (userEmailFree), and
 * the database holds (email, studio) unique, and email unique among accounts with no studio (the
 * `email_per_studio` migration).
 */

/** The lower-cased, trimmed address, as Payload's e-mail field stores it. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase()

/**
 * The studio whose customers a request's sign-in, sign-up or reset is for: the studio serving its
 * Host (resolveStudio); for a call with no Host (the local API, our scripts) the default studio,
 * as a sign-up without a site lands there (hooks/customerStudio.ts). Null on a host no active
 * studio serves: only staff accounts are found there (the admin on the platform's own domain).
 */
export const requestAccountStudio = async (
  req: Pick<PayloadRequest, 'headers' | 'payload'> & Partial<PayloadRequest>,
): Promise<number | null> => {
  const served = await resolveStudio(req.payload, req.headers, req)
  if (served) return served.id
  if (req.headers?.get('host')) return null
  return (await defaultStudioId(req.payload, req)) ?? null
}

/** The accounts `email` names at `studio`: that studio's customer and any staff account with it. */
export const accountsWhere = (email: string, studio: number | null): Where => ({
  and: [
    { email: { equals: normaliseEmail(email) } },
    {
      or: [{ studio: { exists: false } }, ...(studio === null ? [] : [{ studio: { equals: studio } }])],
    },
  ],
})

/**
 * The accounts that an account of `studio` (null: staff) may not share `email` with: for a
 * customer, its studio's customers and staff (accountsWhere); for staff, every account.
 */
export const clashesWhere = (email: string, studio: number | null): Where =>
  studio === null ? { email: { equals: normaliseEmail(email) } } : accountsWhere(email, studio)

/**
 * The account `email` names at the request's studio (requestAccountStudio), or null. `req` is a
 * Payload request (its transaction is joined) or, in the request guard, `{ payload, headers }`.
 */
export const findAccount = async <T extends { id: number } = { id: number }>(
  req: Pick<PayloadRequest, 'headers' | 'payload'> & Partial<PayloadRequest>,
  email: string,
): Promise<T | null> =>
  req.payload.db.findOne<T>({
    collection: 'users',
    where: accountsWhere(email, await requestAccountStudio(req)),
    ...(req.transactionID !== undefined && { req }),
  })
