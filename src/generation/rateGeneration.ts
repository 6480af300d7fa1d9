import type { PayloadRequest } from 'payload'

import { lockKey } from '@/lib/drizzle'
import { badRequest, conflict, forbidden } from '@/lib/errors'
import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'

import { isTerminal } from './finalizeGeneration'
import { loadOwnGeneration } from './ownGeneration'

/** The highest rating that may carry a comment: the "not happy" path. */
export const MAX_RATING_WITH_COMMENT = 2

/**
 * The owner rates a finished generation 1-5, once; the analytics row gets the rating too. A
 * rating of 1 or 2 may say what went wrong (`comment`, trimmed; empty means none): the studio
 * reads it on the generation in the admin. Returns `{ generationId, rating, comment }`.
 * Errors: 400 naming `comment` when a 3-5 carries one; 403 not the owner; 409 unfinished or rated.
 */
export const rateGeneration = (req: PayloadRequest, id: number, rating: number, comment?: string) =>
  inTransaction(req, async (req) => {
    const text = comment?.trim() || null
    if (text && rating > MAX_RATING_WITH_COMMENT) {
      throw badRequest(`comment: a comment goes with a rating of 1 or 2, not ${rating}.`, {
        field: 'comment',
      })
    }
    // Ratings of one generation take turns: the "already rated" check below then reads any rating
    // a concurrent request committed, so a double click or a second tab gets its 409.
    await lockKey(req, `rating:${id}`)
    const generation = await loadOwnGeneration(req, id, 0)
    const ownerId = relationId(generation.owner)
    if (ownerId !== req.user?.id) throw forbidden('Only the customer who made these portraits can rate them.')
    if (!isTerminal(generation.status)) throw conflict('Rate the portraits once they are finished.')
    if (generation.rating)
      throw conflict(`You already rated this generation ${generation.rating} of 5.`, {
        rating: generation.rating,
      })
    await req.payload.update({
      collection: 'generations',
      id,
      data: { rating, ratingComment: text, ratedAt: new Date().toISOString() },
      req,
      overrideAccess: true,
      depth: 0,
    })
    await req.payload.update({
      collection: 'package-analytics',
      where: { generation: { equals: id } },
      data: { rating },
      req,
      overrideAccess: true,
    })
    return { generationId: id, rating, comment: text }
  })
