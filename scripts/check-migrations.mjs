/**
 * Fails when the Payload schema has changed without a committed Postgres migration:
 * asks Payload to create one (it needs no database connection for that) and checks that
 * it had nothing to write. Any file it did write is removed again.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import path from 'node:path'

const dir = 'src/migrations'
const before = new Set(readdirSync(dir))
const result = spawnSync('npx', ['payload', 'migrate:create', 'schema_drift_check', '--skip-empty'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URI: process.env.DATABASE_URI ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  },
})
const added = readdirSync(dir).filter((file) => !before.has(file))
for (const file of added) rmSync(path.join(dir, file))
if (result.status !== 0) process.exit(result.status ?? 1)
if (added.some((file) => file.includes('schema_drift_check'))) {
  console.error(
    'The schema changed without a migration: run `npm run payload migrate:create <name>` with DATABASE_URI set to Postgres, and commit it.',
  )
  process.exit(1)
}
console.log('Migrations cover the schema.')
