import type { Access, Where } from 'payload'

import { isStudioStaff } from './roles'

/**
 * The admin's studio selection: @payloadcms/plugin-multi-tenant's cookie (its studio selector sets
 * it in the browser, path `/`, a year; the plugin reads it by this fixed name).
 */
export const STUDIO_SELECTION_COOKIE = 'payload-tenant'

type WithTenants = { tenants?: { tenant?: unknown }[] | null } | null | undefined

/** The ids of the studios a user works in (their `tenants` rows; a populated row counts by its id). */
export const studioIdsOf = (user: unknown): (number | string)[] =>
  ((user as WithTenants)?.tenants ?? []).flatMap(({ tenant }) => {
    const id = tenant && typeof tenant === 'object' ? (tenant as { id?: unknown }).id : tenant
    return typeof id === 'number' || typeof id === 'string' ? [id] : []
  })

/** Where `field` names one of the user's studios; a user in no studio matches nothing. */
export const inOwnStudios = (user: unknown, field = 'studio'): Where => {
  const ids = studioIdsOf(user)
  return ids.length > 0 ? { [field]: { in: ids } } : { id: { exists: false } }
}

/**
 * Narrows a studio-owned collection's access to the caller's studios: owners and editors reach
 * only documents whose `studio` is one of their `tenants` (a Where, so lists and bulk writes
 * leave the others out and a read by id is a 404); platform admins, customers and visitors keep
 * the collection's own rule. Customers' and the public's reads are not narrowed yet: a request's
 * studio comes from its Host in a later piece (issue 24). A create is not narrowed here: the
 * studio it names is checked by the multi-tenant plugin's membership hook (400 naming `studio`).
 */
export const studioScope =
  (access: Access): Access =>
  async (args) => {
    const result = await access(args)
    if (result === false || !isStudioStaff(args.req.user)) return result
    const scope = inOwnStudios(args.req.user)
    return result === true ? scope : { and: [result, scope] }
  }
