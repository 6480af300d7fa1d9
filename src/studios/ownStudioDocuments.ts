import type { CollectionSlug } from 'payload'

import { studioIdsOf } from '@/access/studioScope'
import { documentKey, type OwnStudioDocuments } from '@/access/lockedDocuments'

import { STUDIO_FIELD, STUDIO_OWNED_COLLECTIONS } from './studioOwned'

const STUDIOS = 'studios'

/**
 * Which of `documents` belong to the caller's studios (their `tenants`), as documentKey keys: a
 * studio-owned collection's row whose `studio` is one of theirs, or one of their own `studios`
 * rows. Any other collection's document is nobody's studio's. One query per studio-owned
 * collection named, through the database adapter (no access, no hooks), in the request's transaction.
 */
export const ownStudioDocuments: OwnStudioDocuments = async (req, documents) => {
  const studios = studioIdsOf(req.user)
  const own = new Set<string>()
  if (studios.length === 0) return own
  const idsByCollection = new Map<string, number[]>()
  for (const document of documents) {
    if (document.relationTo === STUDIOS) {
      if (studios.some((studio) => String(studio) === String(document.id))) own.add(documentKey(document))
    } else if ((STUDIO_OWNED_COLLECTIONS as readonly string[]).includes(document.relationTo)) {
      idsByCollection.set(document.relationTo, [
        ...(idsByCollection.get(document.relationTo) ?? []),
        document.id,
      ])
    }
  }
  for (const [collection, ids] of idsByCollection) {
    const { docs } = await req.payload.db.find<{ id: number }>({
      collection: collection as CollectionSlug,
      where: { and: [{ id: { in: ids } }, { [STUDIO_FIELD]: { in: studios } }] },
      select: { [STUDIO_FIELD]: true },
      limit: 0,
      pagination: false,
      req,
    })
    for (const doc of docs) own.add(documentKey({ relationTo: collection, id: doc.id }))
  }
  return own
}
