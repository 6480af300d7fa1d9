import type { CollectionBeforeValidateHook, CollectionSlug, PayloadRequest } from 'payload'

import { isStudioStaff, studioIdsOf } from '@/access'
import { badRequest } from '@/lib/errors'
import { relationId } from '@/lib/relationId'
import { defaultStudioId } from '@/studios/defaultStudio'
import { studioIdOf } from '@/studios/studioOwned'

type Data = Record<string, unknown>

/** Where a document takes its studio from when the write names none: a parent it belongs to. */
export interface StudioSource {
  collection: CollectionSlug
  /** The parent's id in the write's data (e.g. a theme's `package`). */
  id: (data: Data) => unknown
}

export const named = (value: unknown): boolean => value !== undefined && value !== null && value !== ''

/**
 * The studio of the parent `source` names in `data` (one query; the signed-in user's own studio
 * without one): its id, or undefined when there is no such parent or it has no studio.
 */
export const studioOfParent = async (
  source: StudioSource,
  data: Data,
  req: PayloadRequest,
): Promise<number | undefined> => {
  const parentId = source.id(data)
  if (!named(parentId)) return undefined
  const id = relationId(parentId as never)
  const own = source.collection === 'users' && req.user && String(req.user.id) === String(id)
  const parent = own
    ? req.user
    : await req.payload
        .findByID({
          collection: source.collection,
          id,
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
          req,
          select: { studio: true } as never,
        })
        .catch(() => null)
  return studioIdOf((parent as { studio?: unknown } | null)?.studio)
}

/**
 * A create that names no studio gets one: its parent's (a theme's or tier's package, a bundle's
 * first package), else the caller's single studio, else (platform admins, the server's own
 * writes) the default studio. An owner or editor in several studios must name one; one in none
 * may not create. The studio named is then checked by the multi-tenant plugin (a studio the
 * caller does not work in is a 400 naming `studio`).
 * Errors: 400 naming `studio`.
 */
export const assignStudio =
  (source?: StudioSource): CollectionBeforeValidateHook =>
  async ({ data, operation, req }) => {
    if (operation !== 'create' || !data || named(data.studio)) return data
    const parentStudio = source && (await studioOfParent(source, data, req))
    if (parentStudio !== undefined) return { ...data, studio: parentStudio }
    if (isStudioStaff(req.user)) {
      const own = studioIdsOf(req.user)
      if (own.length === 1) return { ...data, studio: own[0] }
      throw badRequest(
        own.length === 0
          ? 'studio: you work in no studio yet; a platform admin adds you to one.'
          : 'studio: you work in several studios; name the one this belongs to.',
        { field: 'studio' },
      )
    }
    const studio = await defaultStudioId(req.payload, req)
    return studio === undefined ? data : { ...data, studio }
  }
