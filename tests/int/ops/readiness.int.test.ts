import '../../support/servers/redisEnv'

import { spawn } from 'node:child_process'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type AppNode, childEnv, startAppNode, startWorker } from '../../support/processes/appNodes'
import { type PostgresServer, startPostgresServer } from '../../support/servers/postgresServer'
import { type RedisLink, startRedisLink } from '../../support/servers/redisLink'
import { freePort } from '../../support/servers/freePort'

const root = path.resolve(import.meta.dirname, '../../..')

/** A port with nothing listening on it: connections are refused at once. */
const deadPort = freePort

interface Answer {
  status: number
  ms: number
  body: { status: string; failing: string[]; checks: { name: string; ok: boolean; latencyMs: number }[] }
  text: string
}

/**
 * Health and readiness on an app node (tests/support/processes/appNodeCli.ts, answering /healthz and
 * /readyz with the Next routes' handlers) and a worker (`npm run worker` with WORKER_HEALTH_PORT),
 * both on a PostgreSQL server of this file's own (a copy of the run's database) and on Redis
 * through a TCP link. The test really stops that Postgres (`pg_ctl stop -m fast`) and starts it
 * again, and cuts the Redis link: /readyz answers 503 naming the failing part within 2 s, every
 * request is answered, and 200 again once it is back. And a wrong REDIS_URL fails closed, in one line.
 */
describe('health and readiness', () => {
  let postgres: PostgresServer
  let appNode: AppNode
  let worker: Awaited<ReturnType<typeof startWorker>>
  let redisLink: RedisLink
  let healthPort: number
  let nodes: { name: string; url: string; output: () => string }[]

  beforeAll(async () => {
    postgres = await startPostgresServer()
    const databaseUri = await postgres.copyDatabase(process.env.DATABASE_URI!, 'readiness')
    redisLink = await startRedisLink(process.env.REDIS_URL)
    healthPort = await freePort()
    const env = { DATABASE_URI: databaseUri, REDIS_URL: redisLink.url }
    ;[appNode, worker] = await Promise.all([
      startAppNode(env),
      startWorker({ ...env, WORKER_HEALTH_PORT: String(healthPort) }),
    ])
    nodes = [
      { name: 'app node', url: appNode.url, output: appNode.child.output },
      { name: 'worker', url: `http://127.0.0.1:${healthPort}`, output: worker.child.output },
    ]
  })

  afterAll(async () => {
    await Promise.all([appNode?.stop(), worker?.stop()])
    await redisLink?.close()
    await postgres?.close()
  })

  const get = async (base: string, pathname: string): Promise<Answer> => {
    const started = performance.now()
    const response = await fetch(`${base}${pathname}`, { signal: AbortSignal.timeout(5000) })
    const text = await response.text()
    return { status: response.status, ms: performance.now() - started, body: JSON.parse(text), text }
  }

  /** Polls /readyz until it answers `status`; every answer along the way came within 2 s. */
  const until = async (base: string, status: number, withinMs: number): Promise<Answer> => {
    const deadline = Date.now() + withinMs
    for (;;) {
      const answer = await get(base, '/readyz')
      expect(answer.ms).toBeLessThan(2000)
      if (answer.status === status || Date.now() > deadline) return answer
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  /** Five probes at once on each node, as several load balancers would send them: each answers within 2 s. */
  const expectUnavailable = async (failing: string[]) => {
    for (const node of nodes) {
      const burst = await Promise.all(Array.from({ length: 5 }, () => get(node.url, '/readyz')))
      for (const answer of burst) {
        expect(answer.ms, node.name).toBeLessThan(2000)
        expect(answer.status, `${node.name}: ${answer.text}`).toBe(503)
        expect(answer.body.failing.sort(), node.name).toEqual(failing)
        // No host, port, user or URL in the answer.
        expect(answer.text).not.toMatch(/127\.0\.0\.1|postgres:\/\/|redis:\/\/|@|5432|6379/)
        expect(answer.text).not.toContain(String(postgres.port))
      }
      expect((await get(node.url, '/healthz')).status, node.name).toBe(200)
    }
  }

  const expectReadyAgain = async () => {
    for (const node of nodes) {
      const back = await until(node.url, 200, 20_000)
      expect(back.status, `${node.name}: ${back.text}`).toBe(200)
    }
  }

  it('answers /healthz 200 and /readyz 200 with each configured part and its latency', async () => {
    for (const node of nodes) {
      const health = await get(node.url, '/healthz')
      expect(health.status, node.name).toBe(200)
      expect(health.body.status).toBe('ok')
      const ready = await until(node.url, 200, 10_000)
      expect(ready.status, `${node.name}: ${ready.text}`).toBe(200)
      expect(ready.body.checks.map((check) => check.name).sort()).toEqual(['postgres', 'redis'])
      expect(ready.body.checks.every((check) => check.ok && check.latencyMs >= 0)).toBe(true)
    }
  })

  it('answers 503 within 2 s naming Postgres while its server is stopped, and 200 once it runs again', async () => {
    // The app node holds pooled connections from its start; the worker polls its job queue.
    expect((await fetch(`${appNode.url}/api/photo-packages?limit=1`)).status).toBe(200)
    await postgres.stop()
    await expectUnavailable(['postgres'])
    // A request that needs the database is answered too (an error, not a hang).
    const started = performance.now()
    const read = await fetch(`${appNode.url}/api/photo-packages?limit=1`, {
      signal: AbortSignal.timeout(10_000),
    })
    const text = await read.text()
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(read.status, text).toBeGreaterThanOrEqual(500)
    expect(text).not.toMatch(/postgres:\/\/|127\.0\.0\.1/)
    await postgres.start()
    await expectReadyAgain()
    // Both processes lived through it and use the database again.
    expect((await fetch(`${appNode.url}/api/photo-packages?limit=1`)).status).toBe(200)
    for (const node of nodes)
      expect(node.output(), node.name).not.toMatch(/Unhandled 'error' event|uncaughtException/)
  }, 90_000)

  it('answers 503 within 2 s naming Redis while it is unreachable, then 200 once back', async () => {
    await redisLink.cut()
    await expectUnavailable(['redis'])
    // ioredis notices the cut on its next reconnect attempt (backoff up to 2 s); restored before
    // that, a loaded machine saw no loss at all to log.
    await expect
      .poll(() => /redis \([^)]+\): connection lost/.test(worker.child.output()), { timeout: 15_000 })
      .toBe(true)

    await redisLink.restore()
    await expectReadyAgain()
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
