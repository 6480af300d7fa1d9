import { createLocalReq, type Payload } from 'payload'

import { likenessFailure } from '@/faces/likeness'
import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'
import type { Generation, PackageTheme } from '@/payload-types'

import { activeProvider } from './activeProvider'
import { providerLimiter } from './concurrency'
import { finalizeGeneration, isTerminal } from './finalizeGeneration'
import { claimGeneration, heartbeatMs, leaseUntil, renewLease } from './leases'
import { storeCheckedPortrait, verifyAdoptedPortrait } from './checkedPortrait'
import { likenessPlan } from './likenessCheck'
import type { ImageProvider } from './providers/types'
import { loadReferences } from './shootReferences'
import { recordProgressEvent } from './progressEvents'
import { failedImageMessage, generateWithRetry } from './retry'
import { MODEL_NOT_SERVED_ERROR, modelForRun } from './modelAtRun'
import { priceOf } from './modelCatalogue'
import { markNotServed } from './probeModels'
import { adoptStoredPortraits } from './storedPortraits'

type ImageRow = NonNullable<Generation['images']>[number]

export interface RunOptions {
  provider?: ImageProvider
  signal?: AbortSignal
}

/**
 * The job body: claims the generation, makes each missing image (bounded by the
 * process-wide provider limit, three tries each), stores every delivered image as a
 * private portrait as soon as it arrives, and closes the generation. Safe to re-run: it
 * skips closed generations and images already delivered.
 *
 * The lease is renewed on a timer for as long as the job runs, so images waiting for a
 * provider slot or sleeping through a RetryInfo back-off never let it lapse. If the renewal
 * finds another worker holds the generation, this run stops and leaves it to that worker.
 */
export const runGeneration = async (payload: Payload, generationId: number, options: RunOptions = {}) => {
  // The worker that runs the shoot decides the provider: with the Gemini key only on workers, the
  // node that queued it would have called it an offline preview.
  const provider = options.provider ?? activeProvider()
  // The claim and its progress event ("running") commit together.
  const claim = await inTransaction(await createLocalReq({}, payload), async (req) => {
    const won = await claimGeneration(payload, generationId, provider, req)
    if (won) await recordProgressEvent(req, generationId)
    return won
  })
  if (!claim) return 'skipped' as const
  const lost = new AbortController()
  const heartbeat = setInterval(() => {
    renewLease(payload, generationId, claim.attempt)
      .then((held) => {
        if (!held) lost.abort()
      })
      .catch((error: unknown) =>
        payload.logger.warn({ err: error, msg: `generation ${generationId}: lease renewal failed` }),
      )
  }, heartbeatMs())
  try {
    const signal = options.signal ? AbortSignal.any([options.signal, lost.signal]) : lost.signal
    return await runClaimed(
      payload,
      generationId,
      { ...options, provider, signal },
      lost.signal,
      claim.attempt,
    )
  } finally {
    clearInterval(heartbeat)
  }
}

const runClaimed = async (
  payload: Payload,
  generationId: number,
  options: RunOptions,
  lost: AbortSignal,
  attempt: number,
) => {
  const provider = options.provider ?? activeProvider()
  const generation = (await payload.findByID({
    collection: 'generations',
    id: generationId,
    depth: 0,
    overrideAccess: true,
  })) as Generation
  if (isTerminal(generation.status) && generation.finishedAt) return generation.status
  // Every line about this run carries the request id of the request that asked for it.
  const logger = payload.logger.child({
    requestId: generation.requestId ?? undefined,
    generation: generationId,
  })
  logger.info({ msg: 'generation running', attempt, provider: provider.name })
  const logCall = (fields: Record<string, unknown>) => logger.info(fields)
  const themeId = relationId(generation.theme)
  // Deleting a theme or package is refused while a shoot uses it; this guards the race.
  if (themeId === undefined) throw new Error('The theme of this shoot was deleted.')
  const theme = (await payload.findByID({
    collection: 'package-themes',
    id: themeId,
    depth: 0,
    overrideAccess: true,
  })) as PackageTheme
  const settings = generation.generationSettings
  const images: ImageRow[] = (generation.images ?? []).map((image) => ({ ...image }))
  // Google may have stopped serving the model since the shoot was queued: its fallback, or no charge.
  const chosen = await modelForRun(payload, generation)
  if (!chosen) {
    const closed = images.map((image) =>
      image.state === 'succeeded'
        ? image
        : { ...image, state: 'failed' as const, error: MODEL_NOT_SERVED_ERROR },
    )
    return finalizeGeneration(payload, generationId, closed, { modelNotServed: true })
  }
  const { photos: references, faces } = await loadReferences(payload, generation)
  const likeness = await likenessPlan(payload, generation, faces)
  // Provider cost of images made and discarded for failing the likeness check.
  let discardedCostUsd = 0
  if (attempt > 1) {
    for (const [index, resultId] of await adoptStoredPortraits(payload, generation, provider.isPreview)) {
      if (!images[index] || images[index].state === 'succeeded') continue
      // A portrait stored before its likeness check finished is checked now.
      if (await verifyAdoptedPortrait(payload, resultId, likeness, logger))
        images[index] = { ...images[index], state: 'succeeded', result: resultId, error: null }
    }
  }
  const latencies: number[] = []
  // A 404 NOT_FOUND mid-run: the model is gone for every image of this shoot, so none is tried again.
  let modelGone: string | null = null

  // Progress writes for one generation go one after another so parallel images never
  // overwrite each other's state. Once the run has lost its lease it writes nothing more.
  let writes = Promise.resolve()
  const saveProgress = () => {
    if (lost.aborted) return writes
    const snapshot = images.map((image) => ({ ...image }))
    const done = snapshot.filter((image) => image.state !== 'pending' && image.state !== 'running').length
    writes = writes.then(async () => {
      await payload.update({
        collection: 'generations',
        id: generationId,
        data: {
          images: snapshot,
          progress: Math.round((100 * done) / snapshot.length),
          leaseExpiresAt: leaseUntil(),
        },
        overrideAccess: true,
        depth: 0,
      })
    })
    return writes
  }

  await Promise.all(
    images.map(async (image, index) => {
      if (image.state === 'succeeded') return
      const baseAttempts = image.attempts ?? 0
      let likenessRetries = image.likenessRetries ?? 0
      let triedSoFar = 0
      const makeOnce = () =>
        providerLimiter().run(async () =>
          lost.aborted
            ? null
            : modelGone
              ? {
                  outcome: { kind: 'modelNotServed' as const, model: chosen.model, message: modelGone },
                  attempts: 0,
                  latencyMs: 0,
                }
              : generateWithRetry(
                  provider,
                  {
                    prompt: generation.prompt ?? '',
                    image: references[0],
                    references,
                    aspectRatio: settings?.aspectRatio ?? '1:1',
                    quality: settings?.quality ?? 'standard',
                    model: chosen.model,
                    imageSize: chosen.imageSize,
                    signal: options.signal,
                    hints: { themeName: theme.name, palette: theme.colorPalette ?? [], variant: index },
                  },
                  (attempt) => {
                    images[index] = {
                      ...images[index],
                      state: 'running',
                      attempts: baseAttempts + triedSoFar + attempt,
                    }
                    // Not awaited: the slot is for the provider call, not for a queue of progress writes
                    // (one per image, in turn). A failed write still fails the run at the next await.
                    saveProgress().catch(() => undefined)
                  },
                  logCall,
                ),
        )
      for (;;) {
        const tried = await makeOnce()
        // Another worker owns the generation now: nothing from this run may be stored.
        if (!tried || lost.aborted) return
        const { outcome, attempts, latencyMs } = tried
        triedSoFar += attempts
        if (outcome.kind === 'modelNotServed' && !modelGone) {
          modelGone = outcome.message
          await markNotServed(payload, outcome.model, outcome.message).catch((error: unknown) =>
            payload.logger.warn({ err: error, msg: `could not mark ${outcome.model} not served` }),
          )
        }
        if (outcome.kind !== 'image') {
          images[index] = {
            ...images[index],
            state: outcome.kind === 'blocked' ? 'blocked' : 'failed',
            error: failedImageMessage(outcome),
            latencyMs: Math.round(latencyMs),
          }
          logger.warn({
            msg: `generation ${generationId} image ${index + 1}: ${outcome.kind}`,
            attempts,
            detail: outcome,
          })
          break
        }
        latencies.push(latencyMs)
        // Priced by the model asked for: Google's modelVersion may carry a version suffix.
        const price = provider.isPreview ? null : priceOf(chosen.catalogue, chosen.model, outcome.imageSize)
        // Face work runs here, in the worker, outside any transaction and outside the provider slot,
        // side by side with storing the portrait (kept only if it passes).
        const { scored, result } = await storeCheckedPortrait(
          payload,
          generation,
          index,
          {
            data: outcome.data,
            mimeType: outcome.mimeType,
            model: outcome.model,
            imageSize: outcome.imageSize,
            isPreview: provider.isPreview,
            fallbackFrom: chosen.fallbackFrom,
            usage: outcome.usage,
            costUsd: provider.isPreview ? 0 : price?.usd,
            priceSource: price?.source,
          },
          likeness,
          likenessRetries,
          logger,
        )
        if (scored && !scored.passed) {
          discardedCostUsd += price?.usd ?? 0
          logger.info({
            msg: `generation ${generationId} image ${index + 1}: failed the likeness check`,
            likeness: scored,
            retry: likenessRetries < likeness.retries,
          })
          if (likenessRetries < likeness.retries) {
            likenessRetries++
            images[index] = { ...images[index], likenessScore: scored.score, likenessRetries }
            continue
          }
          images[index] = {
            ...images[index],
            state: 'failed',
            result: null,
            likenessScore: scored.score,
            likenessRetries,
            likenessFailed: true,
            error: `${likenessFailure(scored, generation.portraitType)}, even after making it again. Its share of the shoot was refunded.`,
            latencyMs: Math.round(latencyMs),
          }
          break
        }
        images[index] = result
          ? {
              ...images[index],
              state: 'succeeded',
              result: result.id,
              error: null,
              latencyMs: Math.round(latencyMs),
              likenessScore: scored?.score ?? null,
              likenessRetries,
            }
          : {
              ...images[index],
              state: 'failed',
              error: 'This portrait was made but could not be saved to storage.',
              latencyMs: Math.round(latencyMs),
            }
        break
      }
      await saveProgress()
    }),
  )
  await writes
  if (lost.aborted) return 'lost' as const
  const providerLatencyMs = latencies.length
    ? Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length)
    : undefined
  const status = await finalizeGeneration(payload, generationId, images, {
    providerLatencyMs,
    modelNotServed: modelGone !== null,
    discardedCostUsd,
  })
  logger.info({ msg: 'generation finished', status })
  return status
}
