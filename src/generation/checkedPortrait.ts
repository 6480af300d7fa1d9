import type { Payload } from 'payload'

import type { LikenessResult } from '@/faces/likeness'
import type { Generation, GenerationResult } from '@/payload-types'
import { readStoredFile } from '@/storage/files'

import { checkLikeness, likenessFields, type LikenessPlan } from './likenessCheck'
import { type DeliveredImage, storeDeliveredPortrait } from './storedPortraits'

type StoredGeneration = Pick<Generation, 'id' | 'uuid' | 'owner'>

/** A portrait stored and checked: `scored` null when not checked; `result` null when not kept. */
export interface CheckedPortrait {
  scored: LikenessResult | null
  result: GenerationResult | null
}

const dropResult = (payload: Payload, id: number, logger: Payload['logger']) =>
  // Deleting the row deletes its files (Payload's upload delete).
  payload
    .delete({ collection: 'generation-results', id, overrideAccess: true, depth: 0 })
    .catch((error: unknown) =>
      logger.warn({ err: error, msg: `portrait ${id} failed its likeness check and could not be deleted` }),
    )

/**
 * Stores image `index` of a shoot while its likeness check runs, and keeps it only if it passes
 * (issue 23). The scan runs in a face thread and the store's WebP sizes on libvips's threads, so
 * side by side the check adds far less to the shoot than before the store. Then:
 *
 * - not checked (no target, or the scan could not run): the row as stored;
 * - passed: the row gets its `likeness` group (`retries`: images discarded for it so far);
 * - failed: the row and its files are deleted again and `result` is null.
 *
 * Until then the row has no `likeness` group; a worker killed in between leaves it so, and the
 * re-run checks it again (verifyAdoptedPortrait). `result` is also null when storage failed
 * (storeDeliveredPortrait logged it).
 */
export const storeCheckedPortrait = async (
  payload: Payload,
  generation: StoredGeneration,
  index: number,
  image: DeliveredImage,
  plan: LikenessPlan,
  retries: number,
  logger: Payload['logger'],
): Promise<CheckedPortrait> => {
  const [scored, stored] = await Promise.all([
    checkLikeness(image.data, plan, logger),
    storeDeliveredPortrait(payload, generation, index, image),
  ])
  if (!stored || !scored) return { scored, result: stored }
  if (!scored.passed) {
    await dropResult(payload, stored.id, logger)
    return { scored, result: null }
  }
  const result = (await payload
    .update({
      collection: 'generation-results',
      id: stored.id,
      data: { likeness: likenessFields(scored, retries) },
      overrideAccess: true,
      depth: 0,
    })
    .catch((error: unknown) => {
      logger.error({ err: error, msg: `portrait ${stored.id}: its likeness could not be recorded` })
      return null
    })) as GenerationResult | null
  if (!result) await dropResult(payload, stored.id, logger)
  return { scored, result }
}

/**
 * Whether a portrait an earlier run stored (adoptStoredPortraits) may be delivered: true when it
 * carries a likeness record or the shoot is not checked; otherwise its file is scanned now, a pass
 * recorded on the row, and a failure (or a file that cannot be read) deletes the row so the image
 * is made again. Covers a worker killed between storing a portrait and recording its check.
 */
export const verifyAdoptedPortrait = async (
  payload: Payload,
  resultId: number,
  plan: LikenessPlan,
  logger: Payload['logger'],
): Promise<boolean> => {
  if (!plan.target) return true
  const row = (await payload.findByID({
    collection: 'generation-results',
    id: resultId,
    depth: 0,
    overrideAccess: true,
  })) as GenerationResult
  if (typeof row.likeness?.score === 'number') return true
  const data = row.filename
    ? await readStoredFile(payload, 'generation-results', row).catch(() => null)
    : null
  const scored = data ? await checkLikeness(data, plan, logger) : null
  if (data && !scored) return true
  if (!scored?.passed) {
    await dropResult(payload, resultId, logger)
    return false
  }
  await payload.update({
    collection: 'generation-results',
    id: resultId,
    data: { likeness: likenessFields(scored, 0) },
    overrideAccess: true,
    depth: 0,
  })
  return true
}
