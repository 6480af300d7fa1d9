import type { CollectionBeforeDeleteHook } from 'payload'

import { conflict } from '@/lib/errors'

/**
 * Packages and themes may be deleted when generations used them (those keep the copied
 * names), but not while a shoot with them is still queued or running: its job reads them (409).
 */
export const refuseDeleteWhileShooting =
  (field: 'package' | 'theme', what: string): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    const { totalDocs } = await req.payload.count({
      collection: 'generations',
      where: { and: [{ [field]: { equals: id } }, { status: { in: ['queued', 'running'] } }] },
      req,
      overrideAccess: true,
    })
    if (totalDocs > 0) {
      throw conflict(
        `A customer's shoot with this ${what} is in progress. Delete it once the shoot has finished, or deactivate it now.`,
      )
    }
  }
