import { type CollectionBeforeValidateHook, type Payload, ValidationError } from 'payload'

import { danglingReferences, existingIdsIn, relationReferences } from '@/lib/relations'

/**
 * A client's create or update (REST, GraphQL) whose relationship or upload values, at any depth
 * (named groups and tabs, arrays, blocks, hasMany, polymorphic `{ relationTo, value }`), name a
 * document that does not exist is a 400 naming each such path (`studio`, `branding.logo`,
 * `tenants.0.tenant`) before anything is written. Without it the foreign key refused the write (a
 * 500), and on SQLite, which writes without a transaction, after an array's old rows were gone.
 * Runs after Payload's access check (a caller who may not write at all still gets 403) and in the
 * operation's transaction; one query per target collection whose ids are new to the document. The local API is not checked here.
 * Errors: ValidationError (400) with `errors[].path` = each dangling field path.
 */
export const refuseDanglingRelations: CollectionBeforeValidateHook = async ({
  collection,
  data,
  originalDoc,
  req,
}) => {
  if (req.payloadAPI === 'local' || !data || typeof data !== 'object') return data
  const { config } = req.payload
  const textIdSlugs = new Set(
    config.collections
      .filter((c) => c.flattenedFields.some((field) => field.name === 'id' && field.type === 'text'))
      .map((c) => c.slug),
  )
  const blocks = new Map((config.blocks ?? []).map((block) => [block.slug, block]))
  // A value the document already holds is not looked up again: its foreign key held when it was
  // written, and a deleted target was nulled (or its row dropped) since. An update that leaves the
  // relations alone costs no query.
  const stored = new Set(
    (originalDoc ? relationReferences(originalDoc, collection.flattenedFields, textIdSlugs, blocks) : []).map(
      ({ collection: target, id }) => `${target}|${String(id)}`,
    ),
  )
  const references = relationReferences(data, collection.flattenedFields, textIdSlugs, blocks).filter(
    ({ collection: target, id }) => !stored.has(`${target}|${String(id)}`),
  )
  if (references.length === 0) return data
  const dangling = await danglingReferences(references, existingIdsIn(req.payload, req))
  if (dangling.length === 0) return data
  throw new ValidationError({
    collection: collection.slug,
    errors: dangling.map(({ path, collection: target, id }) => ({
      path,
      message: `${path} names ${target} ${String(id).slice(0, 40)}, which does not exist.`,
    })),
  })
}

/**
 * Gives every collection of the running config refuseDanglingRelations, first in beforeValidate:
 * ours, the plugins' and Payload's own (payload-locked-documents, payload-preferences), which are
 * only added when the config is sanitized. Idempotent.
 */
export const refuseDanglingRelationsEverywhere = (payload: Payload): void => {
  for (const collection of payload.config.collections) {
    const hooks = (collection.hooks.beforeValidate ??= [])
    if (!hooks.includes(refuseDanglingRelations)) hooks.unshift(refuseDanglingRelations)
  }
}
