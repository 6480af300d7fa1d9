/**
 * The SEED of the image model catalogue: what the studio knew about Google's image models when
 * this was written. The live catalogue is the `image-models` collection (an admin edits ids,
 * sizes, limits, prices and status there without a deploy); these values fill it on first start
 * and in its migration. Pure data, no Payload.
 *
 * Sources: Google's deprecations page (ai.google.dev/gemini-api/docs/deprecations) for what is
 * served, the model pages for sizes and reference limits, the pricing page for prices.
 * Google retires image models about twice a year: treat every id here as data that changes.
 */
import { type Quality } from './vocabulary'

export { QUALITIES, type Quality } from './vocabulary'

/** Output sizes (long edge about 512, 1024, 2048, 4096 px); Gemini wants the capital K. */
export const IMAGE_SIZES = ['512', '1K', '2K', '4K'] as const
export type ImageSize = (typeof IMAGE_SIZES)[number]

/** served: Google answers models.get; notServed: a probe or a call got 404 NOT_FOUND; retired: shut down, replaced. */
export const MODEL_STATUSES = ['served', 'notServed', 'retired'] as const
export type ModelStatus = (typeof MODEL_STATUSES)[number]

/**
 * How a price was obtained. listed: printed per image on the provider's pricing page; derived: the
 * provider's own price per token × its own tokens per image; unverified: some part of it comes from
 * a third party and was not confirmed on the provider's own pages.
 */
export const PRICE_BASES = ['listed', 'derived', 'unverified'] as const
export type PriceBasis = (typeof PRICE_BASES)[number]
export const PRICE_BASIS_LABELS: Record<PriceBasis, string> = {
  listed: 'Listed by the provider',
  derived: 'Derived from the provider’s figures',
  unverified: 'Unverified (third-party figure)',
}

/** Where a model's prices came from: the page, the day it was read (YYYY-MM-DD), how sure, and how derived. */
export interface PriceSource {
  url: string
  checkedOn: string
  basis: PriceBasis
  note: string
}

export interface ImagePrice {
  imageSize: ImageSize
  /** US dollars per output image at this size (standard, not Batch API). */
  usdPerImage: number
}

export interface ImageModelSeed {
  /** Gemini's model id, as in `models/{id}`. */
  id: string
  label: string
  /** Sizes the model makes; a model with only 1K takes no imageSize at all. */
  imageSizes: readonly ImageSize[]
  /** Reference images one request may carry. */
  maxReferenceImages: number
  /** Of those, people the model keeps consistent. */
  maxPeopleReferences: number
  prices: ImagePrice[]
  /** Where the prices came from, when they were read, how sure they are and how they were derived. */
  priceSource: PriceSource
  status: ModelStatus
  /** For a retired model: the id that replaces it. */
  replacedBy?: string
}

const GOOGLE_PRICING = 'https://ai.google.dev/gemini-api/docs/pricing'
const VERTEX_FLASH_IMAGE =
  'https://docs.cloud.google.com/vertex-ai/generative-ai/docs/models/gemini/3-1-flash-image'

/**
 * gemini-3.1-flash-image: Google's Vertex AI model page gives the output tokens per image; the
 * price per token ($60 per 1M image output tokens) was found only on third-party pages, not on
 * Google's own pricing page, so the figures stay unverified until someone reads that page.
 */
const FLASH_IMAGE_PRICES: ImagePrice[] = [
  { imageSize: '512', usdPerImage: 0.045 },
  { imageSize: '1K', usdPerImage: 0.067 },
  { imageSize: '2K', usdPerImage: 0.101 },
  { imageSize: '4K', usdPerImage: 0.151 },
]

const FLASH_IMAGE_SOURCE: PriceSource = {
  url: VERTEX_FLASH_IMAGE,
  checkedOn: '2026-12-06',
  basis: 'unverified',
  note:
    '$60 per 1M image output tokens (third-party figure: aifreeapi.com, xairouter.com, therouter.ai; not confirmed on ' +
    'Google’s pricing page) × Google’s output tokens per image (this page: 747 at 512, 1120 at 1K, 1680 at 2K, ' +
    '2520 at 4K) = $0.0448, $0.0672, $0.1008, $0.1512, rounded to the tenth of a cent.',
}

/** gemini-3-pro-image: per-image prices as Google's pricing page lists them (issue 21), not re-read here. */
const PRO_IMAGE_SOURCE: PriceSource = {
  url: GOOGLE_PRICING,
  checkedOn: '2026-09-15',
  basis: 'listed',
  note:
    '$0.134 per 1K or 2K image and $0.24 per 4K image as listed on Google’s pricing page (not re-read since). With ' +
    'Google’s output tokens per image (Vertex AI model page: 1120 at 1K and 2K, 2000 at 4K) they imply $120 per 1M ' +
    'image output tokens.',
}

export const IMAGE_MODEL_SEEDS: readonly ImageModelSeed[] = [
  {
    id: 'gemini-3.1-flash-image',
    label: 'Gemini 3.1 Flash Image',
    imageSizes: ['512', '1K', '2K', '4K'],
    maxReferenceImages: 14,
    maxPeopleReferences: 4,
    prices: FLASH_IMAGE_PRICES,
    priceSource: FLASH_IMAGE_SOURCE,
    status: 'served',
  },
  {
    id: 'gemini-3-pro-image',
    label: 'Gemini 3 Pro Image',
    imageSizes: ['1K', '2K', '4K'],
    maxReferenceImages: 14,
    maxPeopleReferences: 5,
    prices: [
      { imageSize: '1K', usdPerImage: 0.134 },
      { imageSize: '2K', usdPerImage: 0.134 },
      { imageSize: '4K', usdPerImage: 0.24 },
    ],
    priceSource: PRO_IMAGE_SOURCE,
    status: 'served',
  },
  {
    id: 'gemini-2.5-flash-image',
    label: 'Gemini 2.5 Flash Image (shut down 2 Oct 2026)',
    imageSizes: ['1K'],
    maxReferenceImages: 3,
    maxPeopleReferences: 3,
    prices: [{ imageSize: '1K', usdPerImage: 0.039 }],
    priceSource: {
      url: GOOGLE_PRICING,
      checkedOn: '2026-09-15',
      basis: 'listed',
      note: 'As listed on Google’s pricing page before the model was shut down; not re-read.',
    },
    status: 'retired',
    replacedBy: 'gemini-3.1-flash-image',
  },
  {
    id: 'gemini-3-pro-image-preview',
    label: 'Gemini 3 Pro Image Preview (shut down 25 Jun 2026)',
    imageSizes: ['1K', '2K', '4K'],
    maxReferenceImages: 14,
    maxPeopleReferences: 5,
    prices: [
      { imageSize: '1K', usdPerImage: 0.134 },
      { imageSize: '2K', usdPerImage: 0.134 },
      { imageSize: '4K', usdPerImage: 0.24 },
    ],
    priceSource: PRO_IMAGE_SOURCE,
    status: 'retired',
    replacedBy: 'gemini-3-pro-image',
  },
  {
    id: 'gemini-3.1-flash-image-preview',
    label: 'Gemini 3.1 Flash Image Preview (shut down 25 Jun 2026)',
    imageSizes: ['512', '1K', '2K', '4K'],
    maxReferenceImages: 14,
    maxPeopleReferences: 4,
    prices: FLASH_IMAGE_PRICES,
    priceSource: FLASH_IMAGE_SOURCE,
    status: 'retired',
    replacedBy: 'gemini-3.1-flash-image',
  },
]

export const DEFAULT_STANDARD_MODEL = 'gemini-3.1-flash-image'
export const DEFAULT_HIGH_QUALITY_MODEL = 'gemini-3-pro-image'
export const DEFAULT_IMAGE_SIZE: Record<Quality, ImageSize> = { standard: '1K', high: '2K' }

/** Retired id → its replacement (Google's deprecations page). */
export const RETIRED_IMAGE_MODELS: Readonly<Record<string, string>> = Object.fromEntries(
  IMAGE_MODEL_SEEDS.filter((seed) => seed.status === 'retired' && seed.replacedBy).map((seed) => [
    seed.id,
    seed.replacedBy as string,
  ]),
)

/** The id to use for `model`: its replacement when it is a retired id we know, else itself. */
export const replacementFor = (model: string): string => RETIRED_IMAGE_MODELS[model] ?? model

export interface ImageModelLimits {
  imageSizes: readonly ImageSize[]
  /** Reference photos one shoot may send (the people the model keeps consistent). */
  maxReferenceImages: number
}

/** Limits of a catalogue row or seed: reference photos are people, so the people limit caps them. */
export const limitsOfSeed = (
  seed: Pick<ImageModelSeed, 'imageSizes' | 'maxReferenceImages' | 'maxPeopleReferences'>,
): ImageModelLimits => ({
  imageSizes: seed.imageSizes,
  maxReferenceImages: Math.min(seed.maxReferenceImages, seed.maxPeopleReferences),
})

/** Limits of a model id from the seed; an id the seed does not know (a newer model) is not limited here. */
export const limitsOf = (model: string): ImageModelLimits => {
  const seed = IMAGE_MODEL_SEEDS.find((row) => row.id === model)
  return seed ? limitsOfSeed(seed) : { imageSizes: ['1K', '2K', '4K'], maxReferenceImages: 5 }
}

export const isImageSize = (value: unknown): value is ImageSize =>
  typeof value === 'string' && (IMAGE_SIZES as readonly string[]).includes(value)
