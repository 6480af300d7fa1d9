import { randomUUID } from 'node:crypto'

import type { CollectionBeforeOperationHook } from 'payload'

import { badRequest } from '@/lib/errors'

import { normalizeUpload } from './normalize'

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

/** req.context key: the Buffer an endpoint got from normalizeUpload, so this hook does not encode it twice. */
export const NORMALIZED_UPLOAD = 'normalizedUpload'

const baseName = (name: string | undefined): string =>
  (name || 'photo')
    .replace(/\.[^.]*$/, '')
    .replace(/[^a-zA-Z0-9_-]/g, '_')
    .slice(0, 60) || 'photo'

/**
 * The one upload-safety hook, for every collection that takes image files from people: the real
 * format is read from the bytes (never the declared type or name); SVG and anything off the
 * allow-list, pixel bombs, truncated files and polyglots are refused with a 4xx naming the
 * problem before anything is stored. `keep` says what is stored (see SafeUploadOptions).
 */
export const safeUploadHook =
  ({ keep, requireFile = false }: SafeUploadOptions): CollectionBeforeOperationHook =>
  async ({ args, operation }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const file = args.req?.file
    if (!file?.data) {
      if (requireFile && operation === 'create')
        throw badRequest('Attach a photo (multipart field "file").', { field: 'file' })
      return args
    }
    // UploadRejectedError is a DomainError (Payload's APIError): REST answers its status and message.
    // Bytes an endpoint already normalised (to check them before the transaction) are not re-encoded.
    const clean =
      args.req.context?.[NORMALIZED_UPLOAD] === file.data
        ? { data: file.data, mimeType: 'image/jpeg' }
        : await normalizeUpload(file.data)
    // A random suffix: photos whose names clean to the same (portrait.jpg, portrait.heic) are sent in
    // parallel by the uploader and would otherwise race for one filename in Payload's uniquifier.
    if (keep === 'clean') {
      args.req.file = {
        ...file,
        data: clean.data,
        mimetype: clean.mimeType,
        name: `${baseName(file.name)}-${randomUUID().slice(0, 8)}.jpg`,
        size: clean.data.length,
      }
    }
    return args
  }
