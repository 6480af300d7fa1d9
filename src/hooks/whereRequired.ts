import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { badRequest } from '@/lib/errors'

/**
 * An update or delete of a collection without an id (PATCH or DELETE /api/<collection>) needs a
 * `where` naming the documents. Payload refuses one without it with an APIError whose class name
 * the production bundle loses, so the client read "An unknown error occurred."; this refuses it
 * first, with a message naming `where`. A `where` that is not an object (`?where=x`) is refused alike.
 * Errors: 400 `where: ...` with `field: 'where'`.
 */
export const whereRequired: CollectionBeforeOperationHook = ({ args, collection, operation }) => {
  if (operation !== 'update' && operation !== 'delete') return args
  const call = args as { id?: number | string; where?: unknown }
  if (call.id !== undefined) return args
  if (call.where && typeof call.where === 'object' && !Array.isArray(call.where)) return args
  const verb = operation === 'update' ? 'change' : 'delete'
  throw badRequest(
    `where: name the ${collection.slug} documents to ${verb} (e.g. ?where[id][equals]=1), or use /api/${collection.slug}/<id>.`,
    { field: 'where' },
  )
}

/** The collection with `whereRequired` in beforeOperation: the plugin gives it to every collection. */
export const withWhereRequired = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [whereRequired, ...(collection.hooks?.beforeOperation ?? [])],
  },
})
