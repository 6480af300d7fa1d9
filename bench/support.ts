import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

import autocannon from 'autocannon'

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
export const load = async (name: string, url: string, seconds = Number(process.env.BENCH_SECONDS ?? 10)): Promise<LoadResult> => {
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
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)
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

export const run = (command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'inherit' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))))
  })

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
