import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort } from './freePort'

export interface PostgresServer {
  port: number
  /** `postgres://postgres@127.0.0.1:<port>/<database>` (trust auth: no password). */
  uri: (database?: string) => string
  /** Creates `name` as a copy of the database at `sourceUri` (pg_dump piped into psql); resolves with its URI. */
  copyDatabase: (sourceUri: string, name: string) => Promise<string>
  /** `pg_ctl stop -m fast`: open connections are ended, new ones refused, as on a Postgres restart. */
  stop: () => Promise<void>
  /** `pg_ctl start` again on the same port and data. Resolves once it accepts connections. */
  start: () => Promise<void>
  /** Stops the server and deletes its data directory. */
  close: () => Promise<void>
}

/** The newest installed server's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
const binDir = () => {
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
  if (!versions.length)
    throw new Error('No PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql).')
  return `/usr/lib/postgresql/${versions[0]}/bin`
}

/**
 * initdb and postgres refuse to run as root (CI runs as root: .ci/run): there they run as the
 * `postgres` OS user through runuser, and the data directory is that user's.
 */
const asServerUser = (command: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]

const run = (command: string, args: string[], label: string) =>
  new Promise<void>((resolve, reject) => {
    const [file, argv] = asServerUser(command, args)
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${label} exited ${code}:\n${output.slice(-2000)}`)),
    )
  })

/**
 * A PostgreSQL server of a test's own, which it can really stop and start: `initdb` into a
 * temporary directory (trust auth, user `postgres`), then `pg_ctl` on a free loopback port, with
 * its socket in that directory. fsync is off: the data is thrown away. If the test process ends
 * without `close()`, the server is stopped at exit (immediate mode) so none outlives the run.
 */
export const startPostgresServer = async (): Promise<PostgresServer> => {
  const bin = binDir()
  const dir = await mkdtemp(path.join(tmpdir(), 'pp-postgres-'))
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
    await chown(dir, uid, gid)
  }
  const data = path.join(dir, 'data')
  await run(
    `${bin}/initdb`,
    ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync'],
    'initdb',
  )
  const port = await freePort()
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ')
  const ctl = (...args: string[]): [string, string[]] => [
    `${bin}/pg_ctl`,
    ['-D', data, '-w', '-t', '60', ...args],
  ]
  const start = () => run(...ctl('-l', path.join(dir, 'server.log'), '-o', options, 'start'), 'pg_ctl start')
  const stop = () => run(...ctl('-m', 'fast', 'stop'), 'pg_ctl stop')
  const stopAtExit = () => {
    const [file, argv] = asServerUser(...ctl('-m', 'immediate', 'stop'))
    spawnSync(file, argv, { stdio: 'ignore' })
  }
  process.once('exit', stopAtExit)
  await start()

  const uri = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
  const copyDatabase = async (sourceUri: string, name: string) => {
    await run(
      `${bin}/psql`,
      ['-q', '-v', 'ON_ERROR_STOP=1', uri(), '-c', `CREATE DATABASE "${name}"`],
      'createdb',
    )
    const dump = spawn(`${bin}/pg_dump`, ['--no-owner', '--no-privileges', sourceUri], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const restore = spawn(`${bin}/psql`, ['-q', '-v', 'ON_ERROR_STOP=1', uri(name)], {
      stdio: ['pipe', 'ignore', 'pipe'],
    })
    let errors = ''
    dump.stderr.on('data', (chunk) => (errors += chunk))
    restore.stderr.on('data', (chunk) => (errors += chunk))
    dump.stdout.pipe(restore.stdin)
    const exited = (child: ReturnType<typeof spawn>) =>
      new Promise<number | null>((resolve, reject) => {
        child.on('error', reject)
        child.on('exit', resolve)
      })
    const [dumped, restored] = await Promise.all([exited(dump), exited(restore)])
    if (dumped !== 0 || restored !== 0)
      throw new Error(
        `copying the database failed (pg_dump ${dumped}, psql ${restored}):\n${errors.slice(-2000)}`,
      )
    return uri(name)
  }
  return {
    port,
    uri,
    copyDatabase,
    stop,
    start,
    close: async () => {
      process.off('exit', stopAtExit)
      await stop().catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    },
  }
}
