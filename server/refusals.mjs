/**
 * Requests the front answers itself with a 4xx because Next.js would answer them with a bare
 * 500 (or nothing here serves them). Each answer is JSON in Payload's error shape, naming the
 * part of the request at fault.
 */

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

const PATH_REFUSAL = refusal('The path has invalid percent-encoding.', 'path')
// TRACE echoes a request back (cross-site tracing) and Next cannot build a Request for it.
const METHOD_REFUSAL = refusal('TRACE is not served here.')
const FORM_POST_REFUSAL = refusal('Pages take no form posts; send requests to the API under /api/.', 'body')

/**
 * Answers `req` on `res` when it is one of those requests; returns whether it did.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export const refuseUnservable = (req, res) => {
  if (hasMalformedPath(req.url)) {
    res.writeHead(400, JSON_NO_STORE).end(PATH_REFUSAL)
  } else if (req.method === 'TRACE') {
    res
      .writeHead(405, { ...JSON_NO_STORE, allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' })
      .end(METHOD_REFUSAL)
  } else if (isStrayFormPost(req)) {
    res.writeHead(400, JSON_NO_STORE).end(FORM_POST_REFUSAL)
  } else {
    return false
  }
  return true
}
