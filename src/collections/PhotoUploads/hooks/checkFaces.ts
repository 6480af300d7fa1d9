import type { CollectionBeforeOperationHook } from 'payload'

import { checkUploadFaces, type UploadFaces } from '@/faces'
import { badRequest } from '@/lib/errors'
import { REFERENCE_ROLES, type ReferenceRole } from '@/prompt'

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

/**
 * Every new file (after safeUploadHook normalised it) is checked for faces and its quality
 * score and face descriptors are written with it; a photo that fails is refused (4xx) before
 * anything is stored. REST uploads were checked by the create endpoint outside the transaction
 * (reused here); Local API creates are checked here.
 */
export const checkFaces: CollectionBeforeOperationHook = async ({ args, operation }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = args.req?.file
  if (!file?.data) return args
  const role = uploadRole(args.data)
  const checked = args.req.context?.[CHECKED_UPLOAD] as CheckedUpload | undefined
  const faces = checked?.data === file.data ? checked.faces : await checkUploadFaces(file.data, role)
  args.data = { ...(args.data as object), role, ...faces } as typeof args.data
  return args
}
