import { createLocalReq, type Payload } from 'payload'

import { settleGenerationShoots } from '@/billing/generationShoots'
import { queueEmail } from '@/email/queue'
import { plural } from '@/lib/format'
import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'
import type { Generation } from '@/payload-types'
import { isTerminalStatus } from './vocabulary'

type ImageRow = NonNullable<Generation['images']>[number]

export const isTerminal = (status: Generation['status']): boolean => isTerminalStatus(status)

export const outcomeStatus = (images: ImageRow[]): Generation['status'] => {
  const delivered = images.filter((image) => image.state === 'succeeded').length
  if (delivered === images.length) return 'succeeded'
  if (delivered > 0) return 'partially_succeeded'
  return images.length > 0 && images.every((image) => image.state === 'blocked') ? 'blocked' : 'failed'
}

/**
 * The shoots returned for `failed` of `images` portraits that failed the likeness check: their
 * share of the shoot, rounded up to whole shoots (shoots are whole; the studio takes the rounding),
 * never more than the shoot cost.
 */
export const likenessShare = (shootCost: number, failed: number, images: number): number =>
  Math.min(shootCost, Math.ceil((shootCost * failed) / images))

const partialMessage = (
  images: number,
  delivered: number,
  blocked: number,
  unlike: number,
  refunded: number,
) => {
  const other = images - delivered - unlike
  const parts: string[] = []
  if (other > 0)
    parts.push(
      `${other} of ${images} portraits could not be made${blocked ? ` (${blocked} blocked by the safety filter)` : ''}.`,
    )
  if (unlike > 0)
    parts.push(
      `${unlike} of ${images} portraits did not look enough like you, even after making ${unlike === 1 ? 'it' : 'them'} again: ${plural(refunded, 'shoot')} returned to your wallet.`,
    )
  return parts.join(' ')
}

/**
 * Closes a generation in ONE transaction: its final status, the hold turned into a charge
 * (at least one image delivered) or refunded in full (none), and its analytics row.
 * Idempotent: a generation already closed is left as it is.
 */
export const finalizeGeneration = async (
  payload: Payload,
  id: number,
  images: ImageRow[],
  timing: { providerLatencyMs?: number; modelNotServed?: boolean; discardedCostUsd?: number } = {},
): Promise<Generation['status']> => {
  const req = await createLocalReq({}, payload)
  return inTransaction(req, async (req) => {
    const generation = (await payload.findByID({
      collection: 'generations',
      id,
      depth: 0,
      req,
      overrideAccess: true,
    })) as Generation
    if (isTerminal(generation.status) && generation.finishedAt) return generation.status
    const settled = images.map((image) =>
      image.state === 'succeeded' || image.state === 'blocked' || image.state === 'failed'
        ? image
        : {
            ...image,
            state: 'failed' as const,
            error: image.error ?? 'The worker stopped before this image was made.',
          },
    )
    const status = outcomeStatus(settled)
    const delivered = settled.filter((image) => image.state === 'succeeded').length
    const ownerId = relationId(generation.owner) as number
    // Portraits that still failed the likeness check after their free retries (issue 23).
    const unlike = settled.filter((image) => image.likenessFailed).length
    const likenessRefundedShoots =
      delivered > 0 && unlike > 0 ? likenessShare(generation.shootCost, unlike, settled.length) : 0
    await settleGenerationShoots(req, generation, {
      delivered,
      requested: settled.length,
      likenessRefund: { portraits: unlike, shoots: likenessRefundedShoots },
    })
    const finishedAt = new Date()
    const blocked = settled.filter((image) => image.state === 'blocked').length
    const errorMessage =
      status === 'succeeded'
        ? null
        : status === 'blocked'
          ? 'The image model refused every portrait for safety reasons. Your shoots were refunded.'
          : delivered === 0
            ? timing.modelNotServed
              ? 'The image model for this package is no longer offered by our image service. Your shoots were refunded.'
              : unlike === settled.length
                ? 'None of the portraits looked enough like you, even after making them again. Your shoots were refunded.'
                : 'We could not make your portraits this time. Your shoots were refunded.'
            : partialMessage(settled.length, delivered, blocked, unlike, likenessRefundedShoots)
    await payload.update({
      collection: 'generations',
      id,
      data: {
        status,
        images: settled,
        progress: 100,
        finishedAt: finishedAt.toISOString(),
        leaseExpiresAt: null,
        creditsRefunded: delivered === 0,
        likenessRefundedShoots,
        errorMessage,
      },
      req,
      overrideAccess: true,
      depth: 0,
    })
    await queueEmail(req, {
      template: 'portraitsReady',
      userId: ownerId,
      data: {
        generationId: id,
        packageName: generation.packageName ?? 'your package',
        themeName: generation.themeName ?? 'your theme',
        delivered,
        requested: settled.length,
        shootCost: generation.shootCost,
      },
    })
    const started = generation.startedAt ?? generation.queuedAt ?? generation.createdAt
    // The provider's cost: each delivered portrait's price from the catalogue (src/generation/modelCatalogue.ts).
    const { docs: results } = await payload.find({
      collection: 'generation-results',
      where: { generation: { equals: id } },
      pagination: false,
      depth: 0,
      req,
      overrideAccess: true,
      select: { costUsd: true, likeness: true, model: true },
    })
    const scores = results
      .map((row) => row.likeness?.score)
      .filter((score): score is number => typeof score === 'number')
    const costCents =
      results.reduce((sum, row) => sum + (row.costUsd ?? 0) * 100, 0) + (timing.discardedCostUsd ?? 0) * 100
    // One analytics row per generation (a unique field): a generation closed again after being
    // reopened by hand updates its row instead of failing the whole close on the unique index.
    const { docs: existingRows } = await payload.find({
      collection: 'package-analytics',
      where: { generation: { equals: id } },
      limit: 1,
      depth: 0,
      req,
      overrideAccess: true,
      select: { generation: true },
    })
    const packageId = relationId(generation.package)
    const analyticsRow = {
      package: packageId,
      // The studio the shoot counts for (issue 24): the generation's own, set from its package when
      // it was requested, kept on the row should the package go.
      studio: relationId(generation.studio) ?? null,
      theme: relationId(generation.theme),
      user: ownerId,
      status,
      imagesRequested: settled.length,
      imagesGenerated: delivered,
      successRate: settled.length ? delivered / settled.length : 0,
      processingTimeMs: Math.max(0, finishedAt.getTime() - new Date(started).getTime()),
      providerLatencyMs: timing.providerLatencyMs,
      estimatedCostCents: Math.round(costCents * 100) / 100,
      shootsCharged: delivered > 0 ? generation.shootCost : 0,
      provider: generation.provider,
      model: results.find((row) => row.model)?.model ?? generation.generationSettings?.model ?? null,
      likenessChecked: scores.length + unlike,
      likenessAverage: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      likenessFailed: unlike,
      likenessRetries: settled.reduce((sum, image) => sum + (image.likenessRetries ?? 0), 0),
    }
    if (existingRows[0])
      await payload.update({
        collection: 'package-analytics',
        id: existingRows[0].id,
        data: analyticsRow,
        req,
        overrideAccess: true,
        depth: 0,
      })
    else
      await payload.create({
        collection: 'package-analytics',
        data: { generation: id, ...analyticsRow },
        req,
        overrideAccess: true,
        depth: 0,
      })
    return status
  })
}
