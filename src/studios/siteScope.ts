import type { Access, Where } from 'payload'

import { hasRole, isStudioStaff } from '@/access'

import { resolveStudio } from './resolveStudio'

/**
 * Narrows a studio-owned collection's read access for customers and visitors to the studio whose
 * site the request came to (its Host, resolveStudio): Payload's own REST (`/api/photo-packages`,
 * `/api/media/file/…`) then shows one studio's catalog per site, as the public catalog endpoints
 * do, and a host no active studio serves matches nothing. Staff keep studioScope's narrowing to
 * their studios and platform admins see every studio. A call with no Host (the local API, our own
 * code) is not narrowed: it has no site.
 */
export const siteScope =
  (access: Access | undefined): Access =>
  async (args) => {
    const result = access ? await access(args) : Boolean(args.req.user)
    const { req } = args
    if (result === false || isStudioStaff(req.user) || hasRole(req.user, 'admin')) return result
    if (!req.headers?.get('host')) return result
    const studio = await resolveStudio(req.payload, req.headers, req)
    const scope: Where = studio ? { studio: { equals: studio.id } } : { id: { exists: false } }
    return result === true ? scope : { and: [result, scope] }
  }
