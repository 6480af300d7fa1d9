import { APIError, type PayloadHandler, type PayloadRequest, ValidationError } from 'payload'
import { ZodError, type ZodType } from 'zod'

import { databaseRefusal } from '@/lib/databaseErrors'
import { DomainError } from '@/lib/errors'
import { idFromText, MAX_ID } from '@/lib/input'

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  })

/** A cached catalog body is already serialised: send the bytes as they are. */
export const rawJson = (body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  })

const zodMessage = (error: ZodError, whole: string): { message: string; field: string } => {
  const issue = error.issues[0]
  const field = issue?.path.join('.') || whole
  return { field, message: issue ? `${field}: ${issue.message}` : 'Invalid input.' }
}

/**
 * Parses with zod; a mismatch becomes a 400 naming the field. `whole` names the input itself when
 * the mismatch is in no field of it: `body` by default, a route parameter's name (`slug`) for one.
 */
export const parse = <T>(schema: ZodType<T>, input: unknown, whole = 'body'): T => {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const { field, message } = zodMessage(result.error, whole)
  throw new DomainError(400, message, { field })
}

/** The `:id` (or `:name`) route parameter as an id (1..2147483647), or a 400 naming it. */
export const routeId = (req: PayloadRequest, what: string, param = 'id'): number => {
  const id = idFromText(req.routeParams?.[param])
  if (id === null)
    throw new DomainError(400, `The ${what} id must be a whole number from 1 to ${MAX_ID}.`, { field: param })
  return id
}

/** Reads a JSON body; a missing or malformed body is a 400, not a 500. */
export const readJson = async (req: PayloadRequest): Promise<unknown> => {
  if (typeof req.json !== 'function') throw new DomainError(400, 'A JSON body is required.')
  try {
    return await req.json()
  } catch {
    throw new DomainError(400, 'The body must be valid JSON.')
  }
}

/**
 * Wraps an endpoint so known errors map to their status: domain errors (any status, 5xx
 * upstream failures included), zod and Payload validation errors as 4xx with a message,
 * database input errors as databaseRefusal says; anything else is logged and answered 500.
 */
export const endpoint =
  (handler: (req: PayloadRequest) => Promise<Response>): PayloadHandler =>
  async (req) => {
    try {
      return await handler(req)
    } catch (error) {
      if (error instanceof DomainError) {
        return json({ error: error.message, ...error.details }, error.status)
      }
      if (error instanceof ZodError) {
        const { field, message } = zodMessage(error, 'body')
        return json({ error: message, field }, 400)
      }
      if (error instanceof ValidationError) {
        const errors = error.data?.errors ?? []
        return json({ error: error.message, ...(errors[0] ? { field: errors[0].path } : {}), errors }, 400)
      }
      if (error instanceof APIError && error.status < 500) {
        return json({ error: error.message }, error.status)
      }
      const refusal = databaseRefusal(error)
      if (refusal) return json({ error: refusal.message, ...refusal.details }, refusal.status)
      req.payload.logger.error({ err: error, msg: `Unhandled error in ${req.url}` })
      return json({ error: 'Something went wrong on our side. Please try again.' }, 500)
    }
  }
