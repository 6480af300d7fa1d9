/** The app itself: database, secrets, origin, jobs and roles, Redis, limits, metrics and logs. */
import { z } from 'zod'

import {
  bearerToken,
  flag,
  hostname,
  httpUrl,
  oneOf,
  optionalWhole,
  port,
  redisUrl,
  text,
  textOr,
  verbatim,
  whole,
} from './fields'

export const DEFAULT_PACKAGE_CACHE_TTL_MS = 300_000

export const PROCESS_ROLES = ['web', 'worker', 'all'] as const
export type ProcessRole = (typeof PROCESS_ROLES)[number]

export const coreVariables = z.object({
  /** `production` for `npm start` and the build. */
  NODE_ENV: verbatim(),
  /** Set by `next build` while it loads the config to collect pages: it must neither migrate nor sign anything. */
  NEXT_PHASE: verbatim(),
  /** A postgres:// URI, or unset for the embedded SQLite file. */
  DATABASE_URI: text(),
  /** Postgres connections per process. */
  DATABASE_POOL_MAX: whole(10, 1, 1000),
  /** The embedded database's libsql URL; unset means ./data/photo-packages.db. */
  SQLITE_URL: text(),
  PAYLOAD_SECRET: text(),
  /** 1 lets production start with the dev secret (demos only). */
  ALLOW_DEV_SECRET: flag(false),
  /** The public origin (Payload's serverURL). */
  SERVER_URL: httpUrl(),
  /** 1: production auth cookies without `Secure` (plain-http tests only). */
  ALLOW_INSECURE_COOKIES: flag(false),
  /** 1: a reverse proxy sets X-Forwarded-For/-Host/-Proto (rate-limit key, request origin). */
  TRUST_PROXY: flag(false),
  /**
   * The platform's own domain: a studio is also served on `<slug>.` + this, and a host no studio
   * claims is a 404. Unset: a host no studio claims is served by the default studio (one studio).
   */
  PLATFORM_DOMAIN: hostname(),
  /** Ms a catalog response stays cached (0 turns the cache off). */
  PACKAGE_CACHE_TTL: whole(DEFAULT_PACKAGE_CACHE_TTL_MS, 0),
  /** Requests per client per window on the account endpoints; unset = the built-in limits. */
  RATE_LIMIT_LOGIN_POINTS: optionalWhole(1),
  RATE_LIMIT_SIGNUP_POINTS: optionalWhole(1),
  RATE_LIMIT_FORGOT_PASSWORD_POINTS: optionalWhole(1),
  RATE_LIMIT_RESET_PASSWORD_POINTS: optionalWhole(1),
  /**
   * LOGIN_MAX_FAILURES wrong passwords for one account from one client within LOGIN_LOCK_MINUTES
   * make that client wait LOGIN_LOCK_MINUTES for that account; other clients are not affected.
   */
  LOGIN_MAX_FAILURES: whole(10, 1),
  LOGIN_LOCK_MINUTES: whole(15, 1, 24 * 60),
  /** 0 turns the in-process job pollers off (tests drive jobs by hand). */
  JOBS_AUTORUN: flag(true),
  /**
   * `web` serves HTTP and runs no jobs (it wakes the workers through Redis), `worker` runs jobs and
   * serves no HTTP (`npm run worker`), `all` (default, `npm run dev`) does both.
   */
  ROLE: oneOf(PROCESS_ROLES, (_lower, raw) => `must be one of ${PROCESS_ROLES.join(', ')}, got "${raw}".`),
  /** What app nodes and workers share (catalog invalidation, wake-ups, rate limits); unset = one process. */
  REDIS_URL: redisUrl(),
  /** Prefix of every Redis key and channel (one per deployment or test run). */
  REDIS_PREFIX: textOr('photo-packages:'),
  /** Shoots granted once to each new customer. */
  FREE_TRIAL_SHOOTS: whole(3, 0),
  /** Demo account passwords for the seed (none are invented in production). */
  SEED_ADMIN_PASSWORD: text(),
  SEED_EDITOR_PASSWORD: text(),
  SEED_CUSTOMER_PASSWORD: text(),
  /** `npm run seed`: the host of the demo's second studio (issue 24); 127.0.0.1 in dev when unset, none in production. */
  SEED_SECOND_STUDIO_HOST: hostname(),
  /** GET /metrics answers only with `Authorization: Bearer <token>`; unset = not on the public port. */
  METRICS_TOKEN: bearerToken(),
  /** /metrics without a token on 127.0.0.1:<port> (app node's front, or a worker). */
  METRICS_PORT: port(),
  /** A worker's /healthz, /readyz (and /metrics with the token) on this port. */
  WORKER_HEALTH_PORT: port(),
  /** `json` (one JSON object per line) or `pretty`; default json in production, pretty otherwise. */
  LOG_FORMAT: oneOf(['json', 'pretty'], (_lower, raw) => `must be json or pretty, got "${raw}".`),
  /** Largest request body off the upload routes (JSON, webhooks). */
  BODY_MAX_BYTES: whole(1_048_576, 1024, 1_073_741_824),
  /**
   * A request body must arrive within this many ms of its headers (plus 1 s per
   * BODY_MIN_BYTES_PER_SECOND bytes received), or the front answers 408 (server/bodyTimeout.mjs).
   */
  BODY_TIMEOUT_MS: whole(20_000, 1000, 600_000),
  /** The slowest body rate the front waits for, in bytes per second (see BODY_TIMEOUT_MS). */
  BODY_MIN_BYTES_PER_SECOND: whole(1024, 1, 1_073_741_824),
  /** Open progress streams (server-sent events) per customer per node. */
  STREAMS_PER_CUSTOMER: whole(4, 1, 1000),
  /** Open progress streams per node, all customers together. */
  STREAMS_PER_NODE: whole(50, 1, 100_000),
  /** Set by the front (server/front.mjs) for its child: the token it sends with its own /metrics scrape. */
  PHOTO_PACKAGES_INTERNAL_TOKEN: verbatim(),
  /**
   * Set by the front for its child: the port the front serves the site on (its PORT). The child's
   * own PORT is not it: `next dev` runs on a loopback port of its own and sets PORT to that.
   */
  PHOTO_PACKAGES_FRONT_PORT: port(),
})

/** Per endpoint; unset = the built-in limit. */
export interface RateLimitPoints {
  login?: number
  signup?: number
  forgotPassword?: number
  resetPassword?: number
}

/** Per demo role; unset = a dev default (none in production). */
export interface SeedPasswords {
  admin?: string
  editor?: string
  customer?: string
}

export const toCore = (env: z.output<typeof coreVariables>) => {
  const isProduction = env.NODE_ENV === 'production'
  return {
    isProduction,
    isBuilding: env.NEXT_PHASE === 'phase-production-build',
    databaseUri: env.DATABASE_URI,
    databasePoolMax: env.DATABASE_POOL_MAX,
    sqliteUrl: env.SQLITE_URL,
    payloadSecret: env.PAYLOAD_SECRET,
    allowDevSecret: env.ALLOW_DEV_SECRET,
    /** SERVER_URL as given (Payload's serverURL). */
    serverUrl: env.SERVER_URL,
    /** SERVER_URL without a trailing slash (for building links). */
    publicOrigin: env.SERVER_URL?.replace(/\/$/, ''),
    /**
     * The origin links in e-mails and sites' origins are built on: SERVER_URL, else (development)
     * http://localhost at the port the front serves on (3000 without a front).
     */
    linkOrigin:
      env.SERVER_URL?.replace(/\/$/, '') ?? `http://localhost:${env.PHOTO_PACKAGES_FRONT_PORT ?? 3000}`,
    allowInsecureCookies: env.ALLOW_INSECURE_COOKIES,
    trustProxy: env.TRUST_PROXY,
    platformDomain: env.PLATFORM_DOMAIN,
    packageCacheTtlMs: env.PACKAGE_CACHE_TTL,
    rateLimitPoints: {
      login: env.RATE_LIMIT_LOGIN_POINTS,
      signup: env.RATE_LIMIT_SIGNUP_POINTS,
      forgotPassword: env.RATE_LIMIT_FORGOT_PASSWORD_POINTS,
      resetPassword: env.RATE_LIMIT_RESET_PASSWORD_POINTS,
    } as RateLimitPoints,
    loginLock: { maxFailures: env.LOGIN_MAX_FAILURES, minutes: env.LOGIN_LOCK_MINUTES },
    jobsAutorun: env.JOBS_AUTORUN,
    role: env.ROLE ?? ('all' as ProcessRole),
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    freeTrialShoots: env.FREE_TRIAL_SHOOTS,
    seedPasswords: {
      admin: env.SEED_ADMIN_PASSWORD,
      editor: env.SEED_EDITOR_PASSWORD,
      customer: env.SEED_CUSTOMER_PASSWORD,
    } as SeedPasswords,
    seedSecondStudioHost: env.SEED_SECOND_STUDIO_HOST ?? (isProduction ? undefined : '127.0.0.1'),
    metricsToken: env.METRICS_TOKEN,
    metricsPort: env.METRICS_PORT,
    workerHealthPort: env.WORKER_HEALTH_PORT,
    logFormat: env.LOG_FORMAT ?? (isProduction ? 'json' : 'pretty'),
    bodyMaxBytes: env.BODY_MAX_BYTES,
    bodyTimeout: { timeoutMs: env.BODY_TIMEOUT_MS, minBytesPerSecond: env.BODY_MIN_BYTES_PER_SECOND },
    streamsPerCustomer: env.STREAMS_PER_CUSTOMER,
    streamsPerNode: env.STREAMS_PER_NODE,
    internalToken: env.PHOTO_PACKAGES_INTERNAL_TOKEN,
  }
}
