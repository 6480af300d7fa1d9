import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { Payload } from 'payload'

/**
 * The bytes of a stored private file (customer photo or portrait), by collection and
 * filename. Local disk today; the one place to change when storage moves elsewhere.
 */
export const readStoredFile = async (
  payload: Payload,
  collection: 'photo-uploads' | 'generation-results',
  filename: string,
): Promise<Buffer> => {
  const staticDir = payload.collections[collection].config.upload.staticDir as string
  return readFile(path.resolve(staticDir, path.basename(filename)))
}
