import { randomUUID } from 'node:crypto'

import type { Payload } from 'payload'

import { relationId } from '@/lib/relationId'
import type { Generation, GenerationResult } from '@/payload-types'
import { deleteStoredFiles, listStoredFiles, newFileFolder, readStoredFile } from '@/storage/files'

import type { ImageSize } from './imageModels'
import type { GenerateUsage } from './providers/types'

/** One delivered image of a generation, as the provider returned it. */
export interface DeliveredImage {
  data: Buffer
  mimeType: string
  model?: string
  imageSize?: ImageSize
  isPreview: boolean
  /** The planned model the package's fallback stood in for. */
  fallbackFrom?: string | null
  /** Gemini's usageMetadata token counts. */
  usage?: GenerateUsage
  /** The provider's price for it in US dollars (catalogue price table), and where that price came from. */
  costUsd?: number
  priceSource?: string
  /** The likeness check it passed (absent: not checked). */
  likeness?: GenerationResult['likeness']
}

/**
 * A fresh file name for image `index` (0-based): `portrait-<generation uuid>-<n>-<8 hex>x.<ext>`.
 * The generation's uuid, not its id: a re-run adopts stored files by this prefix, and a deleted
 * generation's id may be given again (its leftover files must never become another shoot's). The
 * random tail because Payload renames clashing files by bumping a trailing number, which would
 * collide with this generation's other images uploaded in parallel.
 */
const portraitName = (generation: StoredGeneration, index: number, mimeType: string): string =>
  `${filePrefix(generation)}${index + 1}-${randomUUID().slice(0, 8)}x.${mimeType.split('/')[1] ?? 'png'}`

/** Every stored file of a generation starts with this: `portrait-<uuid>-`. */
const filePrefix = (generation: StoredGeneration): string => {
  if (!generation.uuid) throw new Error(`generation ${generation.id} has no uuid to name its files.`)
  return `portrait-${generation.uuid}-`
}

type StoredGeneration = Pick<Generation, 'id' | 'uuid' | 'owner'> & Partial<Pick<Generation, 'studio'>>

/**
 * The storage folder (`prefix`) of this generation's new portraits: its studio's, as its result
 * rows get it (src/storage/studioPrefix.ts), so a crashed write's files are found there. The
 * studio is read from the generation when the caller did not load it (as studioBeforeChange does).
 */
const portraitFolder = async (payload: Payload, generation: StoredGeneration): Promise<string> => {
  const studio =
    generation.studio ??
    (
      await payload.findByID({
        collection: 'generations',
        id: generation.id,
        depth: 0,
        overrideAccess: true,
        disableErrors: true,
        select: { studio: true },
      })
    )?.studio
  return newFileFolder(payload, 'generation-results', studio)
}

/**
 * Stores image `index` (0-based) of a generation as a private portrait: the result row and its
 * files (full size and sizes), in one Payload create, under `name` (default: a fresh name).
 */
export const storePortrait = (
  payload: Payload,
  generation: StoredGeneration,
  index: number,
  image: DeliveredImage,
  name = portraitName(generation, index, image.mimeType),
): Promise<GenerationResult> =>
  payload.create({
    collection: 'generation-results',
    data: {
      owner: relationId(generation.owner),
      // The shoot's studio when the caller has it loaded; else studioBeforeChange reads it.
      studio: relationId(generation.studio),
      generation: generation.id,
      index,
      isPreview: image.isPreview,
      model: image.model,
      imageSize: image.imageSize,
      fallbackFrom: image.fallbackFrom ?? undefined,
      usage: image.usage,
      costUsd: image.costUsd,
      priceSource: image.priceSource,
      likeness: image.likeness,
    },
    file: { data: image.data, mimetype: image.mimeType, name, size: image.data.length },
    overrideAccess: true,
    depth: 0,
  }) as Promise<GenerationResult>

/**
 * storePortrait for an image the provider just made, or null when it could not be stored (the
 * bucket did not answer within S3_REQUEST_TIMEOUT_MS, refused it, or the row failed): the caller
 * counts that image as failed. The create rolled its row back, but S3's adapter may have stored
 * some of its files (it uploads before the commit), so those are deleted again, best effort: a
 * bucket that still does not answer leaves them, and says so in the log.
 */
export const storeDeliveredPortrait = async (
  payload: Payload,
  generation: StoredGeneration,
  index: number,
  image: DeliveredImage,
): Promise<GenerationResult | null> => {
  const name = portraitName(generation, index, image.mimeType)
  try {
    return await storePortrait(payload, generation, index, image, name)
  } catch (error) {
    payload.logger.error({
      err: error,
      msg: `generation ${generation.id} image ${index + 1}: the portrait could not be stored`,
    })
    // The full-size file and every size share the name up to its extension.
    const stem = name.slice(0, name.lastIndexOf('.'))
    await portraitFolder(payload, generation)
      .then(async (folder) => {
        const files = await listStoredFiles(payload, 'generation-results', stem, folder)
        await deleteStoredFiles(
          payload,
          'generation-results',
          files.map((file) => file.name),
          folder,
        )
      })
      .catch((cleanup: unknown) =>
        payload.logger.warn({ err: cleanup, msg: `generation ${generation.id}: could not delete ${stem}*` }),
      )
    return null
  }
}

const filesOf = (row: GenerationResult): string[] =>
  [row.filename, ...Object.values(row.sizes ?? {}).map((size) => size?.filename)].filter(
    (name): name is string => Boolean(name),
  )

const MIME_TYPES: Record<string, string> = { webp: 'image/webp', png: 'image/png', jpeg: 'image/jpeg' }

// A file's clock (the bucket's or the disk's) may run a little apart from the database's.
const CLOCK_SLACK_MS = 60_000

/**
 * What earlier runs of this generation stored, by image index (0-based) → result row id, for a
 * re-run to take over instead of making those images again. Two things a killed worker leaves:
 *
 * - a result row that `images` does not name (killed between committing the row and saving
 *   progress): adopted as it is;
 * - files with no row (killed between storing the files and committing the row: Payload writes
 *   them inside the row's create, S3's adapter in its afterChange hook before the commit, so the
 *   kill rolls the row back and the files stay). The full-size file is stored again as that
 *   image's portrait (no provider call); then every file of the generation that no row names is
 *   deleted, so storage holds exactly the recorded files.
 *
 * Files older than the generation are not its own (storage reused by another database) and are
 * left alone. An adopted file records the model and size the generation asked for (the file
 * carries no record of what answered). A full-size file that cannot be stored again is deleted
 * and its image made again. Call it only while holding the generation's lease.
 */
export const adoptStoredPortraits = async (
  payload: Payload,
  generation: Generation,
  isPreview: boolean,
): Promise<Map<number, number>> => {
  const { docs } = await payload.find({
    collection: 'generation-results',
    where: { generation: { equals: generation.id } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const adopted = new Map(docs.map((row) => [row.index, row.id]))
  const named = new Set(docs.flatMap(filesOf))
  const since = new Date(generation.createdAt).getTime() - CLOCK_SLACK_MS
  // Storage that cannot be listed (a key without s3:ListBucket, a hiccup) costs the files only.
  const prefix = filePrefix(generation)
  const folder = await portraitFolder(payload, generation)
  const listed = await listStoredFiles(payload, 'generation-results', prefix, folder).catch(
    (error: unknown) => {
      payload.logger.warn({ err: error, msg: `generation ${generation.id}: could not list stored files` })
      return []
    },
  )
  const unnamed = listed
    .filter((file) => !named.has(file.name) && file.storedAt.getTime() >= since)
    .sort((a, b) => b.storedAt.getTime() - a.storedAt.getTime())
  const original = new RegExp(`^${prefix}(\\d+)-[0-9a-f]{8}x\\.(webp|png|jpeg)$`)
  const imageCount = generation.images?.length ?? 0
  for (const file of unnamed) {
    const [, n, extension] = original.exec(file.name) ?? []
    const index = Number(n) - 1
    // The newest full-size file of an image with no row; sizes are made again from it.
    if (!n || index >= imageCount || adopted.has(index)) continue
    try {
      const data = await readStoredFile(payload, 'generation-results', {
        filename: file.name,
        prefix: folder,
      })
      const settings = generation.generationSettings
      const row = await storePortrait(
        payload,
        generation,
        index,
        {
          data,
          mimeType: MIME_TYPES[extension],
          model: settings?.model ?? undefined,
          imageSize: settings?.imageSize ?? undefined,
          isPreview,
        },
        file.name,
      )
      adopted.set(index, row.id)
      for (const name of filesOf(row)) named.add(name)
    } catch (error) {
      payload.logger.warn({
        err: error,
        msg: `generation ${generation.id}: could not adopt ${file.name}; image ${index + 1} is made again`,
      })
    }
  }
  const leftovers = unnamed.map((file) => file.name).filter((name) => !named.has(name))
  await deleteStoredFiles(payload, 'generation-results', leftovers, folder).catch((error: unknown) =>
    payload.logger.warn({ err: error, msg: `generation ${generation.id}: could not delete ${leftovers}` }),
  )
  return adopted
}
