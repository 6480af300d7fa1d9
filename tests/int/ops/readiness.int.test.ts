import '../../support/servers/redisEnv'

import { spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { childEnv, startWorker } from '../../support/processes/appNodes'
import { type RedisLink, startRedisLink } from '../../support/servers/redisLink'

const root = path.resolve(import.meta.dirname, '../../..')

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

/** A port with nothing listening on it: connections are refused at once. */
const deadPort = freePort

interface Answer {
  status: number
  ms: number
  body: { status: string; failing: string[]; checks: { name: string; ok: boolean; latencyMs: number }[] }
  text: string
}

/**
 * Health and readiness on a worker (`npm run worker` with WORKER_HEALTH_PORT), whose Postgres and
 * Redis both pass through TCP links the test cuts: /readyz answers 503 naming both within 2 s, no
 * probe hangs, and 200 again once they are back. And a wrong REDIS_URL fails closed, in one line.
 */
describe('health and readiness', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>
  let postgresLink: RedisLink
  let redisLink: RedisLink
  let healthPort: number

  beforeAll(async () => {
    postgresLink = await startRedisLink(process.env.DATABASE_URI)
    redisLink = await startRedisLink(process.env.REDIS_URL)
    const database = new URL(process.env.DATABASE_URI!)
    database.port = new URL(postgresLink.url).port
    healthPort = await freePort()
    worker = await startWorker({
      DATABASE_URI: database.toString(),
      REDIS_URL: redisLink.url,
      WORKER_HEALTH_PORT: String(healthPort),
    })
  })

  afterAll(async () => {
    await worker?.stop()
    await postgresLink?.close()
    await redisLink?.close()
  })

  const get = async (pathname: string): Promise<Answer> => {
    const started = performance.now()
    const response = await fetch(`http://127.0.0.1:${healthPort}${pathname}`, {
      signal: AbortSignal.timeout(5000),
    })
    const text = await response.text()
    return { status: response.status, ms: performance.now() - started, body: JSON.parse(text), text }
  }

  /** Polls /readyz until it answers `status`; every answer along the way came within 2 s. */
  const until = async (status: number, withinMs: number): Promise<Answer> => {
    const deadline = Date.now() + withinMs
    for (;;) {
      const answer = await get('/readyz')
      expect(answer.ms).toBeLessThan(2000)
      if (answer.status === status || Date.now() > deadline) return answer
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  it('answers /healthz 200 and /readyz 200 with each configured part and its latency', async () => {
    const health = await get('/healthz')
    expect(health.status).toBe(200)
    expect(health.body.status).toBe('ok')
    const ready = await until(200, 10_000)
    expect(ready.status, ready.text).toBe(200)
    expect(ready.body.checks.map((check) => check.name).sort()).toEqual(['postgres', 'redis'])
    expect(ready.body.checks.every((check) => check.ok && check.latencyMs >= 0)).toBe(true)
  })

  it('answers 503 within 2 s naming Postgres and Redis while both are cut, then 200 once back', async () => {
    await Promise.all([postgresLink.cut(), redisLink.cut()])
    // Probes at once, as several load balancers would send them: none hangs.
    const burst = await Promise.all(Array.from({ length: 5 }, () => get('/readyz')))
    for (const answer of burst) {
      expect(answer.ms).toBeLessThan(2000)
      expect(answer.status, answer.text).toBe(503)
      expect(answer.body.failing.sort()).toEqual(['postgres', 'redis'])
      // No host, port, user or URL in the answer.
      expect(answer.text).not.toMatch(/127\.0\.0\.1|postgres:\/\/|redis:\/\/|@|5432|6379/)
    }
    expect((await get('/healthz')).status).toBe(200)
    // ioredis notices the cut on its next reconnect attempt (backoff up to 2 s); restored before
    // that, a loaded machine saw no loss at all to log.
    await expect
      .poll(() => /redis \([^)]+\): connection lost/.test(worker.child.output()), { timeout: 15_000 })
      .toBe(true)

    await Promise.all([postgresLink.restore(), redisLink.restore()])
    const back = await until(200, 15_000)
    expect(back.status, back.text).toBe(200)
    // Losing Redis and getting it back is logged once per connection and change, never per retry.
    const lines = worker.child.output().split('\n')
    expect(lines.filter((line) => line.includes('Unhandled error event'))).toEqual([])
    const lost = lines.filter((line) => /redis \([^)]+\): connection lost/.test(line))
    expect(lost.length).toBeGreaterThan(0)
    expect(new Set(lost.map((line) => /redis \(([^)]+)\)/.exec(line)![1])).size).toBe(lost.length)
    expect(lines.filter((line) => line.includes('connected again')).length).toBeGreaterThan(0)
  }, 60_000)

  it.each([
    ['the worker', ['--import', 'tsx', 'scripts/worker.ts']],
    ['the front (server/front.mjs)', ['server/front.mjs']],
  ])(
    'refuses to start %s with an unreachable REDIS_URL, in one line naming it',
    async (_, args) => {
      const url = `redis://user:s3cret@127.0.0.1:${await deadPort()}`
      const child = spawn(process.execPath, args, {
        cwd: root,
        env: childEnv({ REDIS_URL: url, PORT: String(await freePort()), NODE_ENV: 'production' }),
      })
      let output = ''
      child.stdout.on('data', (chunk) => (output += chunk))
      child.stderr.on('data', (chunk) => (output += chunk))
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
      expect(code).toBe(1)
      const lines = output.trim().split('\n')
      expect(lines, output).toHaveLength(1)
      expect(lines[0]).toMatch(
        /^REDIS_URL: Redis at redis:\/\/127\.0\.0\.1:\d+ did not answer within 5 s \(.*ECONNREFUSED.*\); refusing to start\.$/,
      )
      expect(output).not.toContain('s3cret')
    },
    60_000,
  )
})
