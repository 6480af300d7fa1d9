import path from 'node:path'

import { zipSync } from 'fflate'
import type { PayloadRequest } from 'payload'
import sharp from 'sharp'

import { conflict, notFound } from '@/lib/errors'
import type { GenerationResult } from '@/payload-types'
import { readStoredFile } from '@/storage/files'

import { loadOwnGeneration } from './ownGeneration'

/** The download formats: as stored (WebP) or JPEG for phones, print shops and older tools. */
export const DOWNLOAD_FORMATS = ['webp', 'jpeg'] as const
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number]

export interface PortraitFile {
  filename: string
  contentType: string
  data: Uint8Array
}

const EXTENSIONS: Record<DownloadFormat, string> = { webp: '.webp', jpeg: '.jpg' }

/** The delivered portraits of one of the caller's generations, by index (404 for anyone else's). */
const deliveredPortraits = async (req: PayloadRequest, generationId: number): Promise<GenerationResult[]> => {
  const generation = await loadOwnGeneration(req, generationId, 0)
  const { docs } = await req.payload.find({
    collection: 'generation-results',
    where: { generation: { equals: generation.id } },
    sort: 'index',
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return docs as GenerationResult[]
}

/**
 * One stored portrait's full-size bytes in `format`: the stored file for WebP; for JPEG the
 * same pixels re-encoded at quality 92 (transparency flattened onto white), in sRGB.
 */
const encode = async (
  req: PayloadRequest,
  result: GenerationResult,
  format: DownloadFormat,
): Promise<Uint8Array> => {
  const stored = await readStoredFile(req.payload, 'generation-results', result)
  if (format === 'webp' && path.extname(result.filename as string) === '.webp') return stored
  const image = sharp(stored)
  return format === 'jpeg'
    ? image.flatten({ background: '#ffffff' }).jpeg({ quality: 92, mozjpeg: true }).toBuffer()
    : image.webp({ quality: 90 }).toBuffer()
}

/**
 * Portrait `number` (1-based, as the gallery shows it) of the caller's generation `id`, full size,
 * as `portrait-<n>.jpg` or `.webp`. Errors: 401 signed out; 404 not theirs, or no such portrait.
 */
export const portraitDownload = async (
  req: PayloadRequest,
  id: number,
  number: number,
  format: DownloadFormat,
): Promise<PortraitFile> => {
  const result = (await deliveredPortraits(req, id)).find((doc) => doc.index === number - 1)
  if (!result) throw notFound(`Generation ${id} has no finished portrait ${number}.`)
  return {
    filename: `portrait-${number}${EXTENSIONS[format]}`,
    contentType: format === 'jpeg' ? 'image/jpeg' : 'image/webp',
    data: await encode(req, result, format),
  }
}

/**
 * All delivered portraits of the caller's generation, full size, in one ZIP (stored, not
 * deflated: both formats are already compressed). Errors: 401, 404, 409 when none is finished.
 */
export const zipGeneration = async (
  req: PayloadRequest,
  id: number,
  format: DownloadFormat = 'webp',
): Promise<PortraitFile> => {
  const portraits = await deliveredPortraits(req, id)
  if (portraits.length === 0) throw conflict('There are no finished portraits to download yet.')
  const files: Record<string, [Uint8Array, { level: 0 }]> = {}
  for (const result of portraits) {
    files[`portrait-${result.index + 1}${EXTENSIONS[format]}`] = [
      await encode(req, result, format),
      { level: 0 },
    ]
  }
  const suffix = format === 'jpeg' ? '-jpeg' : ''
  return {
    filename: `photo-packages-generation-${id}${suffix}.zip`,
    contentType: 'application/zip',
    data: zipSync(files),
  }
}
