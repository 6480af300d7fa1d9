import type { CollectionBeforeOperationHook } from 'payload'

import { normalizeUpload } from '@/generation/images'
import { badRequest } from '@/lib/errors'

/**
 * Replaces the uploaded file with its safe re-encoding: the real format is read from the
 * bytes, hostile or useless files are refused with a 4xx (UploadRejectedError), and what
 * is stored is a clean JPEG with no metadata (no GPS), upright, at most 2048 px.
 */
export const normalizePhoto: CollectionBeforeOperationHook = async ({ args, operation }) => {
  if (operation !== 'create') return args
  const file = args.req?.file
  if (!file?.data) throw badRequest('Attach a photo (multipart field "file").', { field: 'file' })
  const clean = await normalizeUpload(file.data)
  const base = (file.name || 'photo').replace(/\.[^.]*$/, '').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 60) || 'photo'
  args.req.file = {
    ...file,
    data: clean.data,
    mimetype: clean.mimeType,
    name: `${base}.jpg`,
    size: clean.data.length,
  }
  return args
}
