import type { PayloadRequest } from 'payload'

import { conflict, forbidden } from '@/lib/errors'
import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'

import { isTerminal } from './finalizeGeneration'
import { loadOwnGeneration } from './ownGeneration'

/** The owner rates a finished generation 1-5, once; the analytics row gets the rating too. */
export const rateGeneration = (req: PayloadRequest, id: number, rating: number) =>
  inTransaction(req, async (req) => {
    const generation = await loadOwnGeneration(req, id, 0)
    const ownerId = relationId(generation.owner)
    if (ownerId !== req.user?.id) throw forbidden('Only the customer who made these portraits can rate them.')
    if (!isTerminal(generation.status)) throw conflict('Rate the portraits once they are finished.')
    if (generation.rating) throw conflict(`You already rated this generation ${generation.rating} of 5.`, { rating: generation.rating })
    await req.payload.update({
      collection: 'generations',
      id,
      data: { rating, ratedAt: new Date().toISOString() },
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
    return { generationId: id, rating }
  })
