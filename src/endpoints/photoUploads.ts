import { addDataAndFileToRequest, createOperation, type Endpoint } from 'payload'

import { CHECKED_UPLOAD, type CheckedUpload, checkUploadFaces, uploadRole } from '@/faces'
import { unauthorized } from '@/lib/errors'
import { checkUploadQuota, NORMALIZED_UPLOAD, normalizeUpload, UPLOAD_QUOTA_CHECKED } from '@/uploads'

/**
 * POST /api/photo-uploads, in place of Payload's own create endpoint: the photo is normalised
 * and checked for faces (about 0.1-0.5 s of CPU) BEFORE the create opens its database
 * transaction, so no connection is held while the models run. Then Payload's create operation
 * does the rest, exactly as its default endpoint would (access, hooks, storage, 201 `{ doc, message }`).
 * A refused photo (4xx naming what to fix; 503 when the face models are unavailable) is stored nowhere.
 */
export const createPhotoUploadEndpoint: Endpoint = {
  path: '/',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    // Payload's access check says the same; saying it first spares an anonymous caller the face check.
    if (!req.user) throw unauthorized()
    const file = req.file
    if (file?.data) {
      // The owner's caps before any decoding (the collection's limitUploads hook then skips them).
      await checkUploadQuota(req, 'photo-uploads')
      req.context[UPLOAD_QUOTA_CHECKED] = true
      const role = uploadRole(req.data)
      const clean = await normalizeUpload(file.data)
      const faces = await checkUploadFaces(clean.data, role)
      req.file = { ...file, data: clean.data, mimetype: clean.mimeType, size: clean.data.length }
      req.context[NORMALIZED_UPLOAD] = clean.data
      req.context[CHECKED_UPLOAD] = { data: clean.data, faces } satisfies CheckedUpload
    }
    const depth = Number(req.searchParams.get('depth'))
    const doc = await createOperation({
      collection: req.payload.collections['photo-uploads'],
      data: req.data ?? {},
      depth: Number.isInteger(depth) && depth >= 0 && depth <= 2 ? depth : undefined,
      req,
    })
    return Response.json({ doc, message: 'Customer photo successfully created.' }, { status: 201 })
  },
}
