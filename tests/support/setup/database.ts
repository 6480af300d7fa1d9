import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import pg from 'pg'

export const TEST_DATABASE_BASE = process.env.TEST_DATABASE_URI ?? 'postgres://postgres@127.0.0.1:5432'

const adminUri = () => `${TEST_DATABASE_BASE.replace(/\/$/, '')}/postgres`
const uriOf = (name: string) => `${TEST_DATABASE_BASE.replace(/\/$/, '')}/${name}`
const uniqueName = (prefix: string) => `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`

const withAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: adminUri() })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** A brand-new, uniquely named database for one test run (a copy of `template` when given). */
export const createFreshDatabase = async (
  prefix = 'pp_test',
  template?: string,
): Promise<{ name: string; uri: string }> => {
  const name = uniqueName(prefix)
  await withAdmin((client) =>
    client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`),
  )
  return { name, uri: uriOf(name) }
}

export const dropDatabase = async (name: string): Promise<void> => {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
}

const root = path.resolve(import.meta.dirname, '../../..')
/** What a migrated and seeded database is made of: change one of these and the template is rebuilt. */
const TEMPLATE_INPUTS = [
  'src/migrations',
  'src/seed',
  'tests/support/setup/bootstrapCli.ts',
  'package-lock.json',
]

const filesUnder = (relative: string): string[] => {
  const full = path.join(root, relative)
  if (!statSync(full).isDirectory()) return [relative]
  return readdirSync(full, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(path.join(relative, entry.name)))
}

/** pp_template_<first 12 hex of the sha256 of TEMPLATE_INPUTS' paths and contents>. */
export const templateName = (): string => {
  const hash = createHash('sha256')
  for (const file of TEMPLATE_INPUTS.flatMap(filesUnder)) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(root, file)))
      .update('\0')
  }
  return `pp_template_${hash.digest('hex').slice(0, 12)}`
}

/**
 * The name of a database migrated and seeded by `build(uri)` for the current migrations and seed
 * (templateName), built once and then reused by every run: `CREATE DATABASE … TEMPLATE` copies it
 * in a second or two instead of a migrate + seed of a minute or more. It is built under a scratch
 * name and renamed when complete, so a failed or concurrent build never leaves a half-made
 * template; nobody may connect to it afterwards (copies need it idle). Older templates are dropped
 * when a new one is made. TEST_DATABASE_TEMPLATE=0 skips all this (each run migrates and seeds).
 */
export const ensureTemplateDatabase = async (build: (uri: string) => Promise<void>): Promise<string> => {
  const name = templateName()
  const exists = async () =>
    withAdmin(
      async (client) =>
        (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1,
    )
  if (await exists()) return name
  const scratch = uniqueName('pp_template_build')
  await withAdmin((client) => client.query(`CREATE DATABASE "${scratch}"`))
  try {
    await build(uriOf(scratch))
    await withAdmin(async (client) => {
      // Another run may have finished the same template meanwhile: then ours is dropped below.
      if ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) return
      await client.query(`ALTER DATABASE "${scratch}" RENAME TO "${name}"`)
      await client.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`)
      const older = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'pp\\_template\\_%' AND datname <> $1
           AND datname NOT LIKE 'pp\\_template\\_build\\_%'`,
        [name],
      )
      for (const { datname } of older.rows) {
        // A run of an older checkout may be copying it right now; it stays for the next build then.
        await client
          .query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`)
          .then(() => client.query(`DROP DATABASE IF EXISTS "${datname}"`))
          .catch(() => undefined)
      }
    })
  } finally {
    await dropDatabase(scratch).catch(() => undefined)
  }
  if (!(await exists())) throw new Error(`The template database ${name} was not made`)
  return name
}
