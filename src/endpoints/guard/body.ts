import type { FlattenedField } from 'payload'

import { badRequest } from '@/lib/errors'
import { findNulByte, idFromText } from '@/lib/input'

import type { CollectionRoutes } from './routeMap'

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isRelationValue = (field: FlattenedField & { relationTo?: unknown }, value: unknown): boolean => {
  if (typeof field.relationTo === 'string') {
    if (isPlainObject(value)) return idFromText(value.id) !== null // a populated document
    return idFromText(value) !== null
  }
  // Polymorphic: { relationTo, value }.
  return (
    isPlainObject(value) &&
    typeof value.relationTo === 'string' &&
    (idFromText(value.value) !== null || isPlainObject(value.value))
  )
}

/** The type a field's value must have, or null when any JSON is fine (json, richText, point...). */
const expected = (field: FlattenedField): { test: (value: unknown) => boolean; what: string } | null => {
  const hasMany = 'hasMany' in field && field.hasMany === true
  const one = (test: (value: unknown) => boolean, what: string, many: string) =>
    hasMany
      ? { test: (value: unknown) => Array.isArray(value) && value.every(test), what: `a list of ${many}` }
      : { test, what }
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
      return one((value) => typeof value === 'string', 'text', 'texts')
    case 'select':
    case 'radio':
      return one((value) => typeof value === 'string', 'one of its options', 'its options')
    case 'number':
      return one((value) => typeof value === 'number' && Number.isFinite(value), 'a number', 'numbers')
    case 'checkbox':
      return { test: (value) => typeof value === 'boolean', what: 'true or false' }
    case 'date':
      return {
        test: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
        what: 'a date',
      }
    case 'relationship':
    case 'upload':
      return one((value) => isRelationValue(field, value), 'the id of a document', 'ids of documents')
    case 'array':
    case 'blocks':
      return { test: Array.isArray, what: 'a list' }
    case 'group':
      return { test: isPlainObject, what: 'an object' }
    default:
      return null
  }
}

/**
 * A collection write's top-level fields must have their field's JSON type: `email: ["a"]`
 * or `colorPalette: "red"` is a 400 naming the field, never a coercion or a 500. Unknown
 * keys are left to Payload (it ignores them); null clears a field.
 */
export const checkDocumentBody = (data: unknown, collection: CollectionRoutes): void => {
  if (!isPlainObject(data))
    throw badRequest('The body must be a JSON object of field values.', { field: 'body' })
  for (const [name, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue
    const field = collection.fields.get(name)
    if (!field) continue
    if (collection.textIdFields.has(name)) {
      if (typeof value !== 'string' && !isPlainObject(value))
        throw badRequest(`${name} must be the id of a document (text).`, { field: name })
      continue
    }
    const rule = expected(field)
    if (rule && !rule.test(value)) throw badRequest(`${name} must be ${rule.what}.`, { field: name })
  }
}

/** Far deeper than any document or endpoint body here; the walks after parsing recurse once per level. */
export const MAX_BODY_NESTING = 64

/** True when objects and arrays in JSON text nest deeper than `limit` (brackets inside strings do not count). */
const nestsDeeperThan = (text: string, limit: number): boolean => {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (inString) {
      if (code === 0x5c)
        index++ // a backslash escapes the next character
      else if (code === 0x22) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) return true
    } else if (code === 0x7d || code === 0x5d) depth--
  }
  return false
}

/**
 * JSON text -> value; a syntax error, a NUL anywhere or nesting deeper than MAX_BODY_NESTING is a
 * 400 naming where (thousands of levels overflowed the stack of the NUL check and Payload's walks).
 */
export const parseJsonBody = (text: string, what = 'body'): unknown => {
  if (nestsDeeperThan(text, MAX_BODY_NESTING))
    throw badRequest(`${what} is nested too deeply (at most ${MAX_BODY_NESTING} levels).`, { field: what })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw badRequest(`${what} must be valid JSON.`, { field: what })
  }
  const nul = findNulByte(value)
  if (nul) throw badRequest(`${nul}: must not contain a NUL character.`, { field: nul })
  return value
}

/**
 * Multipart bodies: must parse, filenames must be clean, `_payload` must be a JSON object, one `file` at most.
 * Returns the `_payload` value (or null) for the field-type check.
 */
export const checkMultipart = async (request: Request): Promise<unknown> => {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw badRequest('The multipart body is malformed or truncated.', { field: 'body' })
  }
  let data: unknown = null
  // Payload keeps one of several `file` parts and the upload hooks saw none ("Attach a photo").
  const files = form.getAll('file').filter((value) => typeof value !== 'string').length
  if (files > 1)
    throw badRequest(`Send one file per request: the multipart field file appears ${files} times.`, {
      field: 'file',
    })
  for (const [name, value] of form.entries()) {
    if (name.includes('\u0000'))
      throw badRequest('A multipart field name holds a NUL character.', { field: 'body' })
    if (typeof value === 'string') {
      if (name === '_payload') {
        data = parseJsonBody(value, '_payload')
        if (!isPlainObject(data)) throw badRequest('_payload must be a JSON object.', { field: '_payload' })
      } else if (value.includes('\u0000')) {
        throw badRequest(`${name}: must not contain a NUL character.`, { field: name })
      }
    } else if (/[\u0000-\u001f]/.test(value.name)) {
      throw badRequest(`${name}: the file name holds control characters.`, { field: name })
    }
  }
  return data
}
