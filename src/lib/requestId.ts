import { randomUUID } from 'node:crypto'

/** The header that carries a request's id, from the client or the front (server/front.mjs) onwards. */
export const REQUEST_ID_HEADER = 'x-request-id'

/**
 * A well-formed request id: 1-128 characters of `A-Z a-z 0-9 . _ : -` (what load balancers and
 * tracing headers send: UUIDs, AWS `Root=1-…` trace ids without `=`/`;`, hex). Anything else (too
 * long, spaces, quotes, control characters) is replaced, so a client cannot inject log fields.
 * server/requestId.mjs holds the front's copy of this rule.
 */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** The request's id: its X-Request-Id when well formed, else a new UUID. */
export const requestIdOf = (headers: Headers | undefined): string => {
  const given = headers?.get(REQUEST_ID_HEADER)?.trim()
  return given && REQUEST_ID.test(given) ? given : randomUUID()
}
