import type { CollectionBeforeDeleteHook } from 'payload'

import { deleteProgressEvents } from '@/generation/progressEvents'
import { deleteAll } from '@/lib/deleteAll'
import { conflict } from '@/lib/errors'

const OPEN_STATUSES = ['queued', 'running']

/**
 * A generation takes its portraits (documents and files) and its progress events with it, in the delete's own
 * transaction. One still being made is refused (409): its job holds the shoots and writes results.
 * The analytics row stays (its generation is set null), so the studio's figures do not change.
 */
export const deletePortraits: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const generation = await req.payload.findByID({
    collection: 'generations',
    id,
    depth: 0,
    select: { status: true },
    req,
    overrideAccess: true,
  })
  if (OPEN_STATUSES.includes(generation.status)) {
    throw conflict('These portraits are still being made. Delete them once the shoot has finished.')
  }
  await deleteAll(req, 'generation-results', { generation: { equals: id } })
  await deleteProgressEvents(req, Number(id))
}
