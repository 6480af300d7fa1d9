import type { CollectionBeforeChangeHook } from 'payload'

import type { PhotoUpload } from '@/payload-types'

/** A customer's own documents always belong to whoever created them, whatever the body says. */
export const setOwner: CollectionBeforeChangeHook<PhotoUpload> = ({ data, operation, req }) => {
  if (operation === 'create' && req.user) return { ...data, owner: req.user.id }
  return data
}
