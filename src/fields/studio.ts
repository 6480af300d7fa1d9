import type { RelationshipField } from 'payload'

/**
 * The `studio` of a row of the studio's books (issue 24; src/studios/studioOwned.ts): the
 * multi-tenant plugin's field for these collections (`customTenantField`), set by the server
 * (src/hooks/studioBeforeChange.ts) and never by a client (list it in serverOwnedFields).
 */
export const studioField = (description: string): RelationshipField => ({
  name: 'studio',
  type: 'relationship',
  relationTo: 'studios',
  index: true,
  admin: { readOnly: true, position: 'sidebar', description },
})
