import type { CollectionBeforeChangeHook } from 'payload'

import { hasRole } from '@/access'
import { defaultStudioId } from '@/studios/defaultStudio'

/**
 * An owner or editor saved with no studio works in the default studio: before studios existed an
 * editor edited the one studio's catalog, and an account made by the seed, a script or a platform
 * admin without naming a studio keeps doing so. A platform admin moves them to another studio in
 * the form (the `tenants` rows).
 */
export const staffInAStudio: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const role = data.role ?? originalDoc?.role
  if (!hasRole({ role }, 'owner', 'editor')) return data
  const tenants = data.tenants ?? originalDoc?.tenants
  if (Array.isArray(tenants) && tenants.length > 0) return data
  const studio = await defaultStudioId(req.payload, req)
  return studio === undefined ? data : { ...data, tenants: [{ tenant: studio }] }
}
