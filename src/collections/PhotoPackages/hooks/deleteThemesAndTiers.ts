import type { CollectionBeforeDeleteHook } from 'payload'

/**
 * The seed's ON DELETE CASCADE: a package takes its themes and tiers with it. Runs on the
 * same request, so inside the same transaction as the package delete.
 */
export const deleteThemesAndTiers: CollectionBeforeDeleteHook = async ({ id, req }) => {
  for (const collection of ['package-themes', 'package-pricing-tiers'] as const) {
    await req.payload.delete({
      collection,
      where: { package: { equals: id } },
      req,
      overrideAccess: true,
      context: { disableRevalidate: true },
    })
  }
}
