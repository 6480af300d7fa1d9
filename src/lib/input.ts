import { z } from 'zod'

/**
 * The one parser for ids, paging and text that reaches the database. Postgres ids are
 * `integer` (serial): anything outside 1..2147483647 can name no row and must never reach
 * SQL, where it would be a 500 ("out of range", "invalid input syntax").
 */
export const MAX_ID = 2_147_483_647
export const MAX_PAGE = 100_000
export const MAX_LIMIT = 1_000
export const MAX_DEPTH = 10

const DIGITS = /^[0-9]{1,10}$/

/** A route or query value as an id, or null when it cannot be one. */
export const idFromText = (value: unknown): number | null => {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 1 && value <= MAX_ID ? value : null
  if (typeof value !== 'string' || !DIGITS.test(value)) return null
  const id = Number(value)
  return id >= 1 && id <= MAX_ID ? id : null
}

const idMessage = (field: string) => `${field} must be an id: a whole number from 1 to ${MAX_ID}.`

/** A JSON body id: a number, or a string of digits (form posts); arrays and objects are refused, never coerced. */
export const idSchema = (field: string) =>
  z.union([z.number(), z.string()], { error: idMessage(field) }).transform((value, context) => {
    const id = idFromText(value)
    if (id === null) {
      context.addIssue({ code: 'custom', message: idMessage(field) })
      return z.NEVER
    }
    return id
  })

/** A route parameter or query value id (always text). */
export const idParamSchema = (field: string) => idSchema(field)

/** `?page=`: 1..MAX_PAGE. */
export const pageSchema = z
  .string()
  .regex(/^[0-9]{1,6}$/, `page must be a whole number from 1 to ${MAX_PAGE}.`)
  .transform(Number)
  .refine((page) => page >= 1 && page <= MAX_PAGE, `page must be a whole number from 1 to ${MAX_PAGE}.`)

/** `?limit=`: 1..MAX_LIMIT (Payload reads 0 as "no limit": every row in one answer). */
export const limitSchema = z
  .string()
  .regex(/^[0-9]{1,4}$/, `limit must be a whole number from 1 to ${MAX_LIMIT}.`)
  .transform(Number)
  .refine((limit) => limit >= 1 && limit <= MAX_LIMIT, `limit must be a whole number from 1 to ${MAX_LIMIT}.`)

/** `?depth=`: 0..MAX_DEPTH. */
export const depthSchema = z
  .string()
  .regex(/^[0-9]{1,2}$/, `depth must be a whole number from 0 to ${MAX_DEPTH}.`)
  .transform(Number)
  .refine((depth) => depth <= MAX_DEPTH, `depth must be a whole number from 0 to ${MAX_DEPTH}.`)

/** Text that may be stored: Postgres text cannot hold U+0000. */
export const textSchema = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text.` })
    .max(max, `${field} is at most ${max} characters.`)
    .refine((value) => !value.includes('\u0000'), `${field} must not contain a NUL character.`)

/** The path (a.b.0.c) of the first string or key holding U+0000 in a JSON value, or null. */
export const findNulByte = (value: unknown, path = ''): string | null => {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findNulByte(value[index], path ? `${path}.${index}` : String(index))
      if (found) return found
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key
      if (key.includes('\u0000')) return here
      const found = findNulByte(item, here)
      if (found) return found
    }
  }
  return null
}

/** decodeURIComponent that answers null for malformed percent-encoding instead of throwing. */
export const safeDecode = (text: string): string | null => {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}
