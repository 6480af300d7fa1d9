import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { buildConfig, type Config } from 'payload'
import sharp from 'sharp'

import { emailAdapter } from './src/lib/email'
import { settings } from './src/lib/settings'
import { migrations } from './src/migrations'
import { photoPackages } from './src/plugin'

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
  return sqliteAdapter({
    client: { url: env.sqliteUrl ?? `file:${path.resolve(dirname, 'data/photo-packages.db')}` },
    // The embedded demo database is pushed from the schema (push: true) and has no migrations:
    // this folder does not exist, so `payload migrate` can never run the Postgres ones on SQLite.
    migrationDir: path.resolve(dirname, 'src/migrations-sqlite'),
    push: true,
  })
}

const secret = (): string => {
  if (env.payloadSecret) return env.payloadSecret
  if (isProduction && !isBuilding && !env.allowDevSecret) {
    throw new Error('PAYLOAD_SECRET must be set in production.')
  }
  return 'photo-packages-dev-secret-change-me'
}

export default buildConfig({
  serverURL: env.serverUrl ?? '',
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
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  graphQL: { disable: true },
  telemetry: false,
  plugins: [photoPackages()],
})
