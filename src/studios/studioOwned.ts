import type { CollectionSlug } from 'payload'

/**
 * The collections whose rows belong to one studio (the multi-tenant plugin's `studio` field).
 * This piece of issue 24 covers the catalog; uploads, generations, results, purchases, the ledger,
 * wallets, adjustments, test renders and analytics rollups follow.
 */
export const STUDIO_OWNED_COLLECTIONS = [
  'media',
  'photo-packages',
  'package-themes',
  'package-pricing-tiers',
  'package-bundles',
] as const satisfies readonly CollectionSlug[]

/** The tenant field's name on every studio-owned collection. */
export const STUDIO_FIELD = 'studio'

/**
 * The id of a `studio` relationship value as Payload gives it: the id, or the studio itself when
 * populated (depth ≥ 1). Undefined for none (null, missing) or anything else.
 */
export const studioIdOf = (value: unknown): number | undefined => {
  const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : value
  return typeof id === 'number' && Number.isInteger(id) ? id : undefined
}

/**
 * The studios whose catalogs a write of a studio-owned document touches: `doc`'s studio, and
 * `previousDoc`'s too when the document moved from one studio to another. Undefined (every
 * studio's: invalidateCatalog's full purge) when `doc` names no studio.
 */
export const studiosOfChange = (
  doc: Record<string, unknown> | null | undefined,
  previousDoc?: Record<string, unknown> | null,
): number[] | undefined => {
  const now = studioIdOf(doc?.[STUDIO_FIELD])
  if (now === undefined) return undefined
  const before = studioIdOf(previousDoc?.[STUDIO_FIELD])
  return before === undefined || before === now ? [now] : [before, now]
}
