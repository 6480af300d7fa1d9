import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { normalizeUpload, UploadRejectedError } from '@/generation/images'

/**
 * Replaces the uploaded file with its safe re-encoding: the real format is read from the
 * bytes, hostile files are refused with a 400, and what is stored is a clean JPEG with no
 * metadata (no GPS), upright, at most 2048 px.
 */
export const normalizePhoto: CollectionBeforeOperationHook = async ({ args, operation }) => {
  if (operation !== 'create') return args
  const file = args.req?.file
  if (!file?.data) throw new APIError('Attach a photo (multipart field "file").', 400, null, true)
  try {
    const clean = await normalizeUpload(file.data)
    const base = (file.name || 'photo').replace(/\.[^.]*$/, '').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 60) || 'photo'
    args.req.file = {
      ...file,
      data: clean.data,
      mimetype: clean.mimeType,
      name: `${base}.jpg`,
      size: clean.data.length,
    }
  } catch (error) {
    if (error instanceof UploadRejectedError) throw new APIError(error.message, 400, null, true)
    throw error
  }
  return args
}
