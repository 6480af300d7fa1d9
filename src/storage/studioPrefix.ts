import type { CollectionBeforeChangeHook } from 'payload'

import { relationId } from '@/lib/relationId'

import { STORAGE_PREFIXES, type StoredCollection } from './prefixes'

/** Whether a collection's fields include the `studio` field that studio-owned collections have. */
export const hasStudioField = (fields: readonly object[]): boolean =>
  fields.some((field) => 'name' in field && field.name === 'studio')

/**
 * The folder (S3 `prefix`) a studio's new files of `collection` go to:
 * `<collection prefix>/studios/<studio id>`, e.g. `uploads/studios/7`; the collection's own folder
 * (`uploads`) for a document with no studio. Issue 24: storage keys carry the studio.
 */
export const studioStoragePrefix = (collection: StoredCollection, studio: unknown): string => {
  const id = relationId(studio as number | { id: number } | null | undefined)
  return typeof id !== 'number'
    ? STORAGE_PREFIXES[collection]
    : `${STORAGE_PREFIXES[collection]}/studios/${id}`
}

/**
 * Puts a new file of a studio-owned upload collection under its studio's folder (see
 * studioStoragePrefix): on a create or update that carries a file, `prefix` becomes the studio's,
 * and Payload's S3 adapter writes every object (the file and its sizes) under it in its afterChange
 * hook. A write without a file keeps the stored prefix, so files stored before keep their key.
 *
 * A beforeChange hook, not beforeOperation, on purpose: the studio is known only after
 * beforeValidate (assignStudio, the server-set `studio` fields), and Payload has by then picked
 * the file's name with no prefix, i.e. unique in the whole collection. Setting the prefix earlier
 * would make Payload check names per folder while the `filename` column stays unique, so a name
 * another studio used fails with "Value must be unique" (payloadcms/payload#15151). A name that
 * is unique in the collection also lets the file route `/api/<collection>/file/<name>` find
 * exactly one document, whose studio the read access then checks.
 */
export const studioPrefixHook =
  (collection: StoredCollection): CollectionBeforeChangeHook =>
  ({ data, originalDoc, req }) => {
    if (!req.file || req.context?.skipCloudStorage) return data
    return { ...data, prefix: studioStoragePrefix(collection, data.studio ?? originalDoc?.studio) }
  }
