import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { redisKVAdapter } from '@payloadcms/kv-redis'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { Redis } from 'ioredis'
import { buildConfig, type Config, defaultLoggerOptions } from 'payload'
import sharp from 'sharp'

import { restrictPayloadCollections } from './src/access/lockedDocuments'
import { LEDGER_NAMED_TABLES } from './src/billing/ledgerNames'
import { emailAdapter } from './src/lib/email'
import { clientErrorsAtInfo } from './src/lib/logLevels'
import { idsNeverReused } from './src/lib/sqliteIds'
import { redisPrefix, watchRedis } from './src/lib/redis'
import { settings } from './src/lib/settings'
import { migrations } from './src/migrations'
import { photoPackages } from './src/plugin'
import { ownStudioDocuments } from './src/studios/ownStudioDocuments'
import { uploadStorage } from './src/storage'

const dirname = path.dirname(fileURLToPath(import.meta.url))
// Every variable is parsed (and a bad one refused, by name) before anything starts.
const env = settings()
// `next build` loads the config to collect pages: it must neither migrate nor sign anything.
const { isBuilding, isProduction } = env

/**
 * DATABASE_URI=postgres://... runs on Postgres with the committed migrations. Without it the
 * app uses an embedded SQLite file under ./data, so a newcomer needs no database server.
 */
const database = (): Config['db'] => {
  const uri = env.databaseUri
  if (uri && /^postgres(ql)?:\/\//.test(uri)) {
    return postgresAdapter({
      pool: { connectionString: uri, max: env.databasePoolMax },
      migrationDir: path.resolve(dirname, 'src/migrations'),
      // Schema changes only ever reach Postgres through migrations, dev included.
      push: false,
      prodMigrations: isBuilding ? undefined : migrations,
    })
  }
  // A fresh checkout has no ./data yet, and `next build` opens the database to prerender pages.
  if (!env.sqliteUrl) mkdirSync(path.resolve(dirname, 'data'), { recursive: true })
  const adapter = sqliteAdapter({
    client: { url: env.sqliteUrl ?? `file:${path.resolve(dirname, 'data/photo-packages.db')}` },
    // The embedded demo database is pushed from the schema (push: true) and has no migrations:
    // this folder does not exist, so `payload migrate` can never run the Postgres ones on SQLite.
    migrationDir: path.resolve(dirname, 'src/migrations-sqlite'),
    push: true,
    // AUTOINCREMENT: a deleted row's id is never given again (SQLite would reuse the highest).
    autoIncrement: true,
  })
  // A file made before AUTOINCREMENT is moved over at start, and its records get their uuid.
  return idsNeverReused(adapter, LEDGER_NAMED_TABLES, (message) => console.log(message))
}

const secret = (): string => {
  if (env.payloadSecret) return env.payloadSecret
  if (isProduction && !isBuilding && !env.allowDevSecret) {
    throw new Error('PAYLOAD_SECRET must be set in production.')
  }
  return 'photo-packages-dev-secret-change-me'
}

/**
 * The public origin (https://studio.example): links in e-mails, Stripe's return URLs and
 * the CSRF check compare against it, so production refuses to start without it.
 */
const serverURL = (): string => {
  const value = env.serverUrl?.trim()
  if (value) {
    if (!/^https?:\/\/[^/]+$/.test(value.replace(/\/$/, ''))) {
      throw new Error(
        `SERVER_URL must be an origin such as https://studio.example (no path), got "${value}".`,
      )
    }
    return value.replace(/\/$/, '')
  }
  if (isProduction && !isBuilding) {
    throw new Error(
      'SERVER_URL must be set in production: the public origin of the site, such as https://studio.example. ' +
        'It is used to refuse cross-site requests and to build links in e-mails and Stripe redirects.',
    )
  }
  return ''
}

/**
 * Payload's key-value store: in Redis when REDIS_URL is set, so every node and worker shares it
 * (under REDIS_PREFIX + `kv:`); otherwise Payload's default, the `payload-kv` collection. The
 * table stays in the Postgres migrations either way, unused under Redis.
 */
const keyValueStore = (): Config['kv'] => {
  if (!env.redisUrl || isBuilding) return undefined
  const adapter = redisKVAdapter({ redisURL: env.redisUrl, keyPrefix: `${redisPrefix()}kv:` })
  // The adapter opens a connection of its own, with no error listener (src/lib/redis.ts).
  return {
    init: (args) => {
      const kv = adapter.init(args) as ReturnType<typeof adapter.init> & { redisClient: Redis }
      watchRedis(kv.redisClient, 'payload-kv')
      return kv
    },
  }
}

export default buildConfig({
  serverURL: serverURL(),
  // Production logs are pino's JSON lines (one object per line, for a log shipper); Payload's
  // default is pino-pretty, kept for development (LOG_FORMAT, src/lib/settings.ts). Either way a
  // client's 4xx is logged at info, a 5xx at error (src/lib/logLevels.ts).
  logger:
    env.logFormat === 'json'
      ? {
          options: {
            name: 'photo-packages',
            level: 'info',
            // "level":"warn" rather than pino's number: readable without a lookup table.
            formatters: { level: (label: string) => ({ level: label }) },
            hooks: { logMethod: clientErrorsAtInfo },
          },
        }
      : {
          options: { name: 'payload', hooks: { logMethod: clientErrorsAtInfo } },
          destination: defaultLoggerOptions,
        },
  kv: keyValueStore(),
  secret: secret(),
  admin: {
    user: 'users',
    importMap: { baseDir: path.resolve(dirname, 'src') },
    meta: { titleSuffix: ' · Photo Packages' },
    // Not gravatar: staff emails are not sent to a third party, and the admin works offline.
    avatar: 'default',
  },
  db: database(),
  email: emailAdapter(),
  sharp,
  upload: { limits: { fileSize: 15 * 1024 * 1024 } },
  // Types come only from `npm run generate:types` (committed, checked by CI): a dev server or a
  // test process started with REDIS_URL would otherwise rewrite them without the payload-kv collection.
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts'), autoGenerate: false },
  graphQL: { disable: true },
  telemetry: false,
  // Uploads on the local disk, or in an S3 bucket when S3_BUCKET is set (src/storage).
  plugins: [photoPackages(), uploadStorage()],
}).then(restrictPayloadCollections(ownStudioDocuments))
