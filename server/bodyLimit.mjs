/**
 * Request body limits in the front, enforced while the body streams through to the child: a
 * declared Content-Length over the limit is refused before a byte is read, a chunked body the
 * moment it passes the limit. Nothing is buffered here, and the child never receives more than
 * the limit. The app's request guard (src/endpoints/guard/bodyLimit.ts) enforces the same
 * limits again, with a real sign-in check where the front can only see a credential's presence.
 */
import { Transform } from 'node:stream'

import { bodyTooLargeMessage } from './contract.mjs'

// The limits themselves ({ body, upload }) are the front's settings: BODY_MAX_BYTES, and
// UPLOAD_MAX_BYTES plus UPLOAD_BODY_ALLOWANCE (server/contract.mjs, readFrontSettings).

/**
 * Routes that take a photo file: the upload collections' create and update, and the prompt lab's
 * test render. tests/int/endpoints/hostileLimits.int.test.ts checks the list against the config.
 */
export const UPLOAD_COLLECTIONS = ['media', 'photo-uploads', 'test-renders', 'generation-results']
const UPLOAD_ROUTE = new RegExp(
  `^/api/(?:(?:${UPLOAD_COLLECTIONS.join('|')})(?:/[^/?#]+)?|admin/themes/[^/?#]+/test-render)/?(?:[?#]|$)`,
)
// Payload reads a session from its cookie (cookiePrefix "payload") or an Authorization header.
const hasCredential = (req) =>
  Boolean(req.headers.authorization) || /(?:^|;)\s*payload-token=/.test(String(req.headers.cookie ?? ''))

/**
 * The limit for `req`: the upload limit on an upload route for a client that shows a credential
 * (the app verifies it before reading past the smaller limit), else the body limit. An anonymous
 * client never gets more than the smaller one through.
 */
export const bodyLimitOf = (req, limits) =>
  (req.method === 'POST' || req.method === 'PATCH') && UPLOAD_ROUTE.test(req.url ?? '/') && hasCredential(req)
    ? limits.upload
    : limits.body

/** How long the rest of a refused body is read and dropped before the socket is closed. */
const LINGER_MS = 5000

/**
 * The rest of a refused body is read and dropped (never kept): a socket closed under a client
 * still sending is reset, and the client loses the answer it has not read yet (RFC 9112 §9.6,
 * the "lingering close"). A client still sending LINGER_MS after the answer loses the socket.
 */
const drain = (req, res) => {
  req.resume()
  const linger = () => {
    if (req.complete) return
    setTimeout(() => req.complete || req.socket.destroy(), LINGER_MS).unref()
  }
  if (res.writableFinished) linger()
  else res.on('finish', linger)
}

const refuse = (req, res, limit) => {
  const message = bodyTooLargeMessage(limit)
  const body = { error: message, field: 'body', limit, errors: [{ message, field: 'body', limit }] }
  res
    .writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body))
  drain(req, res)
}

/**
 * Applies `limit` to `req`: returns null when it answered 413 itself (Content-Length over the
 * limit), else the stream to proxy from. A declared length is exact (Node's parser frames the body
 * by it), so only a chunked body is counted: through a stream that, once more than `limit` bytes
 * have come, runs `onRefused` (to abort the request to the child) and answers 413 on `res` (unless
 * the child has answered already).
 */
export const limitBody = (req, res, limit, onRefused) => {
  const declared = req.headers['content-length']
  if (declared !== undefined) {
    if (Number(declared) <= limit) return req
    refuse(req, res, limit)
    return null
  }
  if (req.headers['transfer-encoding'] === undefined) return req // no body (RFC 9112 §6.3)
  let seen = 0
  const counted = new Transform({
    transform(chunk, _encoding, done) {
      seen += chunk.length
      if (seen <= limit) return done(null, chunk)
      req.unpipe(counted)
      onRefused()
      if (!res.headersSent) refuse(req, res, limit)
      else if (res.writableFinished) drain(req, res)
      else req.socket.destroy() // the child's answer, cut off with its request
      done()
    },
  })
  req.pipe(counted)
  return counted
}
