import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { zipSync } from 'fflate'
import type { PayloadRequest } from 'payload'

import { conflict } from '@/lib/errors'
import type { GenerationResult } from '@/payload-types'

import { loadOwnGeneration } from './ownGeneration'

/** All delivered portraits of a generation, full size, in one ZIP (stored: WebP is already compressed). */
export const zipGeneration = async (req: PayloadRequest, id: number): Promise<{ filename: string; data: Uint8Array }> => {
  const generation = await loadOwnGeneration(req, id, 0)
  const { docs } = await req.payload.find({
    collection: 'generation-results',
    where: { generation: { equals: generation.id } },
    sort: 'index',
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  if (docs.length === 0) throw conflict('There are no finished portraits to download yet.')
  const staticDir = req.payload.collections['generation-results'].config.upload.staticDir as string
  const files: Record<string, [Uint8Array, { level: 0 }]> = {}
  for (const result of docs as GenerationResult[]) {
    const bytes = await readFile(path.resolve(staticDir, result.filename as string))
    const extension = path.extname(result.filename as string) || '.webp'
    files[`portrait-${result.index + 1}${extension}`] = [bytes, { level: 0 }]
  }
  return { filename: `photo-packages-generation-${id}.zip`, data: zipSync(files) }
}
