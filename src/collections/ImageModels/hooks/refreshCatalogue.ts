import type { CollectionAfterChangeHook } from 'payload'

import { invalidateCatalog } from '@/catalog/invalidate'
import { loadCatalogue } from '@/generation/modelCatalogue'
import { afterCommit } from '@/lib/transactions'

/**
 * An edit is visible to this process's synchronous readers at once (others reload on their next
 * shoot). A change of status (the probe's verdict, an admin's edit) also clears every node's public
 * catalog once it commits: the packages' quality options depend on which models are served.
 */
export const refreshCatalogueAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  await loadCatalogue(req.payload, req)
  if (previousDoc?.status !== doc.status) {
    const { disableRevalidate } = req.context
    await afterCommit(req, () => invalidateCatalog({ disableRevalidate }))
  }
  return doc
}
