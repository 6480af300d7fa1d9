import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3'
import pg from 'pg'

import { type ProgressMode, progressMode } from '@/lib/progressMode'
import { redisClient } from '@/lib/redis'
import { settings } from '@/lib/settings'
import { s3ClientConfig } from '@/storage'

/** Each check's deadline: the three run at once, so /readyz answers within about this long. */
export const CHECK_TIMEOUT_MS = 1000

export interface CheckResult {
  name: 'postgres' | 'redis' | 's3'
  ok: boolean
  latencyMs: number
  /** Why it failed, in words that name no host, user, password or key. */
  error?: string
}

export interface Readiness {
  status: 'ready' | 'unavailable'
  checks: CheckResult[]
  /**
   * How this process follows generation progress (src/lib/progressMode.ts): `pubsub`,
   * `polling` (Redis lost: it reads the events table every few seconds) or `in-process`. Informative:
   * polling still serves every stream, so it does not make the process unavailable.
   */
  progress: { mode: ProgressMode }
}

/** A failure's words without anything from the connection string (ECONNREFUSED, timeout, auth). */
const plainError = (error: unknown): string => {
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && /^[A-Za-z0-9_]+$/.test(code)) return code
  const name = (error as { name?: unknown }).name
  if (name === 'TimeoutError') return 'timeout'
  if (typeof name === 'string' && /^[A-Za-z]+$/.test(name) && name !== 'Error') return name
  return 'failed'
}

const timeout = (ms: number) =>
  new Promise<never>((_, reject) =>
    setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), ms).unref(),
  )

const timed = async (name: CheckResult['name'], check: () => Promise<unknown>): Promise<CheckResult> => {
  const started = performance.now()
  try {
    await Promise.race([check(), timeout(CHECK_TIMEOUT_MS)])
    return { name, ok: true, latencyMs: Math.round(performance.now() - started) }
  } catch (error) {
    return { name, ok: false, latencyMs: Math.round(performance.now() - started), error: plainError(error) }
  }
}

/** A connection of its own, so a full pool or a Payload that failed to start cannot hide the answer. */
const checkPostgres = async (uri: string) => {
  const client = new pg.Client({
    connectionString: uri,
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
    query_timeout: CHECK_TIMEOUT_MS,
  })
  // A connection dropped after the check answered must not become an unhandled 'error'.
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('select 1')
  } finally {
    void client.end().catch(() => undefined)
  }
}

/** The shared connection: while ioredis reconnects it is not ready, and that is the answer. */
const checkRedis = async () => {
  const client = redisClient()
  if (!client) return
  if (client.status !== 'ready') throw Object.assign(new Error(client.status), { code: client.status })
  await client.ping()
}

const holder = globalThis as typeof globalThis & {
  __photoPackagesReadinessS3?: { key: string; client: S3Client }
}

const checkS3 = async (s3: NonNullable<ReturnType<typeof settings>['s3']>) => {
  // One client per bucket settings (tests and a config reload may change them).
  const key = JSON.stringify(s3)
  if (holder.__photoPackagesReadinessS3?.key !== key) {
    const config = s3ClientConfig({
      ...s3,
      connectTimeoutMs: CHECK_TIMEOUT_MS,
      requestTimeoutMs: CHECK_TIMEOUT_MS,
    })
    holder.__photoPackagesReadinessS3 = { key, client: new S3Client({ ...config, maxAttempts: 1 }) }
  }
  await holder.__photoPackagesReadinessS3.client.send(new HeadBucketCommand({ Bucket: s3.bucket }))
}

let running: Promise<Readiness> | null = null

/**
 * Checks Postgres (DATABASE_URI), Redis (REDIS_URL) and the S3 bucket (S3_BUCKET), each only when
 * configured, all at once, each given CHECK_TIMEOUT_MS. Concurrent callers share one round of
 * checks, so a burst of probes opens one database connection, not one each.
 */
export const checkReadiness = (): Promise<Readiness> => {
  if (running) return running
  const round = (async (): Promise<Readiness> => {
    const env = settings()
    const checks = await Promise.all([
      ...(env.databaseUri ? [timed('postgres', () => checkPostgres(env.databaseUri!))] : []),
      ...(env.redisUrl ? [timed('redis', checkRedis)] : []),
      ...(env.s3 ? [timed('s3', () => checkS3(env.s3!))] : []),
    ])
    return {
      status: checks.every((check) => check.ok) ? 'ready' : 'unavailable',
      checks,
      progress: { mode: progressMode() },
    }
  })().finally(() => {
    running = null
  })
  running = round
  return round
}

/** The /readyz answer: 200 when every configured part answered, else 503 naming each failing one. */
export const readinessResponse = async (): Promise<Response> => {
  const readiness = await checkReadiness()
  return Response.json(
    { ...readiness, failing: readiness.checks.filter((check) => !check.ok).map((check) => check.name) },
    {
      status: readiness.status === 'ready' ? 200 : 503,
      headers: { 'cache-control': 'no-store' },
    },
  )
}

/** The /healthz answer: the process is alive and its event loop turns. */
export const healthResponse = (): Response =>
  Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } })
