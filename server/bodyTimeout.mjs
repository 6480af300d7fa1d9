/**
 * The request body deadline in the front: headers get Node's `headersTimeout` (408 from Node), and
 * a body must then arrive within `timeoutMs` of the headers plus one second for every
 * `minBytesPerSecond` bytes received (Apache's mod_reqtimeout `body=…,MinRate=…`). A client that
 * sends headers and then stops, or trickles a byte now and then, holds a socket and a request to
 * the child only that long: it gets 408 naming the rule, and the socket closes. A body held back
 * by the child not reading (backpressure) is not the client's delay and does not count.
 *
 * Settings: BODY_TIMEOUT_MS and BODY_MIN_BYTES_PER_SECOND (server/contract.mjs, readFrontSettings;
 * src/lib/settings/core.ts). Node's own `requestTimeout` (300 s) still bounds a whole request.
 */
import { Transform } from 'node:stream'

/** The 408's message: what the client must do, in its numbers. */
export const bodyTimeoutMessage = ({ timeoutMs, minBytesPerSecond }) =>
  `The request body came too slowly: it must arrive within ${timeoutMs / 1000} s of the headers, ` +
  `plus 1 s for every ${minBytesPerSecond} bytes sent.`

/** Whether `req` has a body to wait for (RFC 9112 §6.3): a positive Content-Length, or chunked. */
const hasBody = (req) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0

const answer = (req, res, rule) => {
  const message = bodyTimeoutMessage(rule)
  const details = { field: 'body', timeoutMs: rule.timeoutMs, minBytesPerSecond: rule.minBytesPerSecond }
  const body = JSON.stringify({ error: message, ...details, errors: [{ message, ...details }] })
  res
    .writeHead(408, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      // RFC 9110 §15.5.9: the server closes the connection after a 408.
      connection: 'close',
    })
    .end(body, () => req.socket.destroy())
}

/**
 * Times the body of `req` as it streams from `source` (`req` itself or the body limit's stream).
 * Returns `{ body, stop }`: the stream to proxy from, and the function that ends the timing (a
 * refusal that answered otherwise). Past the deadline it runs `onTimedOut` (abort the request to
 * the child), answers 408 on `res` (or, when the child has answered already, closes the socket).
 * @param {{ timeoutMs: number, minBytesPerSecond: number }} rule
 */
export const timeBody = (req, res, source, rule, onTimedOut) => {
  if (!hasBody(req) || req.complete) return { body: source, stop: () => {} }
  const startedAt = Date.now()
  let received = 0
  let timer
  const deadline = () => startedAt + rule.timeoutMs + (1000 * received) / rule.minBytesPerSecond
  const stop = () => clearTimeout(timer)
  const arm = () => {
    stop()
    timer = setTimeout(expire, Math.max(0, deadline() - Date.now()))
  }
  const timed = new Transform({
    transform(chunk, _encoding, done) {
      received += chunk.length
      arm()
      done(null, chunk)
    },
    flush(done) {
      stop()
      done()
    },
  })
  const expire = () => {
    if (req.complete) return
    // Bytes waiting for the child to take them: the delay is the child's, not the client's.
    if (timed.writableLength > 0 || timed.readableLength > 0 || source.readableLength > 0) {
      timer = setTimeout(expire, 1000)
      return
    }
    source.unpipe?.(timed)
    onTimedOut()
    if (!res.headersSent) answer(req, res, rule)
    else req.socket.destroy()
  }
  arm()
  req.once('end', stop)
  res.once('close', stop)
  source.pipe(timed)
  return { body: timed, stop }
}
