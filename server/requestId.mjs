/**
 * The front gives every request an id before it proxies it: the client's `X-Request-Id` when
 * well formed (1-128 characters of A-Z a-z 0-9 . _ : -, as src/lib/requestId.ts), else a new
 * UUID. The child reads it from the same header and stores it on a generation; every answer
 * carries it back, so a customer's report can be matched to the logs.
 */
import { randomUUID } from 'node:crypto'

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** Sets `X-Request-Id` on the request (for the child) and on the response; returns the id. */
export const assignRequestId = (req, res) => {
  const given = String(req.headers['x-request-id'] ?? '').trim()
  const id = REQUEST_ID.test(given) ? given : randomUUID()
  req.headers['x-request-id'] = id
  res.setHeader('x-request-id', id)
  return id
}
