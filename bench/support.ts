import { type ChildProcess, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { runChild, startChild } from '../tests/support/processes/child'
import { createFreshDatabase, dropDatabase } from '../tests/support/setup/database'

export interface LoadResult {
  name: string
  url: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  non2xx: number
  errors: number
}

const root = path.resolve(import.meta.dirname, '..')
const WRK = '/usr/bin/wrk'

/** `1.23ms`, `587.00us`, `1.01s` in ms. */
const wrkMs = (value: string): number => {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value)
  if (!match) return NaN
  const scale = { us: 0.001, ms: 1, s: 1000 }[match[2] as 'us' | 'ms' | 's']
  return +(Number(match[1]) * scale).toFixed(3)
}

const output = async (command: string, args: string[]): Promise<string> =>
  (await runChild(command, args, { cwd: root, timeoutMs: 120_000, echo: false })).stdout

/**
 * Load with the settings, 32 connections for BENCH_SECONDS (10) against loopback, from a
 * process of its own so the load generator never shares an event loop with the server it
 * measures: Debian's `wrk` (2 threads) when installed, else autocannon's CLI. `headers` are
 * `Name: value`. A 304 counts as an answer.
 */
export const load = async (
  name: string,
  url: string,
  options: { headers?: string[]; seconds?: number } = {},
): Promise<LoadResult> => {
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 10)
  const headers = options.headers ?? []
  if (existsSync(WRK)) {
    const args = ['-t2', '-c32', `-d${seconds}s`, '--latency', ...headers.flatMap((h) => ['-H', h]), url]
    const text = await output(WRK, args)
    const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text)
    return {
      name,
      url,
      requestsPerSecond: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? 0)),
      p50Ms: wrkMs(/ 50%\s+(\S+)/.exec(text)?.[1] ?? ''),
      p99Ms: wrkMs(/ 99%\s+(\S+)/.exec(text)?.[1] ?? ''),
      non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
      errors: socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    }
  }
  const args = ['node_modules/autocannon/autocannon.js', '-j', '-c', '32', '-p', '1', '-d', String(seconds)]
  for (const header of headers) args.push('-H', header.replace(/:\s*/, '='))
  const text = await output(process.execPath, [...args, url])
  const result = JSON.parse(text.slice(text.indexOf('{')))
  return {
    name,
    url,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx - (result['3xx'] ?? 0),
    errors: result.errors,
  }
}

/** bench/bareServer.mjs in a process of its own, answering every request with the bytes of `bodyFile`. */
export const startBareServer = async (bodyFile: string) => {
  const bare = startChild(process.execPath, ['bench/bareServer.mjs', bodyFile], {
    cwd: root,
    timeoutMs: 3600_000,
    label: 'bare server',
    echo: false,
  })
  const deadline = Date.now() + 30_000
  for (;;) {
    const match = /BARE (\S+)/.exec(bare.output())
    if (match) return { url: match[1], pid: bare.child.pid as number, stop: bare.stop }
    if (Date.now() > deadline || bare.child.exitCode !== null) throw bare.failure('never listened')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Peak resident memory (VmHWM) of one process alone, in MiB (0 once it is gone). */
export const ownPeakRssMiB = (pid: number): number => {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)
    return match ? Math.round(Number(match[1]) / 1024) : 0
  } catch {
    return 0
  }
}

/** The pids of a process's children. */
export const childPids = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
  } catch {
    return []
  }
}

/** Peak resident memory (VmHWM) of a process and its children, in MiB. */
export const peakRssMiB = (pid: number): number => {
  const read = (id: number): number => {
    try {
      const status = readFileSync(`/proc/${id}/status`, 'utf8')
      const match = status.match(/VmHWM:\s+(\d+) kB/)
      return match ? Number(match[1]) / 1024 : 0
    } catch {
      return 0
    }
  }
  let peak = read(pid)
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
    for (const child of children) peak = Math.max(peak, peakRssMiB(Number(child)))
  } catch {
    // no children
  }
  return Math.round(peak)
}

/** CPU time (user + system) one process alone has used so far, in ms (0 once it is gone; Linux /proc). */
export const ownCpuMs = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name; utime and stime are the 14th and 15th, in 1/100 s ticks.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return 0
  }
}

/** CPU time of a process and its children (as they are now), in ms. */
export const cpuMs = (pid: number): number =>
  childPids(pid).reduce((sum, child) => sum + cpuMs(child), ownCpuMs(pid))

export const waitForHttp = async (url: string, timeoutMs: number, child?: ChildProcess): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      const response = await fetch(url)
      if (response.status < 500) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

/** Runs a setup step (migrate, seed, build) to its end; killed and failed with its output past `timeoutMs`. */
export const run = async (
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 20 * 60_000,
): Promise<void> => {
  await runChild(command, args, { env, timeoutMs })
}

/** The middle value (the upper one of an even count). */
export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * The median round (by req/s) of a measure, with every round's req/s beside it, so one noisy
 * round on a shared machine does not decide.
 */
export const medianRun = <T extends LoadResult>(runs: T[]): T & { rounds: number[] } => {
  const rps = runs.map((run) => run.requestsPerSecond)
  return { ...(runs.find((run) => run.requestsPerSecond === median(rps)) as T), rounds: rps }
}

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** A loopback port nothing listens on right now (so two apps of one bench never share one). */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

export interface ProductionApp {
  base: string
  /** The fresh database's name and connection string. */
  database: { name: string; uri: string }
  /** The env the app runs with (process.env, the database, the port, `extraEnv`). */
  env: NodeJS.ProcessEnv
  server: ChildProcess
  stop: () => Promise<void>
}

/**
 * The production app as `npm start` runs it: a fresh Postgres database, migrated and seeded,
 * the Next build (unless BENCH_SKIP_BUILD) and server/front.mjs, answering on loopback.
 */
export const startProductionApp = async (
  databasePrefix: string,
  extraEnv: Record<string, string> = {},
): Promise<ProductionApp> => {
  const { name, uri } = await createFreshDatabase(databasePrefix)
  const port = await freePort()
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    DATABASE_URI: uri,
    PAYLOAD_SECRET: 'bench-secret',
    JOBS_AUTORUN: '0',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    SERVER_URL: `http://127.0.0.1:${port}`,
    ...extraEnv,
  }
  await run('npx', ['payload', 'migrate'], env)
  await run('npx', ['tsx', 'scripts/seed.ts'], env)
  if (!process.env.BENCH_SKIP_BUILD) await run('npx', ['next', 'build'], env)
  // Its stdout is request noise; stderr is echoed. A bench that never stops it still loses it after an hour.
  const app = startChild(process.execPath, ['server/front.mjs'], {
    cwd: root,
    env,
    timeoutMs: 3600_000,
    label: 'server/front.mjs',
    echo: false,
  })
  const server = app.child
  server.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk))
  const base = `http://127.0.0.1:${port}`
  const stop = async () => {
    await app.stop()
    await dropDatabase(name).catch(() => undefined)
  }
  try {
    await waitForHttp(`${base}/api/packages`, 120_000, server)
  } catch (error) {
    await stop()
    throw app.failure((error as Error).message)
  }
  return { base, database: { name, uri }, env, server, stop }
}

export interface BenchDatabase {
  /** The fresh database's name and connection string. */
  name: string
  uri: string
  /** process.env plus this database, its own media folders and the bench's fixed secrets. */
  env: NodeJS.ProcessEnv
  /** Drops the database (unless `keep`) and removes the media folders. */
  dispose: (options?: { keep?: boolean }) => Promise<void>
}

/**
 * A fresh Postgres database, migrated and seeded by tests/support/setup/bootstrapCli.ts in a child
 * process (10 min at most), with media folders of its own. Throws when the bootstrap fails;
 * the database is dropped again then.
 */
export const bootstrappedDatabase = async (prefix: string): Promise<BenchDatabase> => {
  const { name, uri } = await createFreshDatabase(prefix)
  const media = mkdtempSync(path.join(tmpdir(), `${prefix.replaceAll('_', '-')}-`))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URI: uri,
    PAYLOAD_SECRET: 'bench-secret',
    JOBS_AUTORUN: '0',
    MEDIA_DIR: path.join(media, 'media'),
    PRIVATE_MEDIA_DIR: path.join(media, 'private'),
    SEED_ADMIN_PASSWORD: 'bench-admin-pass',
  }
  const dispose = async ({ keep = false } = {}) => {
    if (!keep) await dropDatabase(name).catch(() => undefined)
    rmSync(media, { recursive: true, force: true })
  }
  const bootstrap = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/setup/bootstrapCli.ts'], {
    cwd: root,
    env,
    stdio: 'inherit',
    timeout: 10 * 60_000,
  })
  if (bootstrap.status !== 0) {
    await dispose()
    throw new Error(
      `bootstrap (migrate + seed) failed (exit ${bootstrap.status}, ${bootstrap.signal ?? 'no signal'})`,
    )
  }
  return { name, uri, env, dispose }
}

/**
 * Runs `script` in a child process of its own (so its RSS and timings are its own) with `env`
 * and `childFlag` set to 1, and parses the JSON it prints after `resultPrefix` on one stdout
 * line. Throws with the exit status and the end of stdout when the child fails or prints none.
 */
export const measureInChild = <T>(
  script: string,
  env: NodeJS.ProcessEnv,
  { childFlag, resultPrefix, timeoutMs }: { childFlag: string; resultPrefix: string; timeoutMs: number },
): T => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...env, [childFlag]: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: timeoutMs,
  })
  const line = child.stdout?.split('\n').find((text) => text.startsWith(resultPrefix))
  if (child.status !== 0 || !line)
    throw new Error(
      `the measuring process failed (exit ${child.status}, ${child.signal ?? 'no signal'}): ${child.stdout?.slice(-2000)}`,
    )
  return JSON.parse(line.slice(resultPrefix.length)) as T
}
