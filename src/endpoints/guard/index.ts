import { getPayload, type SanitizedConfig, ValidationError } from 'payload'

import { DomainError, notFound, tooManyRequests, unsupportedMediaType } from '@/lib/errors'
import { clientAddressOf } from '@/lib/clientAddress'
import { isPostgres } from '@/lib/drizzle'
import { idFromText, MAX_ID, safeDecode } from '@/lib/input'
import { relationReferences } from '@/lib/relations'
import { resolveStudio } from '@/studios/resolveStudio'
import { trustStudioOrigins } from '@/studios/studioOrigins'

import { authRateLimits, consumeRateLimit, type RateLimitRule } from '../rateLimit'

import { checkDocumentBody, checkMultipart, parseJsonBody } from './body'
import { bodyLimitFor, readBodyWithin, takesFile } from './bodyLimit'
import { checkOrigin } from './origin'
import { refuseWeakPasswordEarly } from './password'
import { checkQuery, decodeQuery } from './query'
import { allowedMethods, allowHeader, buildRouteMap, RESERVED_SEGMENTS, type RouteMap } from './routeMap'
import { answerSignUp, isSignUp } from './signUp'
import { inWriteTurn, writeTurnKey } from './writeTurns'

/** Bodies verified byte-for-byte by their own signature: read raw by their endpoint. */
const RAW_BODY_PATHS = new Set(['stripe/webhook'])
export { CLIENT_ADDRESS_HEADER } from '@/lib/clientAddress'

const refusal = (error: DomainError): Response =>
  Response.json(
    { error: error.message, ...error.details, errors: [{ message: error.message, ...error.details }] },
    {
      status: error.status,
      headers: {
        ...(error.details.retryAfter ? { 'retry-after': String(error.details.retryAfter) } : {}),
        ...(error.status === 405 && Array.isArray(error.details.allow)
          ? { allow: error.details.allow.join(', ') }
          : {}),
      },
    },
  )

/**
 * A 429 or 503 raised past the guard (a hook's or an endpoint's DomainError) carries its wait in
 * the body's `retryAfter` (Payload puts a hook's details under `errors[0].data`): sent as
 * Retry-After too (RFC 9110 §10.2.3), as the guard's own refusals do.
 */
const withRetryAfter = async (response: Response): Promise<Response> => {
  if ((response.status !== 429 && response.status !== 503) || response.headers.has('retry-after'))
    return response
  if (!response.headers.get('content-type')?.includes('json')) return response
  const body = await response
    .clone()
    .json()
    .catch(() => null)
  const retryAfter = body?.retryAfter ?? body?.errors?.[0]?.data?.retryAfter
  if (!Number.isInteger(retryAfter)) return response
  const headers = new Headers(response.headers)
  headers.set('retry-after', String(retryAfter))
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

const rateRule = (
  method: string,
  collection: string | undefined,
  rest: string[],
  map: RouteMap,
): RateLimitRule | null => {
  if (method !== 'POST' || !collection || !map.collections.get(collection)?.auth) return null
  const rules = authRateLimits()
  if (rest.length === 0) return rules.signup
  if (rest[0] === 'login') return rules.login
  // Both mail a link to an address; a verification token is guessed no faster than a reset token.
  if (rest[0] === 'forgot-password' || rest[0] === 'resend-verification') return rules.forgotPassword
  if (rest[0] === 'verify') return rules.resetPassword
  if (rest[0] === 'reset-password') return rules.resetPassword
  if (rest[0] === 'first-register') return rules.signup
  return null
}

/**
 * The method Payload serves a request as: a POST with `X-Payload-HTTP-Method-Override: GET` (or
 * `X-HTTP-Method-Override: GET`) is a GET whose query came in the body, as live preview sends its
 * reads (payload/dist/utilities/handleEndpoints.js).
 */
const effectiveMethod = (request: Request): string =>
  request.method === 'POST' &&
  (request.headers.get('x-payload-http-method-override') === 'GET' ||
    request.headers.get('x-http-method-override') === 'GET')
    ? 'GET'
    : request.method

/**
 * Refuses what must never reach Payload's handlers or SQL, answering a 4xx that names the
 * part at fault: malformed percent-encoding or NUL bytes (path, query, body), ids outside
 * 1..2147483647, bad paging, mistyped filters and field values, malformed multipart,
 * non-JSON bodies (415), cross-origin cookie state changes (403), routes this config does
 * not serve (404), per-client floods of the account endpoints (429 + Retry-After) and bodies over
 * their route's limit (413, read from the stream with no more than the limit kept). A relationship
 * or upload value at any depth must be an id of its target (400 naming its path); whether that
 * document exists is asked after access, by refuseDanglingRelations (src/hooks).
 *
 * Returns the request to hand on: `request` itself when it has no body to read, else a copy
 * carrying the bytes read. `signedIn` says whether the request's credential is valid (only asked
 * on the routes that take a file, before their larger limit applies).
 */
export const checkRequest = async (
  request: Request,
  map: RouteMap,
  signedIn: (request: Request) => Promise<boolean> = async () => false,
  studioOf: (request: Request) => Promise<number | null> = async () => null,
  trustedOrigins: readonly string[] = [],
): Promise<Request> => {
  const url = new URL(request.url)
  const rawSegments = url.pathname.slice(map.apiRoute.length).split('/').filter(Boolean)
  const segments = rawSegments.map((raw) => {
    const decoded = safeDecode(raw)
    if (decoded === null) throw DomainErrorFor400('path', 'The path has invalid percent-encoding.')
    if (decoded.includes('\u0000'))
      throw DomainErrorFor400('path', 'The path must not contain a NUL character.')
    return decoded
  })
  const pairs = decodeQuery(url.search)
  const [first, ...rest] = segments
  const collection = first ? map.collections.get(first) : undefined

  if (collection?.noRest) throw notFound(`No route ${url.pathname}.`)
  // Payload's DELETE /payload-preferences/:key builds invalid SQL on Postgres (a 500 for any
  // key); the admin never calls it (it reads and writes preferences by key only).
  if (first === 'payload-preferences' && request.method === 'DELETE' && rest.length > 0) {
    throw new DomainError(405, 'Preferences are replaced with POST, not deleted one by one.')
  }
  if (collection?.auth && rest[0] === 'verify' && !collection.verify)
    throw notFound('E-mail verification is not used here.')
  if (
    collection &&
    !collection.keyedRoutes &&
    rest.length > 0 &&
    !RESERVED_SEGMENTS.has(rest[0]) &&
    !collection.customSegments.has(rest[0])
  ) {
    if (idFromText(rest[0]) === null) {
      throw new DomainError(
        404,
        `No ${collection.slug} document with id "${rest[0].slice(0, 40)}": ids are whole numbers from 1 to ${MAX_ID}.`,
        { field: 'id' },
      )
    }
  }
  if (collection && rest[0] === 'versions' && !collection.versions) {
    throw notFound(`${collection.slug} keeps no versions.`)
  }
  if (collection && rest[0] === 'versions' && rest[1] !== undefined && idFromText(rest[1]) === null) {
    throw new DomainError(404, `No version with id "${rest[1].slice(0, 40)}".`, { field: 'id' })
  }
  // A method the path does not serve (PUT /generate, PATCH /users/me, PUT /photo-packages/1): 405
  // and what is served (RFC 9110 §15.5.6), not Payload's 404 or its /:id route's 400.
  const served = allowedMethods(map, segments)
  const method = effectiveMethod(request)
  if (served.length && !served.includes(method) && !['HEAD', 'OPTIONS'].includes(method)) {
    throw new DomainError(
      405,
      `${url.pathname.slice(0, 80)} answers ${served.join(', ')}, not ${request.method.slice(0, 20)}.`,
      { field: 'method', allow: served },
    )
  }
  // A bulk write names its documents by `where` on the collection's own path (PATCH or DELETE /api/<slug>).
  checkQuery(pairs, collection, map.collections, {
    bulkWrite: Boolean(collection) && rest.length === 0 && (method === 'PATCH' || method === 'DELETE'),
  })

  checkOrigin(request, map, trustedOrigins)
  const readsBody = !['GET', 'HEAD', 'OPTIONS'].includes(request.method)
  const limit = readsBody
    ? await bodyLimitFor(takesFile(request.method, collection, segments), () => signedIn(request))
    : 0
  const bytes = readsBody ? await readBodyWithin(request, limit) : Buffer.alloc(0)
  // The handlers read the bytes already read (a clone would keep a second copy while they do).
  const handOn = readsBody
    ? new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: bytes.length ? (bytes as Uint8Array<ArrayBuffer>) : null,
        signal: request.signal,
      })
    : request
  const rule = rateRule(request.method, first, rest, map)
  if (rule) {
    if (rule.name === 'signup' || rule.name === 'reset-password') await refuseWeakPasswordEarly(handOn, first)
    // Counted per studio (issue 24): one studio's busy network does not use up another's allowance.
    // The studio, not the Host: every host no studio claims is one studio's (or none), so a client
    // cannot earn a fresh allowance by naming new hosts.
    const key = `${(await studioOf(request)) ?? '-'}|${clientAddressOf(request.headers)}`
    const retryAfter = await consumeRateLimit(rule, key)
    if (retryAfter !== null) {
      throw tooManyRequests(`Too many attempts from your network. Try again in ${retryAfter} s.`, {
        retryAfter,
      })
    }
  }

  if (!readsBody || RAW_BODY_PATHS.has(segments.join('/'))) return handOn
  const type = (request.headers.get('content-type') ?? '').toLowerCase()
  const isDocumentWrite =
    collection &&
    (rest.length === 0 ||
      (rest.length === 1 &&
        (idFromText(rest[0]) !== null ||
          (collection.textIdFields.has('id') && !RESERVED_SEGMENTS.has(rest[0])))))
  // Payload runs a create or update on no data at all, and its hooks and ours fail on it (a 500).
  const refuseNoDocument = () => {
    if (isDocumentWrite && request.method !== 'DELETE')
      throw DomainErrorFor400(
        'body',
        `The request has no body: send the document as JSON${collection.upload ? ' (or multipart/form-data with its file)' : ''}.`,
      )
  }
  if (bytes.length === 0) {
    refuseNoDocument()
    return handOn
  }
  // Relations nested in groups, arrays and blocks are ids of their target too.
  const checkDocument = async (data: unknown) => {
    checkDocumentBody(data, collection!)
    relationReferences(
      data as Record<string, unknown>,
      collection!.flattenedFields,
      map.textIdSlugs,
      map.blocks,
    )
  }
  if (type.startsWith('application/json')) {
    const data = parseJsonBody(bytes.toString('utf8'))
    if (isDocumentWrite && request.method !== 'DELETE') await checkDocument(data)
    return handOn
  }
  if (type.startsWith('multipart/form-data')) {
    const data = await checkMultipart(handOn.clone())
    if (isDocumentWrite && data !== null) await checkDocument(data)
    // Payload reads a multipart write's fields from `_payload` only; without it a collection that
    // takes no file gets no data at all and its field hooks throw (a 500).
    if (isDocumentWrite && data === null && !collection.upload && request.method !== 'DELETE') {
      throw DomainErrorFor400(
        '_payload',
        "Send the document's fields as JSON in the multipart field _payload.",
      )
    }
    return handOn
  }
  const override = request.headers.get('x-payload-http-method-override')?.toUpperCase()
  if (type.startsWith('application/x-www-form-urlencoded') && override === 'GET') {
    checkQuery(decodeQuery(bytes.toString('utf8')), collection, map.collections)
    return handOn
  }
  throw unsupportedMediaType(
    `Send the body as application/json${collection ? ' (or multipart/form-data)' : ''}, not ${type || 'an untyped body'}.`,
  )
}

const DomainErrorFor400 = (field: string, message: string) => new DomainError(400, message, { field })

type Handler = (request: Request, ...rest: any[]) => Promise<Response>

/**
 * Wraps Payload's REST handler (the Next route and the tests' HTTP server) with the
 * request guard in front and the response rules behind: routes Payload answers 501
 * ("Cannot GET") are 404s; files of private upload collections are `private, no-store`.
 */
export const withRequestGuard = (
  config: Promise<SanitizedConfig> | SanitizedConfig,
  handler: Handler,
): Handler => {
  let map: Promise<RouteMap> | undefined
  // Payload's own reading of the credential (cookie, JWT header or API key), no more.
  const signedIn = async (request: Request): Promise<boolean> => {
    const payload = await getPayload({ config: await config })
    return Boolean((await payload.auth({ headers: request.headers }).catch(() => null))?.user)
  }
  const studioOf = async (request: Request): Promise<number | null> =>
    (await resolveStudio(await getPayload({ config: await config }), request.headers))?.id ?? null
  return async (request, ...rest) => {
    map ??= Promise.resolve(config).then(buildRouteMap)
    const routes = await map
    const payload = await getPayload({ config: await config })
    // Studios' own sites are trusted origins, for Payload's cookie check and for ours.
    const trusted = await trustStudioOrigins(payload)
    let checked: Request
    try {
      checked = await checkRequest(request, routes, signedIn, studioOf, trusted)
    } catch (error) {
      if (error instanceof DomainError) return refusal(error)
      // As Payload's REST answers it, so clients read one shape whichever refused.
      if (error instanceof ValidationError)
        return Response.json(
          { errors: [{ name: 'ValidationError', message: error.message, data: error.data }] },
          { status: 400 },
        )
      throw error
    }
    // An anonymous sign-up answers alike whether the address was new or taken (guard/signUp.ts).
    const signUp = isSignUp(checked, routes) && !(await signedIn(checked))
    const response = await withRetryAfter(
      signUp
        ? await answerSignUp(payload, checked, (request) => handler(request, ...rest))
        : await inWriteTurn(isPostgres(payload) ? null : writeTurnKey(checked, routes), () =>
            handler(checked, ...rest),
          ),
    )
    if (response.status === 501) {
      return refusal(notFound(`No route ${request.method} ${new URL(request.url).pathname}.`))
    }
    const segments = new URL(request.url).pathname.slice(routes.apiRoute.length).split('/').filter(Boolean)
    // OPTIONS says what the path serves (RFC 9110 §9.3.7); the front asks it for a method it cannot parse.
    if (request.method === 'OPTIONS') {
      const served = allowedMethods(
        routes,
        segments.map((segment) => safeDecode(segment) ?? segment),
      )
      if (!served.length) return response
      const headers = new Headers(response.headers)
      headers.set('allow', allowHeader(served))
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      })
    }
    const [slug, part, filename] = segments
    const isFile = part === 'file' && routes.collections.get(slug)?.upload
    // Payload answers a file missing on disk with a bare 500 ("Something went wrong.").
    if (isFile && response.status === 500)
      return refusal(notFound(`No file called ${safeDecode(filename ?? '') ?? ''}.`.slice(0, 200)))
    if (isFile && routes.collections.get(slug)?.privateFiles) {
      const headers = new Headers(response.headers)
      headers.set('cache-control', 'private, no-store')
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      })
    }
    return response
  }
}
