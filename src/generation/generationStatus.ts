import type { Payload, PayloadRequest } from 'payload'

import type { Generation, GenerationResult, PackageTheme, PhotoPackage } from '@/payload-types'

import { estimateSeconds } from './estimate'

export const PREVIEW_LABEL = 'Preview render (offline renderer, not Gemini)'

export interface GenerationStatusView {
  id: number
  status: Generation['status']
  progress: number
  imageCount: number
  isPreview: boolean
  previewLabel: string | null
  shootCost: number
  creditsRefunded: boolean
  message: string | null
  package: { id: number; name: string; slug: string } | null
  theme: { id: number; name: string } | null
  /** "Package · Theme", from the names copied onto the generation when either was deleted since. */
  title: string
  portraitType: Generation['portraitType']
  rating: number | null
  createdAt: string
  finishedAt: string | null
  images: Array<{
    index: number
    state: NonNullable<Generation['images']>[number]['state']
    error: string | null
    url: string | null
    largeUrl: string | null
    thumbnailUrl: string | null
    /** The model that made this portrait and the size asked for (null until it exists). */
    model: string | null
    imageSize: string | null
    /** Full-size pixels (null until it exists): the viewer and the grid keep the portrait's shape. */
    width: number | null
    height: number | null
    /**
     * The likeness check (issue 23): the lowest person's score and each person's (0-1), faces found
     * against expected, and the free retries it took. Null: not checked. `refunded`: it failed the
     * check after its retries, and its share of the shoot went back to the wallet.
     */
    likeness: {
      score: number
      passed: boolean
      threshold: number | null
      facesFound: number | null
      facesExpected: number | null
      retries: number
      people: { label: string; score: number }[]
    } | null
    refunded: boolean
  }>
  /** Shoots returned for portraits that failed the likeness check. */
  likenessRefundedShoots: number
  /** The quality asked for, with the model and size planned for it. */
  quality: { quality: string; model: string | null; imageSize: string | null }
  /** How many reference photos the shoot used. */
  referenceCount: number
  /** Seconds the whole shoot should take, as estimated when it was asked for. */
  estimatedProcessingTime: number
  /** The seed's field: the delivered images' URLs, served only to the owner and admins. */
  results: string[]
}

const STATUS_MESSAGES: Partial<Record<Generation['status'], string>> = {
  queued: 'Waiting for a free studio slot…',
  running: 'Making your portraits…',
}

type ImageRow = NonNullable<Generation['images']>[number]
type LikenessView = GenerationStatusView['images'][number]['likeness']

const likenessView = (image: ImageRow, result: GenerationResult | undefined): LikenessView => {
  const stored = result?.likeness
  if (stored && typeof stored.score === 'number')
    return {
      score: stored.score,
      passed: Boolean(stored.passed),
      threshold: stored.threshold ?? null,
      facesFound: stored.facesFound ?? null,
      facesExpected: stored.facesExpected ?? null,
      retries: stored.retries ?? 0,
      people: Array.isArray(stored.people) ? (stored.people as { label: string; score: number }[]) : [],
    }
  // A portrait refunded for likeness has no result: its last score is on the image row.
  if (image.likenessFailed && typeof image.likenessScore === 'number')
    return {
      score: image.likenessScore,
      passed: false,
      threshold: null,
      facesFound: null,
      facesExpected: null,
      retries: image.likenessRetries ?? 0,
      people: [],
    }
  return null
}

/**
 * The owner's view of a generation: status, per-image state, progress and plain-words errors.
 * Portraits populated on `generation` (depth 1) are used as they are; otherwise they are read in
 * `req`'s transaction when one is given. A caller that holds a transaction must pass its `req`:
 * a read on another pool connection would not see the transaction's own rows, and it waits for
 * a free connection while the transaction holds its row locks, which under load is every
 * connection of the pool waiting on those locks (a deadlock: issue 22's "one client exhausts a
 * shared resource").
 */
export const generationStatusView = async (
  payload: Payload,
  generation: Generation,
  req?: PayloadRequest,
): Promise<GenerationStatusView> => {
  const resultOf = (image: NonNullable<Generation['images']>[number]) => image.result
  const populated = (generation.images ?? [])
    .map(resultOf)
    .filter((result): result is GenerationResult => typeof result === 'object' && result !== null)
  const resultIds = (generation.images ?? [])
    .map(resultOf)
    .filter((id): id is number => typeof id === 'number')
  const results = resultIds.length
    ? [
        ...populated,
        ...((
          await payload.find({
            collection: 'generation-results',
            where: { id: { in: resultIds } },
            pagination: false,
            depth: 0,
            overrideAccess: true,
            req,
          })
        ).docs as GenerationResult[]),
      ]
    : populated
  const byId = new Map(results.map((result) => [result.id, result]))
  const pkg = typeof generation.package === 'object' ? (generation.package as PhotoPackage) : null
  const theme = typeof generation.theme === 'object' ? (generation.theme as PackageTheme) : null
  const images = (generation.images ?? []).map((image, index) => {
    const resultId = typeof image.result === 'object' && image.result ? image.result.id : image.result
    const result = typeof resultId === 'number' ? byId.get(resultId) : undefined
    return {
      index,
      state: image.state,
      error: image.error ?? null,
      url: result?.url ?? null,
      largeUrl: result?.sizes?.large?.url ?? result?.url ?? null,
      thumbnailUrl: result?.sizes?.thumbnail?.url ?? null,
      model: result?.model ?? null,
      imageSize: result?.imageSize ?? null,
      width: result?.width ?? null,
      height: result?.height ?? null,
      likeness: likenessView(image, result),
      refunded: Boolean(image.likenessFailed),
    }
  })
  return {
    id: generation.id,
    status: generation.status,
    progress: generation.progress ?? 0,
    imageCount: generation.imageCount,
    isPreview: Boolean(generation.isPreview),
    previewLabel: generation.isPreview ? PREVIEW_LABEL : null,
    shootCost: generation.shootCost,
    creditsRefunded: Boolean(generation.creditsRefunded),
    message: generation.errorMessage ?? STATUS_MESSAGES[generation.status] ?? null,
    package: pkg ? { id: pkg.id, name: pkg.name, slug: pkg.slug as string } : null,
    theme: theme ? { id: theme.id, name: theme.name } : null,
    title: `${pkg?.name ?? generation.packageName ?? 'Package'} · ${theme?.name ?? generation.themeName ?? 'Theme'}`,
    portraitType: generation.portraitType,
    rating: generation.rating ?? null,
    createdAt: generation.createdAt,
    finishedAt: generation.finishedAt ?? null,
    images,
    quality: {
      quality: generation.generationSettings?.quality ?? 'standard',
      model: generation.generationSettings?.model ?? null,
      imageSize: generation.generationSettings?.imageSize ?? null,
    },
    referenceCount: generation.references?.length || 1,
    estimatedProcessingTime: estimateSeconds(
      generation.imageCount,
      Boolean(generation.isPreview),
      generation.generationSettings?.imageSize ?? undefined,
    ),
    results: images.map((image) => image.url).filter((url): url is string => Boolean(url)),
    likenessRefundedShoots: generation.likenessRefundedShoots ?? 0,
  }
}
