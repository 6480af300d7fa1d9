import type { PayloadRequest } from 'payload'

import { notFound, unauthorized } from '@/lib/errors'
import type { Generation } from '@/payload-types'

/**
 * Loads a generation as the caller may see it: the owner and admins only. Anyone else gets
 * the same 404 as for an id that does not exist, so ids reveal nothing.
 */
export const loadOwnGeneration = async (req: PayloadRequest, id: number, depth = 1): Promise<Generation> => {
  if (!req.user) throw unauthorized('Sign in to see your portraits.')
  const generation = await req.payload
    .findByID({ collection: 'generations', id, depth, req, overrideAccess: false })
    .catch(() => null)
  if (!generation) throw notFound(`No generation ${id} among yours.`)
  return generation as Generation
}
