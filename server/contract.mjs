/**
 * The contract between the front (server/front.mjs, plain Node) and the app behind it (src, built
 * by Next.js): the header names they pass each other, the catalog purge message, the security
 * headers both send, and the readers of the variables the front needs. Both sides import this
 * file, so nothing here is a copy of something there. Dependency-free: Node runs it as it is, and
 * TypeScript reads its types from contract.d.mts beside it.
 *
 * The app's settings schema (src/lib/settings) is TypeScript and zod, which Node 20 cannot load
 * without a build step; so the front parses its few variables here, with the same value parsers
 * the schema's fields are made of (a value the schema refuses, the front refuses alike).
 */

/** The client's address, set by the front from the socket (or the trusted proxy); a client cannot choose it. */
export const CLIENT_ADDRESS_HEADER = 'x-photo-packages-client'

/**
 * The Host the client sent, as the front received it (empty for none), set by the front on every
 * request it passes on (a client's own is replaced). The request to the child always has a Host:
 * Node fills a missing or empty one with the child's address (127.0.0.1:<port> under next dev,
 * which the demo's second studio claims), so the app reads the studio from this one.
 */
export const REQUEST_HOST_HEADER = 'x-photo-packages-host'

/** The front's per-start token on its own /metrics request to the app (PHOTO_PACKAGES_INTERNAL_TOKEN). */
export const INTERNAL_TOKEN_HEADER = 'x-photo-packages-internal'

/**
 * The app's message to the front (Node's IPC channel) on every catalog change: drop the copies.
 * Sent as `{ type: CATALOG_PURGE_MESSAGE, studios?: string[] }` (catalogPurgeMessage): with
 * `studios`, only the copies of those studios; without, every copy.
 */
export const CATALOG_PURGE_MESSAGE = 'photo-packages:catalog-purge'

/**
 * On a catalog answer the app lets the front keep (Surrogate-Control): the id of the studio whose
 * catalog it is, so a purge of that studio drops the copy and one of another studio does not. The
 * front removes it before answering; a client never sees it.
 */
export const CATALOG_STUDIO_HEADER = 'x-photo-packages-studio'

/**
 * On every answer, from the front and from the app alike: no MIME sniffing, no full URLs (package
 * or generation ids) in the Referer sent to other sites, no framing by other origins.
 */
export const SECURITY_HEADERS = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy': "frame-ancestors 'self'",
})

/** HSTS, sent by the front when the public origin (SERVER_URL) is https: a deployment fact, not a build one. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains'

/** Room for a multipart upload's part headers and `_payload` beside its file: 64 KiB. */
export const UPLOAD_BODY_ALLOWANCE = 65_536

const mebibytes = (bytes) => `${Number((bytes / 1_048_576).toFixed(2))} MiB`

/** The 413's message, from the front (server/bodyLimit.mjs) and the app's guard alike. */
export const bodyTooLargeMessage = (limit) =>
  `The request body is too large: at most ${mebibytes(limit)} (${limit} bytes) on this route.`

// ---- Catalog purges: the app announces, whoever runs it listens ---------------------------------

// On globalThis: Next bundles this file into the app while its process entry (server/app.mjs)
// loads it natively, so one process can hold two copies of this module.
const PURGE_LISTENERS = Symbol.for('photo-packages.catalogPurgeListeners')
const purgeListeners = () => (globalThis[PURGE_LISTENERS] ??= new Set())

/**
 * Runs `listener(studios)` on every catalog change in this process: `studios` the ids (strings) of
 * the studios whose catalogs changed, or undefined when any may have. Returns the function that stops it.
 */
export const onCatalogPurge = (listener) => {
  purgeListeners().add(listener)
  return () => void purgeListeners().delete(listener)
}

/**
 * Tells this process's purge listeners (the front's IPC channel, when there is one) that the
 * catalog of `studios` (ids) changed; without `studios` (or with none), that any may have.
 */
export const announceCatalogPurge = (studios) => {
  const scope = studios?.length ? [...new Set(studios.map(String))] : undefined
  for (const listener of purgeListeners()) listener(scope)
}

/** The IPC message of a purge of `studios` (ids as strings; undefined: every copy). */
export const catalogPurgeMessage = (studios) =>
  studios ? { type: CATALOG_PURGE_MESSAGE, studios } : { type: CATALOG_PURGE_MESSAGE }

/**
 * What a message from the app asks the front to purge: `{ studios }` (ids as strings) or
 * `{ studios: undefined }` (every copy); null when it is not a purge. A purge whose studios are
 * not a list of strings is read as a full purge: dropping too much only costs misses.
 */
export const purgeOfMessage = (message) => {
  if (message?.type !== CATALOG_PURGE_MESSAGE) return null
  const { studios } = message
  const valid = Array.isArray(studios) && studios.length > 0 && studios.every((id) => typeof id === 'string')
  return { studios: valid ? studios : undefined }
}

// ---- Value parsers: the settings schema's fields and the front's reader share them ---------------

/** A value a variable may not have; the message reads on from the variable's name ("must be …"). */
export class UnusableValue extends Error {}

/** The trimmed value, or undefined when unset or blank (env files carry stray newlines and spaces). */
export const textOf = (raw) => raw?.trim() || undefined

/** A whole number from `min` to `max`. */
export const wholeOf = (text, min, max = Number.MAX_SAFE_INTEGER) => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`
    throw new UnusableValue(`must be a whole number ${range}, got "${text}".`)
  }
  return value
}

/** 1/true/yes/on or 0/false/no/off, any case (TRUST_PROXY and every other switch). */
export const flagOf = (text, raw = text) => {
  const lower = text.toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(lower)) return true
  if (['0', 'false', 'no', 'off'].includes(lower)) return false
  throw new UnusableValue(`must be 1 or 0 (true or false), got "${raw}".`)
}

/** An absolute http(s) URL, as given. */
export const httpUrlOf = (text) => {
  let url
  try {
    url = new URL(text)
  } catch {
    throw new UnusableValue(`must be an absolute http(s) URL, got "${text}".`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UnusableValue(`must be an http(s) URL, got "${text}".`)
  return text
}

/** A redis:// or rediss:// URL. */
export const redisUrlOf = (text) => {
  if (!/^rediss?:\/\/[^\s]+$/.test(text))
    throw new UnusableValue(`must be a redis:// or rediss:// URL, got "${text}".`)
  return text
}

/** A bearer token (RFC 6750 b64token characters), at least 16 long: a short one is guessable. */
export const bearerTokenOf = (text) => {
  if (!/^[A-Za-z0-9\-._~+/]{16,}=*$/.test(text))
    throw new UnusableValue(
      `must be at least 16 characters of A-Z, a-z, 0-9 and -._~+/ (a bearer token), got ${text.length} characters.`,
    )
  return text
}

// ---- The front's variables ------------------------------------------------------------------

/** A variable the front cannot use: one line naming it, like the app's SettingsError. */
export class FrontSettingsError extends Error {
  constructor(message) {
    super(message)
    this.name = 'SettingsError'
  }
}

const read = (env, name, parse, fallback) => {
  const text = textOf(env[name])
  if (text === undefined) return fallback
  try {
    return parse(text, env[name])
  } catch (error) {
    if (error instanceof UnusableValue) throw new FrontSettingsError(`${name} ${error.message}`)
    throw error
  }
}

/** TRUST_PROXY: a reverse proxy in front sets X-Forwarded-For/-Host/-Proto. Default off. */
export const readTrustProxy = (env) => read(env, 'TRUST_PROXY', flagOf, false)

/**
 * The front's settings from `env` (process.env); throws a FrontSettingsError naming the first
 * variable it cannot use. Bounds and defaults are the app schema's (src/lib/settings).
 */
export const readFrontSettings = (env) => {
  const serverUrl = read(env, 'SERVER_URL', httpUrlOf, undefined)
  return {
    /** PORT: the public port, default 3000 (HOSTNAME: the address, default 0.0.0.0). */
    port: read(env, 'PORT', (text) => wholeOf(text, 0, 65_535), 3000),
    hostname: env.HOSTNAME ?? '0.0.0.0',
    /** METRICS_PORT: /metrics without a token on 127.0.0.1; undefined = none. */
    metricsPort: read(env, 'METRICS_PORT', (text) => wholeOf(text, 1, 65_535), undefined),
    /** METRICS_TOKEN: the bearer token of the public /metrics; undefined = no public /metrics. */
    metricsToken: read(env, 'METRICS_TOKEN', bearerTokenOf, undefined),
    trustProxy: readTrustProxy(env),
    /** SERVER_URL is https: the front adds HSTS. */
    httpsOrigin: Boolean(serverUrl?.startsWith('https://')),
    redisUrl: read(env, 'REDIS_URL', redisUrlOf, undefined),
    bodyLimits: {
      body: read(env, 'BODY_MAX_BYTES', (text) => wholeOf(text, 1024, 1_073_741_824), 1_048_576),
      upload:
        read(env, 'UPLOAD_MAX_BYTES', (text) => wholeOf(text, 1024, 1_073_741_824), 15_728_640) +
        UPLOAD_BODY_ALLOWANCE,
    },
    /** BODY_TIMEOUT_MS and BODY_MIN_BYTES_PER_SECOND: a body's deadline (server/bodyTimeout.mjs). */
    bodyTimeout: {
      timeoutMs: read(env, 'BODY_TIMEOUT_MS', (text) => wholeOf(text, 1000, 600_000), 20_000),
      minBytesPerSecond: read(
        env,
        'BODY_MIN_BYTES_PER_SECOND',
        (text) => wholeOf(text, 1, 1_073_741_824),
        1024,
      ),
    },
    /** PHOTO_PACKAGES_APP_SOCKET: set by the front for its child (server/app.mjs). */
    appSocket: textOf(env.PHOTO_PACKAGES_APP_SOCKET),
  }
}

/**
 * The front's settings from this process's environment; on a value it cannot use, one line naming
 * the variable and exit 1 (the supervisor sees a wrong setting, not a crash).
 */
export const frontSettingsOrExit = () => {
  try {
    return readFrontSettings(process.env)
  } catch (error) {
    if (!(error instanceof FrontSettingsError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

/**
 * What the front hands its child: this process's environment, the front's per-start metrics
 * token (PHOTO_PACKAGES_INTERNAL_TOKEN) and the port the front serves on
 * (PHOTO_PACKAGES_FRONT_PORT: links in e-mails without SERVER_URL; none for PORT 0, any free port),
 * with `extra` on top. The child's own PORT is not the front's: `next dev` sets it to its own.
 */
export const childEnvironment = ({ internalToken, frontPort }, extra = {}) => ({
  ...process.env,
  PHOTO_PACKAGES_INTERNAL_TOKEN: internalToken,
  ...(frontPort ? { PHOTO_PACKAGES_FRONT_PORT: String(frontPort) } : {}),
  ...extra,
})

/**
 * The client address the front passes on: with `trustProxy`, the hop the proxy appended to
 * X-Forwarded-For; else (or without one) the socket's peer.
 */
export const clientAddressOf = (req, trustProxy) => {
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .pop()
        ?.trim()
    : ''
  return forwarded || req.socket.remoteAddress || 'unknown'
}
