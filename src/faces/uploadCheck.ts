import { badRequest, serviceUnavailable } from '@/lib/errors'
import { settings } from '@/lib/settings'
import { REFERENCE_ROLES, type ReferenceRole } from '@/prompt'

import { detectFaces } from './detect'
import { FaceEngineUnavailable } from './engine'
import { judgeFaces } from './quality'
import { FACES_FOR_ROLE, MIN_FACE_SHARPNESS, ROLE_SHOWS } from './roles'

/** What an accepted photo stores about its faces (PhotoUploads fields of the same names). */
export interface UploadFaces {
  /** 0-100: how well this photo can keep the likeness. */
  qualityScore: number
  /** Why points were taken off (or that none were), in the customer's words. */
  qualityReasons: string[]
  faceCount: number
  /** Each face: box [x, y, w, h] and size in px, detector score, sharpness, and its 1024-value descriptor (biometric data). */
  faces: {
    box: [number, number, number, number]
    sizePx: number
    score: number
    sharpness: number
    descriptor: number[]
  }[]
}

/**
 * Checks a (normalised) customer photo for the faces its role needs and scores it. Throws a 400
 * naming what to fix (field `file`, `reason` one of FaceRefusalReason) when the photo cannot be
 * used, and a 503 when this process cannot load the face models: a photo is never accepted unchecked.
 */
export const checkUploadFaces = async (image: Buffer, role: ReferenceRole): Promise<UploadFaces> => {
  const scan = await detectFaces(image).catch((error: unknown) => {
    if (error instanceof FaceEngineUnavailable)
      throw serviceUnavailable(
        'Photo checks are unavailable on this server right now; try again in a few minutes.',
      )
    throw error
  })
  const verdict = judgeFaces(scan.faces, {
    minFacePx: settings().faceMinPx,
    minSharpness: MIN_FACE_SHARPNESS,
    faces: FACES_FOR_ROLE[role],
    shows: ROLE_SHOWS[role],
  })
  if (!verdict.accepted) throw badRequest(verdict.message, { field: 'file', reason: verdict.reason })
  return {
    qualityScore: verdict.score,
    qualityReasons: verdict.reasons,
    faceCount: scan.faces.length,
    faces: scan.faces.map(({ box, sizePx, score, sharpness, descriptor }) => ({
      box,
      sizePx,
      score,
      sharpness,
      descriptor,
    })),
  }
}

/** req.context key: the face check the create endpoint ran on these exact bytes before any transaction. */
export const CHECKED_UPLOAD = 'checkedUpload'
export interface CheckedUpload {
  data: Buffer
  faces: UploadFaces
}

/** The role a new photo is marked with (`role` in the data; a photo of one person when unset). 400 for any other value. */
export const uploadRole = (data: unknown): ReferenceRole => {
  const role = (data as { role?: unknown } | undefined)?.role
  if (role === undefined || role === null || role === '') return 'person'
  if (typeof role === 'string' && (REFERENCE_ROLES as readonly string[]).includes(role))
    return role as ReferenceRole
  throw badRequest(`role must be one of ${REFERENCE_ROLES.join(', ')}.`, { field: 'role' })
}
