import type { FlattenedField } from 'payload'

import { badRequest } from '@/lib/errors'
import { depthSchema, idFromText, limitSchema, MAX_ID, MAX_LIMIT, pageSchema, safeDecode } from '@/lib/input'

import type { CollectionRoutes } from './routeMap'

const OPERATORS = new Set([
  'equals',
  'not_equals',
  'in',
  'not_in',
  'all',
  'exists',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'like',
  'not_like',
  'contains',
  'near',
  'within',
  'intersects',
])
const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
// GeoJSON operators: Payload's adapters serve them on point fields only (SQLite has none at all).
const GEO_OPERATORS = new Set(['near', 'within', 'intersects'])

/** Raw `key=value` pairs, each decoded; malformed percent-encoding or NUL names its key. */
export const decodeQuery = (search: string): [string, string][] => {
  const pairs: [string, string][] = []
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue
    const cut = part.indexOf('=')
    const rawKey = cut === -1 ? part : part.slice(0, cut)
    const rawValue = cut === -1 ? '' : part.slice(cut + 1)
    const key = safeDecode(rawKey.replace(/\+/g, ' '))
    if (key === null) throw badRequest('The query string has invalid percent-encoding.', { field: 'query' })
    const value = safeDecode(rawValue.replace(/\+/g, ' '))
    if (value === null) throw badRequest(`${key}: invalid percent-encoding.`, { field: key })
    if (key.includes('\u0000') || value.includes('\u0000'))
      throw badRequest(`${key}: must not contain a NUL character.`, { field: key })
    pairs.push([key, value])
  }
  return pairs
}

const checkValue = (field: string, kind: 'id' | 'number' | 'date', operator: string, raw: string): void => {
  if (operator === 'exists') {
    if (!['true', 'false'].includes(raw))
      throw badRequest(`where.${field}.exists must be true or false.`, { field: `where.${field}` })
    return
  }
  const values = LIST_OPERATORS.has(operator) ? raw.split(',') : [raw]
  for (const value of values) {
    if (value === 'null' && (operator === 'equals' || operator === 'not_equals')) continue
    const ok =
      kind === 'id'
        ? idFromText(value) !== null
        : kind === 'number'
          ? value.trim() !== '' && Number.isFinite(Number(value))
          : !Number.isNaN(Date.parse(value))
    if (!ok) {
      const what =
        kind === 'id' ? `ids (whole numbers from 1 to ${MAX_ID})` : kind === 'number' ? 'numbers' : 'dates'
      throw badRequest(
        `where.${field}.${operator}: "${value.slice(0, 40)}" is not valid; ${field} takes ${what}.`,
        { field: `where.${field}` },
      )
    }
  }
}

const kindOf = (name: string, field: FlattenedField | undefined): 'id' | 'number' | 'date' | null => {
  if (name === 'id') return 'id'
  if (!field) return null
  if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string')
    return 'id'
  if (field.type === 'number') return 'number'
  if (field.type === 'date' || name === 'createdAt' || name === 'updatedAt') return 'date'
  return null
}

/** `where[or][0][name][equals]` -> field "name", operator "equals" (null when not a where key). */
const whereTarget = (key: string): { field: string; operator: string } | null => {
  if (!key.startsWith('where[')) return null
  const parts = [...key.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1])
  const meaningful = parts.filter((part) => part !== 'and' && part !== 'or' && !/^[0-9]+$/.test(part))
  const operatorAt = meaningful.findIndex((part) => OPERATORS.has(part))
  if (operatorAt <= 0) return null
  return { field: meaningful.slice(0, operatorAt).join('.'), operator: meaningful[operatorAt] }
}

/**
 * The shape of a `where[...]` key, which Payload's adapters assume (a wrong one was a 500: a NaN
 * bound into SQL, or no operator function): `and`/`or` are followed by an index; a value follows
 * its operator with nothing after it but, for `in`/`not_in`/`all`, one list index; the GeoJSON
 * operators need a point field. A 400 naming the where path otherwise.
 */
const checkWhereShape = (
  key: string,
  collection: CollectionRoutes,
  collections: ReadonlyMap<string, CollectionRoutes>,
): void => {
  const parts = [...key.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1])
  const refuse = (message: string) => {
    const path = `where.${parts.join('.')}`.slice(0, 120)
    throw badRequest(`${path}: ${message}`, { field: path })
  }
  // Payload parses the query string with qs at depth 10: the brackets past that stay one text key,
  // whose characters (and String.prototype's methods) Payload then took for paths.
  if (parts.length > QS_DEPTH) refuse(`a filter is nested at most ${QS_DEPTH} brackets deep.`)
  parts.forEach((part, index) => {
    if ((part === 'and' || part === 'or') && !/^[0-9]*$/.test(parts[index + 1] ?? 'none'))
      refuse(`${part} takes a list of conditions: where[${part}][0][field][operator]=value.`)
  })
  const operatorAt = parts.findIndex((part, index) => OPERATORS.has(part) && index > 0)
  if (operatorAt === -1) {
    const last = parts.at(-1) ?? ''
    // A value straight under a field (where[id]=1): Payload walked the text's characters as operators.
    if (parts.length > 0 && last !== 'and' && last !== 'or' && !/^[0-9]*$/.test(last))
      refuse(`name an operator: where[${last}][equals]=value (or not_equals, in, like, exists...).`)
    return
  }
  const fieldPath = parts
    .slice(0, operatorAt)
    .filter((part) => part !== 'and' && part !== 'or' && !/^[0-9]+$/.test(part))
    .join('.')
  if (relationshipHops(fieldPath, collection, collections) > 1)
    refuse(
      'a filter follows at most one relationship (where[package.name][equals]=x, not where[package.studio.name][equals]=x).',
    )
  const operator = parts[operatorAt]
  const after = parts.slice(operatorAt + 1)
  if (GEO_OPERATORS.has(operator)) {
    const field = collection.fields.get(parts[operatorAt - 1])
    if (field?.type !== 'point') refuse(`${operator} works on point (location) fields only.`)
    return
  }
  // `[0]`, or qs's `[]`, after a list operator.
  const listIndex = LIST_OPERATORS.has(operator) && after.length === 1 && /^[0-9]*$/.test(after[0])
  if (after.length > 0 && !listIndex)
    refuse(
      `${operator} takes ${LIST_OPERATORS.has(operator) ? 'a list of values' : 'one value'}, not an object.`,
    )
}

const MAX_JSON_DEPTH = 32
/** qs's depth as Payload parses a request's query (createPayloadRequest: `depth: 10`). */
const QS_DEPTH = 10

/**
 * How many relationships a dotted where path follows into another collection before its last
 * segment (`package.name`: 1; `package.studio.name`: 2). Groups and tabs are not hops. Payload
 * 3.90 checks a path of two or more hops in a promise it never awaits: when the path is refused
 * (a field the caller may not read), that promise's rejection went unhandled and, with the face
 * models' WASM runtime listening, took the process down.
 */
const relationshipHops = (
  path: string,
  collection: CollectionRoutes,
  collections: ReadonlyMap<string, CollectionRoutes>,
): number => {
  let fields: readonly FlattenedField[] = collection.flattenedFields
  let hops = 0
  const segments = path.split('.')
  for (const [index, segment] of segments.entries()) {
    const field = fields.find((candidate) => candidate.name === segment)
    if (!field) return hops
    if ('flattenedFields' in field && Array.isArray(field.flattenedFields)) {
      fields = field.flattenedFields
      continue
    }
    const isLast = index === segments.length - 1
    if ((field.type === 'relationship' || field.type === 'upload') && !isLast) {
      hops++
      const target = typeof field.relationTo === 'string' ? collections.get(field.relationTo) : undefined
      // A polymorphic relation (`field.value`, `field.relationTo`): Payload goes no further.
      if (!target) return hops
      fields = target.flattenedFields
      continue
    }
    return hops
  }
  return hops
}

/** A JSON value as the `key[a][b]=value` pairs qs would have made of it; NUL or too deep is a 400. */
const flattenJson = (prefix: string, value: unknown, depth = 0): [string, string][] => {
  if (depth > MAX_JSON_DEPTH)
    throw badRequest(`${prefix.split('[')[0]} is nested too deeply.`, { field: prefix.split('[')[0] })
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => flattenJson(`${prefix}[${key}]`, inner, depth + 1))
  }
  const text = value === null ? 'null' : String(value)
  if (text.includes('\u0000') || prefix.includes('\u0000'))
    throw badRequest(`${prefix.split('[')[0]}: must not contain a NUL character.`, {
      field: prefix.split('[')[0],
    })
  return [[prefix, text]]
}

/**
 * `where=` or `data=` given as JSON text, which Payload's parseParams passes to JSON.parse (a
 * syntax error there is a 500): it must be a JSON object. Its values become the bracketed
 * pairs they stand for, so they are checked like any other filter.
 */
const jsonParamPairs = (key: 'where' | 'data', text: string): [string, string][] => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest(`${key} must be a JSON object, or written as ${key}[field][operator]=value.`, {
      field: key,
    })
  }
  return flattenJson(key, parsed)
}

const SCALAR_PARAMS = new Set(['page', 'limit', 'depth', 'pagination'])

/**
 * Paging, depth and typed `where` values before they reach SQL: page 1..100000, limit
 * 1..1000, depth 0..10, each given once as a plain value; ids, numbers and dates in filters of
 * top-level fields. Payload reads `limit=0` and `pagination=false` as "every row in one answer",
 * and `limit[]=0` or a repeated `limit` past the checks (qs makes an array, Number(['0']) is 0),
 * so all of these are a 400 naming the parameter. A bulk write (`bulkWrite`: PATCH or DELETE of
 * a collection by `where`) may send `limit=0`: there it is Payload's default without a limit
 * (every document the where and access match), and the admin's bulk delete and restore send it.
 */
export const checkQuery = (
  pairs: [string, string][],
  collection: CollectionRoutes | undefined,
  collections: ReadonlyMap<string, CollectionRoutes> = new Map(),
  { bulkWrite = false }: { bulkWrite?: boolean } = {},
): void => {
  const scalar: Record<string, typeof pageSchema | typeof limitSchema | typeof depthSchema> = {
    page: pageSchema,
    limit: limitSchema,
    depth: depthSchema,
  }
  const seen = new Set<string>()
  for (const [key, value] of pairs) {
    if ((key === 'where' || key === 'data') && value !== '') {
      const expanded = jsonParamPairs(key, value)
      if (key === 'where') checkQuery(expanded, collection, collections)
      continue
    }
    const name = key.split('[')[0]
    if (SCALAR_PARAMS.has(name)) {
      if (name !== key || seen.has(name))
        throw badRequest(`${name} must be given once, as ${name}=<value>.`, { field: name })
      seen.add(name)
    }
    if (key === 'pagination' && value !== 'true') {
      const message = `pagination cannot be turned off: page through with page and limit (1 to ${MAX_LIMIT}).`
      throw badRequest(message, { field: 'pagination' })
    }
    if (key === 'limit' && bulkWrite && value === '0') continue
    const schema = scalar[key]
    if (schema) {
      const result = schema.safeParse(value)
      if (!result.success)
        throw badRequest(result.error.issues[0]?.message ?? `${key} is invalid.`, { field: key })
      continue
    }
    if (key === 'sort' && !/^-?[A-Za-z0-9_.]{1,100}(,-?[A-Za-z0-9_.]{1,100}){0,9}$/.test(value)) {
      throw badRequest('sort must name fields, comma-separated, each optionally prefixed with "-".', {
        field: 'sort',
      })
    }
    if (collection && key.startsWith('where[')) checkWhereShape(key, collection, collections)
    const target = collection && whereTarget(key)
    if (!target) continue
    if (target.field.includes('.')) continue // nested paths: the database error handler answers those
    if (collection.textIdFields.has(target.field)) continue // text ids: any text is a well-formed id
    const kind = kindOf(target.field, collection.fields.get(target.field))
    if (kind) checkValue(target.field, kind, target.operator, value)
  }
}
