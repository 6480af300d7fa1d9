import type { CollectionBeforeOperationHook, CollectionConfig, Where } from 'payload'

import { notFound } from '@/lib/errors'

/**
 * An update or delete by id of a document outside the caller's reach answers 404, as a read of
 * it does. Payload answers 403 there when access is a query (a customer's own rows), which is
 * both inconsistent with GET and needless: the caller may not know whether the id exists.
 * A caller with no update or delete rights at all (access false) still gets Payload's 403.
 * Errors: 404 `No <collection> document <id> among yours.`
 */
export const notFoundOutsideAccess: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'update' && operation !== 'delete') return args
  const call = args as { id?: number | string; data?: Record<string, unknown>; overrideAccess?: boolean }
  if (call.overrideAccess === true || call.id === undefined || req.payloadAPI === 'local') return args
  const access = collection.access[operation]
  const result = access ? await access({ req, id: call.id as number, data: call.data }) : Boolean(req.user)
  if (typeof result !== 'object') return args
  const where: Where = { and: [{ id: { equals: call.id } }, result] }
  const { totalDocs } = await req.payload.count({
    collection: collection.slug,
    where,
    req,
    overrideAccess: true,
  })
  if (totalDocs === 0) throw notFound(`No ${collection.slug} document ${call.id} among yours.`)
  return args
}

/** The collection with `notFoundOutsideAccess` first in beforeOperation: the plugin gives it to every collection. */
export const withNotFoundOutsideAccess = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [notFoundOutsideAccess, ...(collection.hooks?.beforeOperation ?? [])],
  },
})
