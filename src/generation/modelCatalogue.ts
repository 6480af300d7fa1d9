import type { Payload, PayloadRequest } from 'payload'

import type { ImageModel } from '@/payload-types'

import {
  IMAGE_MODEL_SEEDS,
  type ImageModelLimits,
  type ImageModelSeed,
  type ImageSize,
  isImageSize,
  limitsOfSeed,
  type ModelStatus,
  type PriceSource,
} from './imageModels'

/** One catalogue row as the domain reads it (the `image-models` collection, or the seed before it loads). */
export interface CatalogueModel extends ImageModelSeed {
  lastProbedAt?: string | null
  lastProbeError?: string | null
}

export type Catalogue = ReadonlyMap<string, CatalogueModel>

const fromSeed = (): Catalogue => new Map(IMAGE_MODEL_SEEDS.map((seed) => [seed.id, { ...seed }]))

let snapshot: Catalogue = fromSeed()

const toModel = (row: ImageModel): CatalogueModel => ({
  id: row.id,
  label: row.label,
  imageSizes: (row.imageSizes ?? []).filter(isImageSize),
  maxReferenceImages: row.maxReferenceImages,
  maxPeopleReferences: row.maxPeopleReferences,
  prices: (row.prices ?? [])
    .filter((price) => isImageSize(price.imageSize))
    .map((price) => ({ imageSize: price.imageSize as ImageSize, usdPerImage: price.usdPerImage })),
  priceSource: {
    url: row.priceSource?.url ?? '',
    checkedOn: row.priceSource?.checkedOn?.slice(0, 10) ?? '',
    basis: row.priceSource?.basis ?? 'unverified',
    note: row.priceSource?.note ?? '',
  },
  status: row.status,
  replacedBy:
    typeof row.replacedBy === 'object' && row.replacedBy ? row.replacedBy.id : (row.replacedBy ?? undefined),
  lastProbedAt: row.lastProbedAt,
  lastProbeError: row.lastProbeError,
})

/**
 * The catalogue as this process last read it (the seed until the first load). For synchronous
 * readers (the package page's limits); anything that decides a shoot calls loadCatalogue.
 */
export const catalogueSnapshot = (): Catalogue => snapshot

/** Reads the `image-models` collection (inside `req`'s transaction when given) and keeps it as the snapshot. */
export const loadCatalogue = async (payload: Payload, req?: PayloadRequest): Promise<Catalogue> => {
  const { docs } = await payload.find({
    collection: 'image-models',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    ...(req ? { req } : {}),
  })
  // An empty table (a fresh SQLite demo before its seed ran) reads as the seed.
  snapshot = docs.length ? new Map(docs.map((row) => [row.id, toModel(row as ImageModel)])) : fromSeed()
  return snapshot
}

/** Limits of `model` in the catalogue; an id it does not know (a newer model set by env) is not limited here. */
export const limitsIn = (catalogue: Catalogue, model: string): ImageModelLimits => {
  const row = catalogue.get(model)
  return row ? limitsOfSeed(row) : { imageSizes: ['1K', '2K', '4K'], maxReferenceImages: 5 }
}

/** Whether a shoot may use `model` now: unknown ids and served ones may; not served and retired may not. */
export const isServed = (catalogue: Catalogue, model: string): boolean => {
  const status: ModelStatus | undefined = catalogue.get(model)?.status
  return status !== 'notServed' && status !== 'retired'
}

/**
 * A price's source as one line, stored on each image and shown in analytics:
 * `<url>, <YYYY-MM-DD>, <basis>: <note>` (parts left out when empty), e.g.
 * `https://…/3-1-flash-image, 2026-12-06, unverified: $60 per 1M image output tokens (…) × …`.
 */
export const describePriceSource = ({ url, checkedOn, basis, note }: PriceSource): string =>
  [url, checkedOn, note ? `${basis}: ${note}` : basis].filter(Boolean).join(', ')

/** Dollars one image of `model` at `imageSize` costs by the catalogue's price table, with the price's source; null when unpriced. */
export const priceOf = (
  catalogue: Catalogue,
  model: string,
  imageSize: ImageSize,
): { usd: number; source: string } | null => {
  const row = catalogue.get(model)
  const price = row?.prices.find((entry) => entry.imageSize === imageSize)
  if (!row || !price) return null
  return { usd: price.usdPerImage, source: describePriceSource(row.priceSource) }
}

/**
 * Creates every seed row the collection lacks (never overwrites an admin's edits). Postgres gets
 * them from the migration; this fills the pushed SQLite demo database and any row deleted by hand.
 */
export const ensureSeedModels = async (payload: Payload): Promise<number> => {
  const { docs } = await payload.find({
    collection: 'image-models',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: {},
  })
  const have = new Set(docs.map((row) => row.id))
  let created = 0
  // Replacements first: a retired row points at its replacement.
  const ordered = [...IMAGE_MODEL_SEEDS].sort(
    (a, b) => Number(a.status === 'retired') - Number(b.status === 'retired'),
  )
  for (const seed of ordered) {
    if (have.has(seed.id)) continue
    try {
      await payload.create({
        collection: 'image-models',
        data: {
          id: seed.id,
          label: seed.label,
          imageSizes: [...seed.imageSizes],
          maxReferenceImages: seed.maxReferenceImages,
          maxPeopleReferences: seed.maxPeopleReferences,
          prices: seed.prices.map((price) => ({ ...price })),
          priceSource: seed.priceSource,
          status: seed.status,
          replacedBy: seed.replacedBy,
        },
        overrideAccess: true,
        depth: 0,
      })
      created++
    } catch (error) {
      // Another process seeding at the same moment won the row: fine.
      payload.logger.debug({ err: error, msg: `image model ${seed.id} not seeded here` })
    }
  }
  return created
}
