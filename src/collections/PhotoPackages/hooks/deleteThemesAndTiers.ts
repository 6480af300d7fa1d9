import type { CollectionBeforeDeleteHook } from 'payload'

import { deleteAll } from '@/lib/deleteAll'
import { withContextFlags } from '@/lib/scopedContext'

/**
 * The seed's ON DELETE CASCADE: a package takes its themes and tiers with it. Runs on the
 * same request, so inside the same transaction as the package delete. The children skip their
 * revalidation (the package's own delete revalidates), for these deletes only.
 * Generations made with them stay (package and theme set null, names kept on the generation).
 */
export const deleteThemesAndTiers: CollectionBeforeDeleteHook = async ({ id, req }) => {
  for (const collection of ['package-themes', 'package-pricing-tiers'] as const) {
    await withContextFlags(req, { disableRevalidate: true }, () =>
      deleteAll(req, collection, { package: { equals: id } }),
    )
  }
}
