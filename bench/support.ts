import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import autocannon from 'autocannon'

import { runChild, startChild } from '../tests/support/child'
import { createFreshDatabase, dropDatabase } from '../tests/support/database'

export interface LoadResult {
  name: string
  url: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  non2xx: number
  errors: number
}

/** autocannon with the settings: 32 connections for 10 s, against loopback only. */
export const load = async (
  name: string,
  url: string,
  seconds = Number(process.env.BENCH_SECONDS ?? 10),
): Promise<LoadResult> => {
  const result = await autocannon({ url, connections: 32, duration: seconds, pipelining: 1 })
  return {
    name,
    url,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
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

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

export interface ProductionApp {
  base: string
  server: ChildProcess
  stop: () => Promise<void>
}

/**
 * The production app as `npm start` runs it: a fresh Postgres database, migrated and seeded,
 * the Next build (unless BENCH_SKIP_BUILD) and server.mjs, answering on loopback.
 */
export const startProductionApp = async (
  databasePrefix: string,
  extraEnv: Record<string, string> = {},
): Promise<ProductionApp> => {
  const { name, uri } = await createFreshDatabase(databasePrefix)
  const port = 3900 + Math.floor(Math.random() * 90)
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
  const root = path.resolve(import.meta.dirname, '..')
  // Its stdout is request noise; stderr is echoed. A bench that never stops it still loses it after an hour.
  const app = startChild(process.execPath, ['server.mjs'], {
    cwd: root,
    env,
    timeoutMs: 3600_000,
    label: 'server.mjs',
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
  return { base, server, stop }
}
