/**
 * Requests the front answers itself with a 4xx because Next.js would answer them with a bare
 * 500 (or nothing here serves them). Each answer is JSON in Payload's error shape, naming the
 * part of the request at fault.
 */

import http from 'node:http'

const refusal = (message, field) =>
  JSON.stringify({ error: message, ...(field && { field }), errors: [{ message, ...(field && { field }) }] })

const JSON_NO_STORE = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }

// Next decodes a dynamic route's segments itself and answers malformed percent-encoding
// (/api/packages/%ff) with a bare 500 before our route or guard runs.
const hasMalformedPath = (rawUrl) => {
  try {
    decodeURIComponent((rawUrl ?? '/').split('?')[0])
    return false
  } catch {
    return true
  }
}

// Next reads a multipart POST to a page as a no-JavaScript server-action form and answers a body it
// cannot parse (no boundary, truncated) with a bare 500. This site posts no such forms (its forms
// call the API, and Payload's admin calls its server functions with a Next-Action header).
const isStrayFormPost = (req) =>
  req.method === 'POST' &&
  !(req.url ?? '/').startsWith('/api/') &&
  !req.headers['next-action'] &&
  String(req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('multipart/form-data')

/**
 * A Host value: a DNS name (letters, digits, `-`, `_`, dots, a trailing dot allowed: RFC 1123), an
 * IPv4 address or an IPv6 literal in brackets (RFC 3986 §3.2.2), with an optional port of digits.
 */
const HOST_VALUE = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/

/**
 * RFC 9112 §3.2: a request with more than one Host field line, or a Host that is no host[:port]
 * (`a@host`, `host/x`, `host, other`, a NUL or percent sign), is a 400 naming `host`. Node kept the
 * first of two Host lines, and studios are found by Host (issue 24): the second must not be served.
 * An empty or missing Host is left to the app (the default studio serves it in a one-studio
 * deployment). Returns true when it answered.
 */
export const refuseBadHost = (req, res) => {
  let lines = 0
  for (let index = 0; index < req.rawHeaders.length; index += 2)
    if (req.rawHeaders[index].toLowerCase() === 'host') lines++
  const host = req.headers.host ?? ''
  const message =
    lines > 1
      ? `Host: send one Host header, not ${lines} (RFC 9112 §3.2).`
      : host !== '' && !HOST_VALUE.test(host)
        ? `Host: "${host.slice(0, 80)}" is not a host name or address with an optional port.`
        : undefined
  if (!message) return false
  res.writeHead(400, JSON_NO_STORE).end(refusal(message, 'host'))
  return true
}

/**
 * Methods a page (any path outside /api) answers: GET and HEAD, and POST for Next's server actions
 * (Payload's admin calls its server functions that way, with a Next-Action header). Next rendered
 * a page for any other method (DELETE /, PROPFIND /admin) and answered 200.
 */
export const PAGE_METHODS = ['GET', 'HEAD', 'POST']
const PAGE_ALLOW = PAGE_METHODS.join(', ')
const isApiPath = (rawUrl) => /^\/api(?:[/?#]|$)/.test(rawUrl ?? '/')
/** A method a page does not answer, on a page path. */
export const isPageMethodMisuse = (req) => !PAGE_METHODS.includes(req.method) && !isApiPath(req.url)

// Every method the API serves somewhere: the Allow when the app cannot say what one path serves.
const ALL_ALLOW = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'
// The methods a Next.js route handler can be asked: TRACE was a bare 500 under /api, PROPFIND,
// MKCOL, LOCK... a 400 with no body. Any other under /api is answered here, 405 with what the path
// serves (on a page, isPageMethodMisuse answers them, naming `method`).
const ROUTE_METHODS = new Set(ALL_ALLOW.split(', '))
const noRoute = (target) => refusal(`No route ${String(target).split('?')[0].slice(0, 80)}.`)

/**
 * @typedef {(target: string) => Promise<{ answered: boolean, allow: string | null }>} AllowOf
 */

/**
 * What the app serves at an API request target: its answer to OPTIONS there (the request guard
 * sets `Allow`, src/endpoints/guard; RFC 9110 §9.3.7). `answered` false when the app did not answer
 * within `timeoutMs` or the target cannot be sent; `allow` null when nothing is served there.
 * @param {{ socketPath?: string, host?: string, port?: number }} target the child's address
 * @param {number} timeoutMs 10 s in production; longer under `next dev`, which compiles a route on its first request
 * @returns {AllowOf}
 */
export const askAllow = (target, timeoutMs) => (path) =>
  new Promise((resolve) => {
    const unanswered = () => resolve({ answered: false, allow: null })
    try {
      const request = http.request({ ...target, method: 'OPTIONS', path, timeout: timeoutMs }, (response) => {
        response.resume()
        const allow = response.headers.allow
        resolve({ answered: true, allow: typeof allow === 'string' && allow ? allow : null })
      })
      request.on('timeout', () => request.destroy())
      request.on('error', unanswered)
      request.end()
    } catch {
      unanswered()
    }
  })

const PATH_REFUSAL = refusal('The path has invalid percent-encoding.', 'path')
// TRACE echoes a request back (cross-site tracing) and Next cannot build a Request for it.
const METHOD_REFUSAL = refusal('TRACE is not served here.')
const FORM_POST_REFUSAL = refusal('Pages take no form posts; send requests to the API under /api/.', 'body')

/**
 * Answers `req` on `res` when it is one of those requests; returns whether it did. `allowOf`
 * (askAllow bound to the app) gives TRACE under /api the path's own Allow.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {AllowOf} [allowOf]
 */
export const refuseUnservable = (req, res, allowOf) => {
  if (hasMalformedPath(req.url)) {
    res.writeHead(400, JSON_NO_STORE).end(PATH_REFUSAL)
  } else if (req.method === 'TRACE' || (isApiPath(req.url) && !ROUTE_METHODS.has(req.method))) {
    if (!isApiPath(req.url) || !allowOf) {
      res
        .writeHead(405, { ...JSON_NO_STORE, allow: isApiPath(req.url) ? ALL_ALLOW : PAGE_ALLOW })
        .end(METHOD_REFUSAL)
    } else {
      void allowOf(req.url).then(({ answered, allow }) => {
        if (answered && !allow) res.writeHead(404, JSON_NO_STORE).end(noRoute(req.url))
        else res.writeHead(405, { ...JSON_NO_STORE, allow: allow ?? ALL_ALLOW }).end(METHOD_REFUSAL)
      })
    }
  } else if (isPageMethodMisuse(req)) {
    res
      .writeHead(405, { ...JSON_NO_STORE, allow: PAGE_ALLOW })
      .end(refusal(`Pages answer ${PAGE_ALLOW} only, not ${req.method}; the API is under /api/.`, 'method'))
  } else if (isStrayFormPost(req)) {
    res.writeHead(400, JSON_NO_STORE).end(FORM_POST_REFUSAL)
  } else {
    return false
  }
  return true
}

// Node's answers to a request its parser refuses (lib/_http_server.js, socketOnError), kept for
// every error but an unknown method.
const PARSER_ANSWERS = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
}

const rawAnswer = (statusLine, extraHeaders = '', body = '') =>
  `HTTP/1.1 ${statusLine}\r\n${extraHeaders}` +
  (body
    ? `Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
    : '') +
  `Connection: close\r\n\r\n${body}`

/**
 * The server's 'clientError' listener: a method Node's parser does not know (BREW, FOO) is answered
 * 405 with Allow, like a known method a path does not take (Node answered a bare 400): on a page
 * the pages' methods, under /api the path's own (`allowOf`; a path that serves nothing is a 404).
 * Every other parser error gets Node's own answer (400, 408, 413, 431), written only when no
 * answer is under way on the socket.
 * @param {Error & { code?: string, rawPacket?: Buffer }} error
 * @param {import('node:net').Socket} socket
 * @param {AllowOf} [allowOf]
 */
export const answerClientError = (error, socket, allowOf) => {
  const inFlight = socket._httpMessage
  if (error.code === 'ECONNRESET' || !socket.writable || (inFlight && inFlight._headerSent))
    return void socket.destroy(error)
  if (error.code !== 'HPE_INVALID_METHOD') {
    socket.write(rawAnswer(PARSER_ANSWERS[error.code] ?? '400 Bad Request'))
    return void socket.destroy(error)
  }
  const [method = '', target = '/'] = String(error.rawPacket ?? '')
    .split('\r\n', 1)[0]
    .split(' ')
  const shown = method.replace(/[^\x21-\x7e]/g, '').slice(0, 32)
  const answer = (allow) => {
    const body = refusal(`The method ${shown} is not served here; this path answers ${allow}.`, 'method')
    if (socket.writable) socket.write(rawAnswer('405 Method Not Allowed', `Allow: ${allow}\r\n`, body))
    socket.destroy(error)
  }
  if (!isApiPath(target)) return answer(PAGE_ALLOW)
  if (!allowOf) return answer(ALL_ALLOW)
  void allowOf(target).then(({ answered, allow }) => {
    if (!answered || allow) return answer(allow ?? ALL_ALLOW)
    if (socket.writable) socket.write(rawAnswer('404 Not Found', '', noRoute(target)))
    socket.destroy(error)
  })
}
