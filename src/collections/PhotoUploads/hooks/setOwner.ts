import type { CollectionBeforeChangeHook } from 'payload'

/** A customer's own documents always belong to whoever created them, whatever the body says. */
export const setOwner: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation === 'create' && req.user) return { ...data, owner: req.user.id }
  return data
}
