import {
  type CollectionBeforeOperationHook,
  type CollectionConfig,
  type FlattenedField,
  type PayloadRequest,
  ValidationError,
} from 'payload'

import { isStaffUser } from '@/access'
import { isServerOwned } from '@/fields/serverOwned'

import { clientWriteTarget } from './clientWriteTarget'

type Data = Record<string, unknown>

/** Object keys sorted, at every depth, so that two equal JSON values print alike. */
const sortedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Data)[key])]),
  )
}

const idOf = (value: unknown): unknown =>
  value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value

/**
 * `value` as stored at depth 0, so a form's echo of a stored value compares equal: ids for
 * relations (populated or not), ISO strings for dates, array rows and groups field by field
 * (empty values left out), JSON with its keys sorted.
 */
const comparable = (field: FlattenedField, value: unknown): unknown => {
  if (value === undefined || value === null) return null
  if (value instanceof Date) return value.toISOString()
  if (field.type === 'date' && typeof value === 'string' && !Number.isNaN(Date.parse(value)))
    return new Date(value).toISOString()
  if (field.type === 'relationship' || field.type === 'upload') {
    const one = (item: unknown) =>
      item && typeof item === 'object' && 'relationTo' in item
        ? { relationTo: (item as Data).relationTo, value: idOf((item as Data).value) }
        : idOf(item)
    return Array.isArray(value) ? value.map(one) : one(value)
  }
  if (field.type === 'array' && Array.isArray(value))
    return value.map((row) => comparableRow(field.flattenedFields, row))
  if (field.type === 'group') return comparableRow(field.flattenedFields, value)
  return sortedKeys(value)
}

const comparableRow = (fields: FlattenedField[], row: unknown): unknown => {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return sortedKeys(row)
  const entries = fields
    .map((field) => [field.name, comparable(field, (row as Data)[field.name])] as const)
    .filter(([, value]) => value !== null)
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)))
}

const same = (field: FlattenedField, a: unknown, b: unknown) =>
  JSON.stringify(comparable(field, a)) === JSON.stringify(comparable(field, b))

/**
 * `value` as this caller read it: the field's afterRead hooks run for this request (a photo's
 * faces lose their descriptors in a REST answer), so a form's echo of what it read compares equal.
 */
const asRead = async (field: FlattenedField, value: unknown, req: PayloadRequest, doc: Data | undefined) => {
  let read = value
  const hooks = 'hooks' in field ? (field.hooks?.afterRead ?? []) : []
  for (const hook of hooks) {
    const next = await hook({
      value: read,
      req,
      context: req.context,
      data: doc,
      siblingData: doc ?? {},
      originalDoc: doc,
      field,
      operation: 'read',
      showHiddenFields: false,
    } as unknown as Parameters<typeof hook>[0])
    if (next !== undefined) read = next
  }
  return read
}

const allowed = async (
  field: FlattenedField,
  operation: 'create' | 'update',
  req: PayloadRequest,
  data: Data,
  doc: Data | undefined,
): Promise<boolean> => {
  const access = field.access?.[operation]
  if (!access) return true
  return Boolean(await access({ req, data, siblingData: data, doc, id: doc?.id as number | undefined }))
}

/** The value a new document gets when the field is left out (so a create form's default passes). */
const defaultOf = (field: FlattenedField): unknown =>
  'defaultValue' in field && typeof field.defaultValue !== 'function' ? field.defaultValue : undefined

/**
 * Payload's own fields that only the server sets for a customer or visitor, whatever their access
 * says: the timestamps (photo retention counts from `createdAt`) and an account's session list.
 * Our collections mark theirs with serverOwnedFields (src/fields/serverOwned.ts), for staff too.
 */
const SERVER_OWNED = new Set(['createdAt', 'updatedAt', 'sessions'])

/**
 * Whether a staff form's update was read before the document last changed: it sends back the
 * `updatedAt` it loaded, older than the stored one (a shoot that finished while its admin view was open).
 */
const isStaleForm = (req: PayloadRequest, data: Data, doc: Data | undefined): boolean => {
  if (!isStaffUser(req.user) || typeof data.updatedAt !== 'string' || typeof doc?.updatedAt !== 'string')
    return false
  const loaded = Date.parse(data.updatedAt)
  return !Number.isNaN(loaded) && loaded < Date.parse(doc.updatedAt)
}

/**
 * Dotted paths of the fields in `data` that this caller may not set to the value sent. With
 * `stale` (isStaleForm), such a field's changed value is the form's old copy, not a change: it is
 * taken out of `data` (the server's value stays) instead of refused.
 */
const forbiddenPaths = async (
  fields: FlattenedField[],
  operation: 'create' | 'update',
  req: PayloadRequest,
  data: Data,
  doc: Data | undefined,
  stale: boolean,
  prefix = '',
): Promise<string[]> => {
  const paths: string[] = []
  const staff = isStaffUser(req.user)
  for (const field of fields) {
    if (!(field.name in data) || ('virtual' in field && field.virtual)) continue
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    // Hidden fields (an account's hash, salt and sessions; face descriptors) are the server's own.
    if (field.hidden) {
      paths.push(path)
      continue
    }
    const serverOwned = isServerOwned(field) || (!staff && SERVER_OWNED.has(path))
    if (serverOwned || !(await allowed(field, operation, req, data, doc))) {
      const kept = operation === 'create' ? defaultOf(field) : doc?.[field.name]
      // An admin form sends every field back, the read-only ones unchanged: only a change is refused.
      if (
        !(doc === undefined && operation === 'update') &&
        (same(field, value, kept) || same(field, value, await asRead(field, kept, req, doc)))
      )
        continue
      // A staff form loaded before the server last wrote the document (a balance moved, a shoot
      // finished) sends its old copy back: dropped, the server's value stays. Any other change is
      // refused, for staff too and read-only or not: Payload's default, dropping it and answering
      // 200, told an admin who changed a customer's studio that it was saved.
      if (stale) {
        delete data[field.name]
        continue
      }
      paths.push(path)
      continue
    }
    if (field.type === 'group' && value && typeof value === 'object' && !Array.isArray(value)) {
      const nested = doc?.[field.name] as Data | undefined
      paths.push(
        ...(await forbiddenPaths(
          field.flattenedFields,
          operation,
          req,
          value as Data,
          nested,
          stale,
          `${path}.`,
        )),
      )
    }
  }
  return paths
}

/**
 * A client's create or update (REST, GraphQL) that sets a field it may not set is a 400 naming
 * the field, instead of Payload's default of dropping the value and answering 200 as if it had
 * been saved: a role, a balance, a publish flag, an account's sessions, a shoot's status.
 * Field-level `access` (Payload's field access, docs: payloadcms.com/docs/access-control/fields)
 * and serverOwnedFields decide; an unchanged value sent back by a form passes. The local API (our own server code) is not checked here.
 * Errors: ValidationError (400) with `errors[].path` = each refused field.
 */
export const refuseForbiddenFields: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'create' && operation !== 'update') return args
  if (req.payloadAPI === 'local') return args
  const call = args as { id?: number | string; data?: unknown; overrideAccess?: boolean }
  if (call.overrideAccess === true || !call.data || typeof call.data !== 'object') return args
  const data = call.data as Data
  // A caller with no right to this operation at all gets Payload's 403, whatever the body says.
  const access = collection.access[operation]
  if (operation === 'create' && access && (await access({ req, data })) === false) return args
  let doc: Data | undefined
  if (operation === 'update' && call.id !== undefined) {
    const target = await clientWriteTarget(req, collection, 'update', call.id, data)
    if (target.refused) return args
    doc = target.doc
  } else if (operation === 'update' && access && (await access({ req, data })) === false) return args
  const stale = operation === 'update' && isStaleForm(req, data, doc)
  const paths = await forbiddenPaths(collection.flattenedFields, operation, req, data, doc, stale)
  if (paths.length === 0) return args
  throw new ValidationError({
    collection: collection.slug,
    errors: paths.map((path) => ({ path, message: `${path} cannot be set by you.` })),
  })
}

/** The collection with `refuseForbiddenFields` first in beforeOperation: the plugin gives it to every collection. */
export const withForbiddenFieldsRefused = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [refuseForbiddenFields, ...(collection.hooks?.beforeOperation ?? [])],
  },
})
