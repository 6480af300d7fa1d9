import type { Access, CollectionBeforeOperationHook, CollectionConfig, CollectionSlug, Where } from 'payload'

import { notFound } from '@/lib/errors'

import { clientWriteTarget } from './clientWriteTarget'
import { takeWriteTurn } from '@/lib/writeTurn'

/**
 * An update or delete by id of a document outside the caller's reach answers 404, as a read of
 * it does. Payload answers 403 there when access is a query (a customer's own rows), which is
 * both inconsistent with GET and needless: the caller may not know whether the id exists.
 * A caller with no update or delete rights at all (access false) still gets Payload's 403, but
 * for a studio's owner or editor naming another studio's document (clientWriteTarget): a 404.
 * The check and the operation run in one turn per document (takeWriteTurn), so a document deleted
 * by a request that arrived first is a 404 here too.
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
  // Writes to one document take turns (deleteOnce's). Without it a delete committed between this
  // check and Payload's own find made that find miss, and Payload answered 403 for a document the
  // caller owned a moment ago (seen: four DELETEs of one photo at once, one answered 403).
  await takeWriteTurn(req, collection.slug, call.id)
  const { outside } = await clientWriteTarget(req, collection, operation, call.id, call.data)
  if (outside) throw notFound(`No ${collection.slug} document ${call.id} among yours.`)
  return args
}

/**
 * A file read (`GET /api/<upload collection>/file/<filename>`) of no document's file, or outside the
 * caller's reach, answers 404, as a read by id does. Payload answered 403 there both for another
 * customer's file and for no file at all when read access is a query (the caller may not know
 * whether the file exists), and for a caller who may read them all it looked on disk and logged a
 * name no document has as an error ("missing on the disk"), a client's 404 logged as our fault.
 * Wraps the collection's read access; Payload calls it with `isReadingStaticFile` and the filename.
 * A file a document names but the disk lacks stays Payload's (an error, logged). A caller with no
 * read rights at all (access false) still gets Payload's 403.
 * Errors: 404 `No <collection> file <filename> among yours.` (signed in, read access a query), else
 * `No <collection> file <filename>.` (a visitor: a site shows one studio's files, siteScope).
 */
export const fileReadNotFoundOutsideAccess =
  (collection: CollectionConfig, read: Access): Access =>
  async (args) => {
    const result = await read(args)
    const filename = (args.data as { filename?: unknown } | undefined)?.filename
    if (!args.isReadingStaticFile || result === false || typeof filename !== 'string') return result
    const upload = typeof collection.upload === 'object' ? collection.upload : {}
    const named: Where = {
      or: [
        { filename: { equals: filename } },
        ...(upload.imageSizes ?? []).map(({ name }) => ({
          [`sizes.${name}.filename`]: { equals: filename },
        })),
      ],
    }
    const scoped = typeof result === 'object'
    const { totalDocs } = await args.req.payload.count({
      collection: collection.slug as CollectionSlug,
      where: scoped ? { and: [named, result] } : named,
      req: args.req,
      overrideAccess: true,
    })
    if (totalDocs === 0)
      throw notFound(
        `No ${collection.slug} file ${filename.slice(0, 200)}${scoped && args.req.user ? ' among yours' : ''}.`,
      )
    return result
  }

/** The collection with `notFoundOutsideAccess` first in beforeOperation: the plugin gives it to every collection. */
export const withNotFoundOutsideAccess = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [notFoundOutsideAccess, ...(collection.hooks?.beforeOperation ?? [])],
  },
})

/**
 * An upload collection with its file reads by `fileReadNotFoundOutsideAccess`, around its final
 * read access: the plugin applies it after every other wrapper (the studios' siteScope included),
 * so another studio's file, asked for at this studio's site, is a 404 like any file outside reach.
 */
export const withFileReadNotFound = (collection: CollectionConfig): CollectionConfig => {
  const read = collection.access?.read
  return collection.upload && read
    ? {
        ...collection,
        access: { ...collection.access, read: fileReadNotFoundOutsideAccess(collection, read) },
      }
    : collection
}
