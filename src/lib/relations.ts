import type { CollectionSlug, FlattenedBlock, FlattenedField, Payload, PayloadRequest } from 'payload'

import { badRequest } from './errors'
import { idFromText } from './input'

/** One relationship or upload value of a document write: where it is, and the document it names. */
export interface RelationReference {
  /** The field path as Payload's errors name it: `branding.logo`, `tenants.0.tenant`, `tags.1`. */
  path: string
  collection: string
  id: number | string
}

/** The ids of `collection` among `ids` that name an existing document (ids as text). */
export type ExistingIds = (collection: string, ids: (number | string)[]) => Promise<Set<string>>

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

interface Walk {
  textIdSlugs: ReadonlySet<string>
  blocks: ReadonlyMap<string, FlattenedBlock>
  found: RelationReference[]
}

const refuse = (path: string, what: string) => badRequest(`${path} must be ${what}.`, { field: path })

/** One value of a relationship/upload field: a bare id, a populated document or `{ relationTo, value }`. */
const takeReference = (field: FlattenedField, value: unknown, path: string, walk: Walk): void => {
  const relationTo = (field as { relationTo?: string | string[] }).relationTo
  let collection: string
  let raw: unknown
  if (Array.isArray(relationTo)) {
    if (
      !isPlainObject(value) ||
      typeof value.relationTo !== 'string' ||
      !relationTo.includes(value.relationTo)
    )
      throw refuse(path, `{ relationTo, value } with relationTo one of ${relationTo.join(', ')}`)
    collection = value.relationTo
    raw = isPlainObject(value.value) ? value.value.id : value.value
  } else if (typeof relationTo === 'string') {
    collection = relationTo
    raw = isPlainObject(value) ? value.id : value
  } else return
  if (walk.textIdSlugs.has(collection)) {
    if (typeof raw !== 'string' || raw === '') throw refuse(path, 'the id of a document (text)')
    walk.found.push({ path, collection, id: raw })
    return
  }
  const id = idFromText(raw)
  if (id === null) throw refuse(path, 'the id of a document')
  walk.found.push({ path, collection, id })
}

const walkFields = (data: Record<string, unknown>, fields: FlattenedField[], prefix: string, walk: Walk) => {
  for (const field of fields) {
    if (!('name' in field) || !(field.name in data)) continue
    const value = data[field.name]
    if (value === null || value === undefined) continue
    const path = `${prefix}${field.name}`
    switch (field.type) {
      case 'relationship':
      case 'upload':
        if ('hasMany' in field && field.hasMany) {
          if (!Array.isArray(value)) throw refuse(path, 'a list of ids of documents')
          value.forEach((item, index) => takeReference(field, item, `${path}.${index}`, walk))
        } else takeReference(field, value, path, walk)
        break
      case 'group':
      case 'tab':
        if (!isPlainObject(value)) throw refuse(path, 'an object')
        walkFields(value, field.flattenedFields, `${path}.`, walk)
        break
      case 'array':
        if (!Array.isArray(value)) throw refuse(path, 'a list')
        value.forEach((row, index) => {
          if (isPlainObject(row)) walkFields(row, field.flattenedFields, `${path}.${index}.`, walk)
        })
        break
      case 'blocks':
        if (!Array.isArray(value)) throw refuse(path, 'a list')
        value.forEach((row, index) => {
          if (!isPlainObject(row) || typeof row.blockType !== 'string') return
          const block =
            field.blocks.find((candidate) => candidate.slug === row.blockType) ??
            walk.blocks.get(row.blockType)
          if (block) walkFields(row, block.flattenedFields, `${path}.${index}.`, walk)
        })
        break
      default:
        break
    }
  }
}

/**
 * Every relationship and upload value of a document write, at any depth (named groups and tabs,
 * arrays, blocks, hasMany lists, polymorphic `{ relationTo, value }`), with its field path. A value
 * that cannot be an id of its target collection is a 400 naming its path.
 */
export const relationReferences = (
  data: Record<string, unknown>,
  fields: FlattenedField[],
  textIdSlugs: ReadonlySet<string>,
  blocks: ReadonlyMap<string, FlattenedBlock> = new Map(),
): RelationReference[] => {
  const walk: Walk = { textIdSlugs, blocks, found: [] }
  walkFields(data, fields, '', walk)
  return walk.found
}

/**
 * The references whose document does not exist, in field order (empty: all exist). One `existing`
 * query per target collection, whatever the number of references.
 */
export const danglingReferences = async (
  references: RelationReference[],
  existing: ExistingIds,
): Promise<RelationReference[]> => {
  const byCollection = new Map<string, Set<number | string>>()
  for (const { collection, id } of references)
    byCollection.set(collection, (byCollection.get(collection) ?? new Set()).add(id))
  const missing = new Map<string, Set<string>>()
  await Promise.all(
    [...byCollection].map(async ([collection, ids]) => {
      const found = await existing(collection, [...ids])
      missing.set(collection, new Set([...ids].map(String).filter((id) => !found.has(id))))
    }),
  )
  return references.filter(({ collection, id }) => missing.get(collection)?.has(String(id)))
}

/**
 * ExistingIds read straight from the adapter, in `req`'s transaction: existence whatever the writer
 * may read (the foreign key would answer alike), soft-deleted and draft rows included.
 */
export const existingIdsIn =
  (payload: Payload, req?: Partial<PayloadRequest>): ExistingIds =>
  async (collection, ids) => {
    const { docs } = await payload.db.find<{ id: number | string }>({
      collection: collection as CollectionSlug,
      where: { id: { in: ids } },
      limit: ids.length,
      pagination: false,
      select: { id: true },
      ...(req && { req }),
    })
    return new Set(docs.map((doc) => String(doc.id)))
  }
