import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { Payload } from 'payload'

import { relationId } from '@/lib/relationId'
import type { Generation, PackageTheme, PhotoUpload } from '@/payload-types'

import { activeProvider } from './activeProvider'
import { providerLimiter } from './concurrency'
import { finalizeGeneration, isTerminal } from './finalizeGeneration'
import { claimGeneration, leaseUntil } from './leases'
import type { ImageProvider } from './providers/types'
import { generateWithRetry } from './retry'

type ImageRow = NonNullable<Generation['images']>[number]

const readUploadBytes = async (payload: Payload, upload: PhotoUpload): Promise<Buffer> => {
  const staticDir = payload.collections['photo-uploads'].config.upload.staticDir as string
  return readFile(path.resolve(staticDir, upload.filename as string))
}

const plainError = (outcome: { kind: string; message?: string; reason?: string }): string =>
  outcome.kind === 'blocked'
    ? `Blocked by the image model's safety filter${outcome.reason ? ` (${outcome.reason})` : ''}.`
    : outcome.kind === 'retryable'
      ? 'The image service stayed busy after three tries.'
      : 'The image service could not make this portrait.'

export interface RunOptions {
  provider?: ImageProvider
  signal?: AbortSignal
}

/**
 * The job body: claims the generation, makes each missing image (bounded by the
 * process-wide provider limit, three tries each), stores every delivered image as a
 * private portrait as soon as it arrives, and closes the generation. Safe to re-run: it
 * skips closed generations and images already delivered.
 */
export const runGeneration = async (payload: Payload, generationId: number, options: RunOptions = {}) => {
  const claim = await claimGeneration(payload, generationId)
  if (!claim) return 'skipped' as const
  const generation = (await payload.findByID({ collection: 'generations', id: generationId, depth: 0, overrideAccess: true })) as Generation
  if (isTerminal(generation.status) && generation.finishedAt) return generation.status
  const uploadId = relationId(generation.upload)
  const themeId = relationId(generation.theme)
  // Deleting a photo, theme or package is refused while a shoot uses it; this guards the race.
  if (uploadId === undefined || themeId === undefined) throw new Error('The photo or theme of this shoot was deleted.')
  const [upload, theme] = await Promise.all([
    payload.findByID({ collection: 'photo-uploads', id: uploadId, depth: 0, overrideAccess: true }) as Promise<PhotoUpload>,
    payload.findByID({ collection: 'package-themes', id: themeId, depth: 0, overrideAccess: true }) as Promise<PackageTheme>,
  ])
  const provider = options.provider ?? activeProvider()
  const photo = { data: await readUploadBytes(payload, upload), mimeType: upload.mimeType ?? 'image/jpeg' }
  const images: ImageRow[] = (generation.images ?? []).map((image) => ({ ...image }))
  const latencies: number[] = []

  // Progress writes for one generation go one after another so parallel images never
  // overwrite each other's state; each write also renews the lease (the heartbeat).
  let writes = Promise.resolve()
  const saveProgress = () => {
    const snapshot = images.map((image) => ({ ...image }))
    const done = snapshot.filter((image) => image.state !== 'pending' && image.state !== 'running').length
    writes = writes.then(async () => {
      await payload.update({
        collection: 'generations',
        id: generationId,
        data: { images: snapshot, progress: Math.round((100 * done) / snapshot.length), leaseExpiresAt: leaseUntil() },
        overrideAccess: true,
        depth: 0,
      })
    })
    return writes
  }

  await Promise.all(
    images.map(async (image, index) => {
      if (image.state === 'succeeded') return
      const { outcome, attempts, latencyMs } = await providerLimiter().run(() =>
        generateWithRetry(
          provider,
          {
            prompt: generation.prompt ?? '',
            image: photo,
            aspectRatio: generation.generationSettings?.aspectRatio ?? '1:1',
            quality: generation.generationSettings?.quality ?? 'standard',
            signal: options.signal,
            hints: { themeName: theme.name, palette: theme.colorPalette ?? [], variant: index },
          },
          (attempt) => {
            images[index] = { ...images[index], state: 'running', attempts: (image.attempts ?? 0) + attempt }
            return saveProgress()
          },
        ),
      )
      if (outcome.kind === 'image') {
        latencies.push(latencyMs)
        const result = await payload.create({
          collection: 'generation-results',
          data: { owner: relationId(generation.owner), generation: generationId, index, isPreview: provider.isPreview, model: outcome.model },
          file: {
            data: outcome.data,
            mimetype: outcome.mimeType,
            // A random tail: Payload renames clashing files by bumping a trailing number, which
            // would collide with this generation's other images uploaded in parallel.
            name: `portrait-${generationId}-${index + 1}-${randomUUID().slice(0, 8)}x.${outcome.mimeType.split('/')[1] ?? 'png'}`,
            size: outcome.data.length,
          },
          overrideAccess: true,
          depth: 0,
        })
        images[index] = { ...images[index], state: 'succeeded', result: result.id, error: null, latencyMs: Math.round(latencyMs) }
      } else {
        images[index] = {
          ...images[index],
          state: outcome.kind === 'blocked' ? 'blocked' : 'failed',
          error: plainError(outcome),
          latencyMs: Math.round(latencyMs),
        }
        payload.logger.warn({ msg: `generation ${generationId} image ${index + 1}: ${outcome.kind}`, attempts, detail: outcome })
      }
      await saveProgress()
    }),
  )
  await writes
  const providerLatencyMs = latencies.length ? Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length) : undefined
  return finalizeGeneration(payload, generationId, images, { providerLatencyMs })
}
