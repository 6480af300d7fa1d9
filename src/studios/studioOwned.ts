import type { CollectionSlug } from 'payload'

/**
 * The studio's catalog (issue 24): staff of the studio write it (the studio named, or assignStudio's
 * choice, checked by the multi-tenant plugin), and visitors read the catalog of the site they are on.
 */
export const STUDIO_CATALOG_COLLECTIONS = [
  'media',
  'photo-packages',
  'package-themes',
  'package-pricing-tiers',
  'package-bundles',
] as const satisfies readonly CollectionSlug[]

/**
 * The studio's books and shoots (issue 24): their `studio` is the server's, never a client's
 * (serverOwnedFields), taken from the package, the customer or the generation when the row is made
 * (src/hooks/studioBeforeChange.ts). Wallets are the ledger's rows per package. Left out:
 * `generation-events` (closed to every API, each row goes with its generation), the analytics
 * rebuild's `analytics-user-days` (a plain `studioId` number without a foreign key, for the rebuild's
 * speed), its `analytics-likeness-days` and `analytics-model-days` (read by the dashboards only, admin
 * only over REST) and `analytics-rollup-runs` (one run covers every studio).
 */
export const STUDIO_RECORD_COLLECTIONS = [
  'photo-uploads',
  'generations',
  'generation-results',
  'purchases',
  'credit-ledger',
  'credit-adjustments',
  'test-renders',
  'package-analytics',
  'analytics-rollups',
] as const satisfies readonly CollectionSlug[]

/** The collections whose rows belong to one studio (the multi-tenant plugin's `studio` field). */
export const STUDIO_OWNED_COLLECTIONS = [
  ...STUDIO_CATALOG_COLLECTIONS,
  ...STUDIO_RECORD_COLLECTIONS,
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
