/**
 * `npm run dev`: the whole app on one machine with no services. Without DATABASE_URI it
 * uses an embedded SQLite file under ./data and seeds it on first start; without
 * GEMINI_API_KEY portraits come from the offline renderer (labelled "preview render").
 * Requests go through the same front as in production (server/front.mjs --dev, in front of
 * `next dev`): the same refusals, without the catalog copies.
 */
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'

import { frontSettingsOrExit } from '../server/contract.mjs'
import { requireRedis } from '../server/requireRedis.mjs'

// A wrong front setting or REDIS_URL stops here with one line naming it, before any migration.
await requireRedis(frontSettingsOrExit().redisUrl)

const embedded = !process.env.DATABASE_URI
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

// The file the app opens (SQLITE_URL, as src/lib/settings reads it), seeded when it is not there yet.
const sqliteFile = (process.env.SQLITE_URL?.trim() || 'file:./data/photo-packages.db').replace(/^file:/, '')
if (embedded) {
  mkdirSync(path.dirname(sqliteFile), { recursive: true })
  if (!existsSync(sqliteFile)) {
    console.log('First start: creating the embedded SQLite database with demo data…')
    run('npx', ['tsx', 'scripts/seed.ts'])
  }
} else {
  run('npx', ['payload', 'migrate'])
}
if (!process.env.GEMINI_API_KEY) console.log('No GEMINI_API_KEY: portraits use the offline preview renderer.')

const child = spawn(process.execPath, ['server/front.mjs', '--dev'], { stdio: 'inherit', env: process.env })
child.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
