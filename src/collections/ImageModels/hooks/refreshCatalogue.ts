import type { CollectionAfterChangeHook } from 'payload'

import { loadCatalogue } from '@/generation/modelCatalogue'

/** An edit is visible to this process's synchronous readers at once (others reload on their next shoot). */
export const refreshCatalogueAfterChange: CollectionAfterChangeHook = async ({ doc, req }) => {
  await loadCatalogue(req.payload, req)
  return doc
}
