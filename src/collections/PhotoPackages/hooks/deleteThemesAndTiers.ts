import type { CollectionBeforeDeleteHook } from 'payload'

import { withContextFlags } from '@/lib/scopedContext'

/**
 * The seed's ON DELETE CASCADE: a package takes its themes and tiers with it. Runs on the
 * same request, so inside the same transaction as the package delete. The children skip their
 * revalidation (the package's own delete revalidates), for these deletes only.
 */
export const deleteThemesAndTiers: CollectionBeforeDeleteHook = async ({ id, req }) => {
  for (const collection of ['package-themes', 'package-pricing-tiers'] as const) {
    await withContextFlags(req, { disableRevalidate: true }, () =>
      req.payload.delete({ collection, where: { package: { equals: id } }, req, overrideAccess: true }),
    )
  }
}
