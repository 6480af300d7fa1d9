/**
 * Every environment variable the app reads, parsed in one place. The README's environment
 * table is this file's counterpart. A variable that is set but wrong throws a SettingsError
 * naming it (a typo must not quietly fall back to a default); unset or blank means the default.
 *
 * `settings()` parses process.env once per distinct set of values, so tests that change a
 * variable at run time see the change; `readSettings(env)` parses any plain map.
 */

/** Any string map: process.env, or a plain object in tests (Next's ProcessEnv type demands NODE_ENV). */
export type Env = Record<string, string | undefined>

/** A variable that is set to a value the app cannot use. The message names the variable. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SettingsError'
  }
}

// Secrets pasted into env files often carry a trailing newline or spaces; an empty value means "unset".
export const envText = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined

const wholeNumber = (
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number => {
  const raw = envText(env, name)
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`
    throw new SettingsError(`${name} must be a whole number ${range}, got "${raw}".`)
  }
  return value
}

const port = (env: Env, name: string): number | undefined => {
  if (envText(env, name) === undefined) return undefined
  return wholeNumber(env, name, 0, 1, 65_535)
}

/** A whole number of at least 1, or undefined when unset (the caller's default applies). */
const optionalWhole = (env: Env, name: string): number | undefined =>
  envText(env, name) === undefined ? undefined : wholeNumber(env, name, 0, 1)

const flag = (env: Env, name: string, fallback: boolean): boolean => {
  const raw = envText(env, name)?.toLowerCase()
  if (raw === undefined) return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new SettingsError(`${name} must be 1 or 0 (true or false), got "${env[name]}".`)
}

const httpUrl = (env: Env, name: string): string | undefined => {
  const raw = envText(env, name)
  if (raw === undefined) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new SettingsError(`${name} must be an absolute http(s) URL, got "${raw}".`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SettingsError(`${name} must be an http(s) URL, got "${raw}".`)
  }
  return raw
}

const redisUrl = (env: Env, name: string): string | undefined => {
  const raw = envText(env, name)
  if (raw !== undefined && !/^rediss?:\/\/[^\s]+$/.test(raw)) {
    throw new SettingsError(`${name} must be a redis:// or rediss:// URL, got "${raw}".`)
  }
  return raw
}

/** A bearer token (RFC 6750 b64token characters), at least 16 long: a short one is guessable. */
const metricsToken = (env: Env, name: string): string | undefined => {
  const raw = envText(env, name)
  if (raw !== undefined && !/^[A-Za-z0-9\-._~+/]{16,}=*$/.test(raw)) {
    throw new SettingsError(
      `${name} must be at least 16 characters of A-Z, a-z, 0-9 and -._~+/ (a bearer token), got ${raw.length} characters.`,
    )
  }
  return raw
}

const logFormat = (env: Env, name: string): 'json' | 'pretty' => {
  const raw = envText(env, name)?.toLowerCase()
  if (raw === undefined) return env.NODE_ENV === 'production' ? 'json' : 'pretty'
  if (raw !== 'json' && raw !== 'pretty')
    throw new SettingsError(`${name} must be json or pretty, got "${env[name]}".`)
  return raw
}

export const PROCESS_ROLES = ['web', 'worker', 'all'] as const
export type ProcessRole = (typeof PROCESS_ROLES)[number]

const role = (env: Env, name: string): ProcessRole => {
  const raw = envText(env, name)?.toLowerCase()
  if (raw === undefined) return 'all'
  if (!(PROCESS_ROLES as readonly string[]).includes(raw)) {
    throw new SettingsError(`${name} must be one of ${PROCESS_ROLES.join(', ')}, got "${env[name]}".`)
  }
  return raw as ProcessRole
}

export interface StripeSettings {
  secretKey: string
  webhookSecret: string | null
  host?: string
  port?: number
  protocol?: 'http' | 'https'
}

/**
 * STRIPE_SECRET_KEY and friends, or null: "payments are not configured". A value that is present but
 * wrong throws: a typo must not quietly send requests (and the secret key) somewhere else.
 */
export const readStripeSettings = (env: Env): StripeSettings | null => {
  const secretKey = envText(env, 'STRIPE_SECRET_KEY')
  if (!secretKey) return null
  if (!/^(sk|rk)_(test|live)_/.test(secretKey)) {
    throw new SettingsError(
      'STRIPE_SECRET_KEY must be a secret (sk_...) or restricted (rk_...) key, not a publishable key.',
    )
  }
  const portText = envText(env, 'STRIPE_API_PORT')
  const apiPort = portText === undefined ? undefined : Number(portText)
  if (apiPort !== undefined && !(Number.isInteger(apiPort) && apiPort > 0 && apiPort < 65536)) {
    throw new SettingsError(`STRIPE_API_PORT must be a TCP port number, got "${portText}".`)
  }
  const protocol = envText(env, 'STRIPE_API_PROTOCOL')?.toLowerCase()
  if (protocol !== undefined && protocol !== 'http' && protocol !== 'https') {
    throw new SettingsError(`STRIPE_API_PROTOCOL must be "http" or "https", got "${protocol}".`)
  }
  // Plain http exists for local fakes only; never send a live key over it.
  if (protocol === 'http' && secretKey.includes('_live_')) {
    throw new SettingsError('Refusing to send a live Stripe key over plain http (STRIPE_API_PROTOCOL).')
  }
  return {
    secretKey,
    webhookSecret: envText(env, 'STRIPE_WEBHOOK_SECRET') ?? null,
    host: envText(env, 'STRIPE_API_HOST'),
    port: apiPort,
    protocol,
  }
}

export interface GeminiSettings {
  apiKey: string
  /** GEMINI_IMAGE_MODEL; unset means the provider's default model. */
  model?: string
  /** GEMINI_BASE_URL, or the SDK's own GOOGLE_GEMINI_BASE_URL: a local fake or a proxy. */
  baseUrl?: string
  /** GEMINI_TIMEOUT_MS: per-call deadline in ms; unset means the provider's default. */
  timeoutMs?: number
}

/** GEMINI_API_KEY and friends, or null: portraits come from the offline renderer. */
export const readGeminiSettings = (env: Env): GeminiSettings | null => {
  const apiKey = envText(env, 'GEMINI_API_KEY')
  if (!apiKey) return null
  const timeout =
    envText(env, 'GEMINI_TIMEOUT_MS') === undefined ? undefined : wholeNumber(env, 'GEMINI_TIMEOUT_MS', 0, 1)
  return {
    apiKey,
    model: envText(env, 'GEMINI_IMAGE_MODEL'),
    baseUrl: httpUrl(env, 'GEMINI_BASE_URL') ?? httpUrl(env, 'GOOGLE_GEMINI_BASE_URL'),
    timeoutMs: timeout,
  }
}

export interface S3Settings {
  /** S3_BUCKET: every upload collection is stored in this bucket (private; served through the app). */
  bucket: string
  /** S3_ENDPOINT: an S3-compatible server (MinIO, R2, a local test server); unset = AWS's. */
  endpoint?: string
  /** S3_REGION, default `us-east-1`. */
  region: string
  /** S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY; unset = the AWS SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string }
  /** S3_FORCE_PATH_STYLE=1: `<endpoint>/<bucket>/<key>` URLs (most S3-compatible servers need it). */
  forcePathStyle: boolean
  /** S3_CONNECT_TIMEOUT_MS: ms to open a connection to the bucket, default 5000. */
  connectTimeoutMs: number
  /**
   * S3_REQUEST_TIMEOUT_MS: ms a request to the bucket may go without a byte either way (waiting
   * for the answer, or mid-transfer), default 30000. Per attempt: the SDK tries 3 times.
   */
  requestTimeoutMs: number
}

/**
 * S3_BUCKET and friends, or null: uploads stay on the local disk (MEDIA_DIR, PRIVATE_MEDIA_DIR).
 * A key id without its secret (or the reverse) is refused: it would silently fall back to the
 * SDK's default chain and sign with other credentials.
 */
export const readS3Settings = (env: Env): S3Settings | null => {
  const bucket = envText(env, 'S3_BUCKET')
  if (!bucket) return null
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new SettingsError(
      `S3_BUCKET must be a bucket name (3-63 lower-case letters, digits, dots, hyphens), got "${bucket}".`,
    )
  }
  const accessKeyId = envText(env, 'S3_ACCESS_KEY_ID')
  const secretAccessKey = envText(env, 'S3_SECRET_ACCESS_KEY')
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new SettingsError(
      `${accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'} must be set with ${accessKeyId ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY'}.`,
    )
  }
  return {
    bucket,
    endpoint: httpUrl(env, 'S3_ENDPOINT')?.replace(/\/$/, ''),
    region: envText(env, 'S3_REGION') ?? 'us-east-1',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: flag(env, 'S3_FORCE_PATH_STYLE', false),
    connectTimeoutMs: wholeNumber(env, 'S3_CONNECT_TIMEOUT_MS', 5000, 100, 600_000),
    requestTimeoutMs: wholeNumber(env, 'S3_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
  }
}

export interface SmtpSettings {
  host: string
  /** SMTP_PORT, default 587. */
  port: number
  user?: string
  pass?: string
}

export interface Settings {
  /** NODE_ENV === 'production'. */
  isProduction: boolean
  /** NEXT_PHASE: `next build` loads the config to collect pages; it must neither migrate nor sign anything. */
  isBuilding: boolean
  /** DATABASE_URI: a postgres:// URI, or unset for the embedded SQLite file. */
  databaseUri?: string
  /** DATABASE_POOL_MAX: Postgres connections per process, default 10. */
  databasePoolMax: number
  /** SQLITE_URL: the embedded database's libsql URL; unset means ./data/photo-packages.db. */
  sqliteUrl?: string
  /** PAYLOAD_SECRET; ALLOW_DEV_SECRET=1 lets production start with the dev secret (demos only). */
  payloadSecret?: string
  allowDevSecret: boolean
  /** SERVER_URL as given (Payload's serverURL), and without a trailing slash (for building links). */
  serverUrl?: string
  publicOrigin?: string
  /** ALLOW_INSECURE_COOKIES=1: production auth cookies without `Secure` (plain-http tests only). */
  allowInsecureCookies: boolean
  /** TRUST_PROXY=1: a reverse proxy sets X-Forwarded-For/-Host/-Proto (rate-limit key, request origin). */
  trustProxy: boolean
  /** PACKAGE_CACHE_TTL: ms a catalog response stays cached, default 300000 (0 turns the cache off). */
  packageCacheTtlMs: number
  gemini: GeminiSettings | null
  /**
   * GEMINI_IMAGE_MODEL and GEMINI_HIGH_QUALITY_MODEL: the model per quality when a package names
   * none (read with or without a key, since the catalog shows them); unset = the built-in defaults.
   */
  imageModels: { standard?: string; high?: string }
  /** RATE_LIMIT_<NAME>_POINTS: requests per client per window on the account endpoints; unset = the built-in limits. */
  rateLimitPoints: { login?: number; signup?: number; forgotPassword?: number; resetPassword?: number }
  /**
   * LOGIN_MAX_FAILURES (default 10) wrong passwords for one account from one client within
   * LOGIN_LOCK_MINUTES (default 15) make that client wait LOGIN_LOCK_MINUTES for that account;
   * other clients, the owner's among them, are not affected.
   */
  loginLock: { maxFailures: number; minutes: number }
  /** GENERATION_CONCURRENCY: provider calls in flight per process, 1-32, default 3. */
  generationConcurrency: number
  /** GENERATION_LEASE_MS: how long a worker owns a running generation without a heartbeat, default 300000. */
  generationLeaseMs: number
  /** GENERATION_BACKOFF_MS: first retry wait after a retryable provider answer, default 1000 (doubles). */
  generationBackoffMs: number
  /**
   * GENERATION_POLL_MS: how often a worker's idle lanes look for generation jobs nobody announced
   * (no Redis, or a run the sweeper requeued), default 5000.
   */
  generationPollMs: number
  /** JOBS_AUTORUN=0 turns the in-process job pollers off (tests drive jobs by hand). Default on. */
  jobsAutorun: boolean
  /**
   * ROLE: `web` serves HTTP and runs no jobs (it wakes the workers through Redis), `worker` runs
   * jobs and serves no HTTP (`npm run worker`), `all` (default, `npm run dev`) does both.
   */
  role: ProcessRole
  /**
   * REDIS_URL (redis:// or rediss://): what app nodes and workers share (catalog invalidation,
   * worker wake-ups, rate limits). Unset = one process, nothing shared.
   */
  redisUrl?: string
  /** REDIS_PREFIX: prefix of every Redis key and channel, default `photo-packages:` (one per deployment or test run). */
  redisPrefix: string
  stripe: StripeSettings | null
  /** FREE_TRIAL_SHOOTS: granted once to each new customer, default 3. */
  freeTrialShoots: number
  /** PROMPT_LAB_DAILY_LIMIT: test renders per editor per UTC day, default 20. */
  promptLabDailyLimit: number
  /** SEED_<ROLE>_PASSWORD: demo account passwords for the seed (none are invented in production). */
  seedPasswords: { admin?: string; editor?: string; customer?: string }
  /** SMTP_HOST (and SMTP_PORT, SMTP_USER, SMTP_PASS), or null: mail is written to the log. */
  smtp: SmtpSettings | null
  /** EMAIL_FROM; EMAIL_FROM_NAME (default: the studio's name). */
  emailFrom: string
  emailFromName: string
  /** STUDIO_NAME: the studio's name in e-mails and on the legal pages, default "Photo Packages". */
  studioName: string
  /** PHOTO_RETENTION_DAYS: a customer photo is deleted this many days after its last use, default 30. */
  photoRetentionDays: number
  /** FACE_MIN_PX: an uploaded photo's faces must be at least this many pixels across, default 160. */
  faceMinPx: number
  /** FACE_MODEL_DIR: the folder of the face models (blazeface, facemesh, faceres); default the ones in @vladmandic/human. */
  faceModelDir: string | undefined
  /** PORTRAIT_RETENTION_DAYS: portraits are deleted this many days after they were made, default 365 (at least 8). */
  portraitRetentionDays: number
  /** S3_BUCKET and friends: uploads in S3-compatible object storage; null = the local disk. */
  s3: S3Settings | null
  /** MEDIA_DIR: public catalog images, default `media` (when S3 is not set). */
  mediaDir: string
  /** PRIVATE_MEDIA_DIR: customer photos, results and test renders, default `private-media`. */
  privateMediaDir: string
  /** METRICS_TOKEN: GET /metrics answers only with `Authorization: Bearer <token>`; unset = not on the public port. */
  metricsToken?: string
  /** METRICS_PORT: /metrics without a token on 127.0.0.1:<port> (app node's front, or a worker); unset = none. */
  metricsPort?: number
  /** LOG_FORMAT: `json` (pino's one JSON object per line) or `pretty`; default json in production, pretty otherwise. */
  logFormat: 'json' | 'pretty'
  /** WORKER_HEALTH_PORT: a worker's /healthz, /readyz (and /metrics with the token) on this port; unset = none. */
  workerHealthPort?: number
  /** BODY_MAX_BYTES: largest request body off the upload routes (JSON, webhooks), default 1048576 (1 MiB). */
  bodyMaxBytes: number
  /**
   * UPLOAD_MAX_BYTES: largest photo file, default 15728640 (15 MiB). A signed-in upload's whole
   * multipart body may be UPLOAD_BODY_ALLOWANCE more (its other fields and part headers).
   */
  uploadMaxBytes: number
  /**
   * DECODE_MEMORY_MB: MiB one photo may take decoded (width x height x channels x bytes per
   * sample, read from its header), default 256.
   */
  decodeMemoryBytes: number
  /** DECODE_CONCURRENCY: photos decoded at once per process, default 2. */
  decodeConcurrency: number
  /** DECODE_QUEUE: photos that may wait for a decode per process, default 8; past it a 503 + Retry-After. */
  decodeQueue: number
  /** UPLOAD_RATE_PER_HOUR: photos one customer may upload per hour, default 30 (0 turns the limit off). */
  uploadRatePerHour: number
  /** UPLOAD_MAX_STORED: photos one customer may keep at once, default 100. */
  uploadMaxStored: number
  /** STREAMS_PER_CUSTOMER: open progress streams (server-sent events) per customer per node, default 4. */
  streamsPerCustomer: number
  /** STREAMS_PER_NODE: open progress streams per node, all customers together, default 50. */
  streamsPerNode: number
}

/** Room for a multipart upload's part headers and `_payload` beside its file: 64 KiB. */
export const UPLOAD_BODY_ALLOWANCE = 65_536

export const DEFAULT_PACKAGE_CACHE_TTL_MS = 300_000
export const DEFAULT_PROMPT_LAB_DAILY_LIMIT = 20

/** Parses every setting from `env`; throws a SettingsError naming the first bad variable. */
export const readSettings = (env: Env): Settings => {
  const serverUrl = httpUrl(env, 'SERVER_URL')
  const smtpHost = envText(env, 'SMTP_HOST')
  return {
    isProduction: env.NODE_ENV === 'production',
    isBuilding: env.NEXT_PHASE === 'phase-production-build',
    databaseUri: envText(env, 'DATABASE_URI'),
    databasePoolMax: wholeNumber(env, 'DATABASE_POOL_MAX', 10, 1, 1000),
    sqliteUrl: envText(env, 'SQLITE_URL'),
    payloadSecret: envText(env, 'PAYLOAD_SECRET'),
    allowDevSecret: flag(env, 'ALLOW_DEV_SECRET', false),
    serverUrl,
    publicOrigin: serverUrl?.replace(/\/$/, ''),
    allowInsecureCookies: flag(env, 'ALLOW_INSECURE_COOKIES', false),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    packageCacheTtlMs: wholeNumber(env, 'PACKAGE_CACHE_TTL', DEFAULT_PACKAGE_CACHE_TTL_MS, 0),
    gemini: readGeminiSettings(env),
    imageModels: {
      standard: envText(env, 'GEMINI_IMAGE_MODEL'),
      high: envText(env, 'GEMINI_HIGH_QUALITY_MODEL'),
    },
    rateLimitPoints: {
      login: optionalWhole(env, 'RATE_LIMIT_LOGIN_POINTS'),
      signup: optionalWhole(env, 'RATE_LIMIT_SIGNUP_POINTS'),
      forgotPassword: optionalWhole(env, 'RATE_LIMIT_FORGOT_PASSWORD_POINTS'),
      resetPassword: optionalWhole(env, 'RATE_LIMIT_RESET_PASSWORD_POINTS'),
    },
    loginLock: {
      maxFailures: wholeNumber(env, 'LOGIN_MAX_FAILURES', 10, 1),
      minutes: wholeNumber(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    },
    generationConcurrency: wholeNumber(env, 'GENERATION_CONCURRENCY', 3, 1, 32),
    generationLeaseMs: wholeNumber(env, 'GENERATION_LEASE_MS', 300_000, 1000),
    generationBackoffMs: wholeNumber(env, 'GENERATION_BACKOFF_MS', 1000, 0),
    generationPollMs: wholeNumber(env, 'GENERATION_POLL_MS', 5000, 100, 3_600_000),
    jobsAutorun: flag(env, 'JOBS_AUTORUN', true),
    role: role(env, 'ROLE'),
    redisUrl: redisUrl(env, 'REDIS_URL'),
    redisPrefix: envText(env, 'REDIS_PREFIX') ?? 'photo-packages:',
    stripe: readStripeSettings(env),
    freeTrialShoots: wholeNumber(env, 'FREE_TRIAL_SHOOTS', 3, 0),
    promptLabDailyLimit: wholeNumber(env, 'PROMPT_LAB_DAILY_LIMIT', DEFAULT_PROMPT_LAB_DAILY_LIMIT, 0),
    seedPasswords: {
      admin: envText(env, 'SEED_ADMIN_PASSWORD'),
      editor: envText(env, 'SEED_EDITOR_PASSWORD'),
      customer: envText(env, 'SEED_CUSTOMER_PASSWORD'),
    },
    smtp: smtpHost
      ? {
          host: smtpHost,
          port: port(env, 'SMTP_PORT') ?? 587,
          user: envText(env, 'SMTP_USER'),
          pass: env.SMTP_PASS,
        }
      : null,
    emailFrom: envText(env, 'EMAIL_FROM') ?? 'studio@photo-packages.local',
    emailFromName: envText(env, 'EMAIL_FROM_NAME') ?? envText(env, 'STUDIO_NAME') ?? 'Photo Packages',
    studioName: envText(env, 'STUDIO_NAME') ?? 'Photo Packages',
    photoRetentionDays: wholeNumber(env, 'PHOTO_RETENTION_DAYS', 30, 1, 36_500),
    faceMinPx: wholeNumber(env, 'FACE_MIN_PX', 160, 32, 2048),
    faceModelDir: envText(env, 'FACE_MODEL_DIR'),
    // The reminder goes out a week before: a shorter period would delete before it could warn.
    portraitRetentionDays: wholeNumber(env, 'PORTRAIT_RETENTION_DAYS', 365, 8, 36_500),
    s3: readS3Settings(env),
    mediaDir: envText(env, 'MEDIA_DIR') ?? 'media',
    privateMediaDir: envText(env, 'PRIVATE_MEDIA_DIR') ?? 'private-media',
    metricsToken: metricsToken(env, 'METRICS_TOKEN'),
    metricsPort: port(env, 'METRICS_PORT'),
    workerHealthPort: port(env, 'WORKER_HEALTH_PORT'),
    logFormat: logFormat(env, 'LOG_FORMAT'),
    bodyMaxBytes: wholeNumber(env, 'BODY_MAX_BYTES', 1_048_576, 1024, 1_073_741_824),
    uploadMaxBytes: wholeNumber(env, 'UPLOAD_MAX_BYTES', 15_728_640, 1024, 1_073_741_824),
    decodeMemoryBytes: wholeNumber(env, 'DECODE_MEMORY_MB', 256, 16, 65_536) * 1_048_576,
    decodeConcurrency: wholeNumber(env, 'DECODE_CONCURRENCY', 2, 1, 64),
    decodeQueue: wholeNumber(env, 'DECODE_QUEUE', 8, 0, 10_000),
    uploadRatePerHour: wholeNumber(env, 'UPLOAD_RATE_PER_HOUR', 30, 0),
    uploadMaxStored: wholeNumber(env, 'UPLOAD_MAX_STORED', 100, 1),
    streamsPerCustomer: wholeNumber(env, 'STREAMS_PER_CUSTOMER', 4, 1, 1000),
    streamsPerNode: wholeNumber(env, 'STREAMS_PER_NODE', 50, 1, 100_000),
  }
}

/** The variables readSettings reads: the cache key, and the README table's checklist. */
export const SETTING_VARIABLES = [
  'NODE_ENV',
  'NEXT_PHASE',
  'DATABASE_URI',
  'DATABASE_POOL_MAX',
  'SQLITE_URL',
  'PAYLOAD_SECRET',
  'ALLOW_DEV_SECRET',
  'SERVER_URL',
  'ALLOW_INSECURE_COOKIES',
  'TRUST_PROXY',
  'PACKAGE_CACHE_TTL',
  'GEMINI_API_KEY',
  'GEMINI_IMAGE_MODEL',
  'GEMINI_HIGH_QUALITY_MODEL',
  'RATE_LIMIT_LOGIN_POINTS',
  'RATE_LIMIT_SIGNUP_POINTS',
  'RATE_LIMIT_FORGOT_PASSWORD_POINTS',
  'RATE_LIMIT_RESET_PASSWORD_POINTS',
  'LOGIN_MAX_FAILURES',
  'LOGIN_LOCK_MINUTES',
  'GEMINI_BASE_URL',
  'GOOGLE_GEMINI_BASE_URL',
  'GEMINI_TIMEOUT_MS',
  'GENERATION_CONCURRENCY',
  'GENERATION_LEASE_MS',
  'GENERATION_BACKOFF_MS',
  'GENERATION_POLL_MS',
  'JOBS_AUTORUN',
  'ROLE',
  'REDIS_URL',
  'REDIS_PREFIX',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_API_HOST',
  'STRIPE_API_PORT',
  'STRIPE_API_PROTOCOL',
  'FREE_TRIAL_SHOOTS',
  'PROMPT_LAB_DAILY_LIMIT',
  'SEED_ADMIN_PASSWORD',
  'SEED_EDITOR_PASSWORD',
  'SEED_CUSTOMER_PASSWORD',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_USER',
  'SMTP_PASS',
  'EMAIL_FROM',
  'EMAIL_FROM_NAME',
  'STUDIO_NAME',
  'PHOTO_RETENTION_DAYS',
  'FACE_MIN_PX',
  'FACE_MODEL_DIR',
  'PORTRAIT_RETENTION_DAYS',
  'S3_BUCKET',
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'S3_CONNECT_TIMEOUT_MS',
  'S3_REQUEST_TIMEOUT_MS',
  'MEDIA_DIR',
  'PRIVATE_MEDIA_DIR',
  'METRICS_TOKEN',
  'METRICS_PORT',
  'WORKER_HEALTH_PORT',
  'LOG_FORMAT',
  'BODY_MAX_BYTES',
  'UPLOAD_MAX_BYTES',
  'DECODE_MEMORY_MB',
  'DECODE_CONCURRENCY',
  'DECODE_QUEUE',
  'UPLOAD_RATE_PER_HOUR',
  'UPLOAD_MAX_STORED',
  'STREAMS_PER_CUSTOMER',
  'STREAMS_PER_NODE',
] as const

let cached: { key: string; value: Settings } | undefined

/** The app's settings from process.env (parsed again only when a variable changed). */
export const settings = (): Settings => {
  const key = SETTING_VARIABLES.map((name) => process.env[name] ?? '\u0000').join('\u0001')
  if (cached?.key !== key) cached = { key, value: readSettings(process.env) }
  return cached.value
}
