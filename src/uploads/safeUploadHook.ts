import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { normalizeUpload, UploadRejectedError } from './normalize'

export interface SafeUploadOptions {
  /**
   * What is stored once the bytes pass the checks:
   * - 'clean': the re-encoding (a fresh JPEG, upright, no metadata, at most 2048 px) replaces the file.
   * - 'original': the uploaded bytes go on to Payload unchanged. Only for a collection whose upload
   *   config re-encodes every file itself (`formatOptions`): sharp writes a new file without the
   *   original's metadata, and a second lossy pass or the 2048 px cap would only cost quality.
   */
  keep: 'clean' | 'original'
  /** A create without a file is refused (400) instead of left to Payload. */
  requireFile?: boolean
}

const baseName = (name: string | undefined): string =>
  (name || 'photo').replace(/\.[^.]*$/, '').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 60) || 'photo'

/**
 * The one upload-safety hook, for every collection that takes image files from people: the real
 * format is read from the bytes (never the declared type or name); SVG and anything off the
 * allow-list, pixel bombs, truncated files and polyglots are refused with a 400 naming the
 * problem before anything is stored. `keep` says what is stored (see SafeUploadOptions).
 */
export const safeUploadHook =
  ({ keep, requireFile = false }: SafeUploadOptions): CollectionBeforeOperationHook =>
  async ({ args, operation }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const file = args.req?.file
    if (!file?.data) {
      if (requireFile && operation === 'create') throw new APIError('Attach a photo (multipart field "file").', 400, null, true)
      return args
    }
    let clean: Awaited<ReturnType<typeof normalizeUpload>>
    try {
      clean = await normalizeUpload(file.data)
    } catch (error) {
      if (error instanceof UploadRejectedError) throw new APIError(error.message, 400, null, true)
      throw error
    }
    if (keep === 'clean') {
      args.req.file = { ...file, data: clean.data, mimetype: clean.mimeType, name: `${baseName(file.name)}.jpg`, size: clean.data.length }
    }
    return args
  }
