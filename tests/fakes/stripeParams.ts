import { randomBytes } from 'node:crypto'

/**
 * The fake Stripe's parameter checks and error answers, shared by its core (sessions, products,
 * prices) and its Connect module: each throws a Fault carrying Stripe's error body and status.
 */
export type Json = Record<string, any>

export const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`
export const now = () => Math.floor(Date.now() / 1000)

/** An error answer, thrown from deep in validation and turned into a response in one place. */
export class Fault {
  constructor(
    readonly status: number,
    readonly error: Json,
  ) {}
}
export const invalid = (message: string, extra: Json = {}, status = 400): never => {
  throw new Fault(status, { type: 'invalid_request_error', message, ...extra })
}
export const missing = (param: string): never =>
  invalid(`Missing required param: ${param}.`, { code: 'parameter_missing', param })
export const noSuch = (kind: string, value: string, param?: string, status = 400): never =>
  invalid(`No such ${kind}: '${value}'`, { code: 'resource_missing', ...(param ? { param } : {}) }, status)
export const only = (body: Json, allowed: string[]) => {
  const unknown = Object.keys(body).find((key) => !allowed.includes(key) && key !== 'expand')
  if (unknown)
    invalid(`Received unknown parameter: ${unknown}`, { code: 'parameter_unknown', param: unknown })
}
export const integer = (value: unknown, param: string, min = 0): number => {
  if (value === undefined || value === '') return missing(param)
  if (typeof value !== 'string' || !/^-?\d+$/.test(value))
    return invalid(`Invalid integer: ${String(value)}`, { code: 'parameter_invalid_integer', param })
  return Number(value) >= min
    ? Number(value)
    : invalid(`This value must be greater than or equal to ${min}.`, { param })
}
export const boolean = (value: unknown, param: string): boolean =>
  value === 'true'
    ? true
    : value === 'false'
      ? false
      : invalid(`Invalid boolean: ${String(value)}`, { param })
export const currencyOf = (value: unknown, param: string): string =>
  value === undefined
    ? missing(param)
    : typeof value === 'string' && /^[a-z]{3}$/i.test(value)
      ? value.toLowerCase()
      : invalid(`Invalid currency: ${String(value)}`, { param })
// Stripe's limits: 50 keys, keys up to 40 characters, string values up to 500.
export const metadataOf = (value: unknown): Record<string, string> => {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return invalid('Invalid object', { param: 'metadata' })
  const entries = Object.entries(value as Json)
  if (entries.length > 50) invalid('Metadata can have up to 50 keys.', { param: 'metadata' })
  const bad = entries.find(([key, v]) => key.length > 40 || typeof v !== 'string' || v.length > 500)
  if (bad)
    invalid('Metadata keys can have up to 40 characters and values up to 500.', {
      param: `metadata[${bad[0]}]`,
    })
  return value as Record<string, string>
}
// Updates merge metadata; an empty value deletes that key.
export const mergeMetadata = (target: Json, value: unknown) => {
  for (const [key, v] of Object.entries(metadataOf(value))) v === '' ? delete target[key] : (target[key] = v)
}
export const urlOf = (value: unknown, param: string): string | null => {
  if (value === undefined) return null
  const ok = typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)
  return ok ? (value as string) : invalid('Not a valid URL', { code: 'url_invalid', param })
}
export const createdMatches = (created: number, filter: unknown): boolean => {
  if (filter === undefined) return true
  if (typeof filter === 'string') return created === integer(filter, 'created')
  const ops: Record<string, (a: number, b: number) => boolean> = {
    gt: (a, b) => a > b,
    gte: (a, b) => a >= b,
    lt: (a, b) => a < b,
    lte: (a, b) => a <= b,
  }
  return Object.entries(filter as Json).every(([op, v]) =>
    (ops[op] ?? invalid(`Invalid created filter: ${op}`, { param: `created[${op}]` }))(
      created,
      integer(v, `created[${op}]`),
    ),
  )
}

/** One page of a list, newest first, the way Stripe pages: `limit` (1..100, default 10) and `starting_after`. */
export const pageOf = (rows: Json[], query: Json, url: string, kind: string) => {
  const limit = query.limit === undefined ? 10 : integer(query.limit, 'limit', 1)
  if (limit > 100) invalid('This value must be less than or equal to 100.', { param: 'limit' })
  let rest = rows
  if (query.starting_after) {
    const index = rows.findIndex((row) => row.id === query.starting_after)
    rest = rows.slice((index >= 0 ? index : noSuch(kind, query.starting_after, 'starting_after')) + 1)
  }
  return { object: 'list', data: rest.slice(0, limit), has_more: rest.length > limit, url }
}
