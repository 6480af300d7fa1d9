import path from 'node:path'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { startChild, type StartedChild } from '../support/processes/child'
import { type RedisLink, startRedisLink } from '../support/servers/redisLink'
import { freePort } from '../support/servers/freePort'

const root = path.resolve(import.meta.dirname, '../..')
const TOKEN = 'front-metrics-token-0123456789'

/**
 * An app node's health, readiness and metrics as the production front serves them (`server/front.mjs` on
 * the suite's build), its Postgres through a TCP link the test cuts.
 */
describe('the front: /healthz, /readyz and /metrics', () => {
  let front: StartedChild
  let link: RedisLink
  let url: string
  let metricsPort: number

  beforeAll(async () => {
    link = await startRedisLink(inject('e2eDatabaseUri'))
    const database = new URL(inject('e2eDatabaseUri'))
    database.port = new URL(link.url).port
    const port = await freePort()
    metricsPort = await freePort()
    url = `http://127.0.0.1:${port}`
    front = startChild(process.execPath, ['server/front.mjs'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URI: database.toString(),
        PAYLOAD_SECRET: 'e2e-secret',
        SERVER_URL: url,
        ROLE: 'web',
        JOBS_AUTORUN: '0',
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        METRICS_TOKEN: TOKEN,
        METRICS_PORT: String(metricsPort),
        NEXT_TELEMETRY_DISABLED: '1',
      },
      timeoutMs: 10 * 60_000,
      label: `server/front.mjs :${port}`,
      echo: false,
    })
    await front.waitForOutput('Photo Packages ready on', 150_000)
    // The child's first catalog read compiles and connects: not part of what is measured here.
    await fetch(`${url}/api/packages?warm=1`, { signal: AbortSignal.timeout(60_000) })
  }, 240_000)

  afterAll(async () => {
    await front?.stop()
    await link?.close()
  })

  const timed = async (pathname: string, init: RequestInit = {}, base = url) => {
    const started = performance.now()
    const response = await fetch(`${base}${pathname}`, { ...init, signal: AbortSignal.timeout(30_000) })
    const text = await response.text()
    return { status: response.status, text, ms: performance.now() - started, headers: response.headers }
  }

  it('answers /healthz from the front and /readyz from the child; 503 within 2 s while Postgres is cut', async () => {
    expect((await timed('/healthz')).status).toBe(200)
    const ready = await timed('/readyz')
    expect(ready.status, ready.text).toBe(200)
    expect(JSON.parse(ready.text).checks.map((check: { name: string }) => check.name)).toEqual(['postgres'])

    await link.cut()
    const down = await Promise.all(Array.from({ length: 3 }, () => timed('/readyz')))
    for (const answer of down) {
      expect(answer.ms).toBeLessThan(2000)
      expect(answer.status, answer.text).toBe(503)
      expect(JSON.parse(answer.text).failing).toEqual(['postgres'])
      expect(answer.text).not.toMatch(/postgres:\/\/|127\.0\.0\.1|@/)
    }
    expect((await timed('/healthz')).status).toBe(200)
    await link.restore()
    const deadline = Date.now() + 15_000
    let back = await timed('/readyz')
    while (back.status !== 200 && Date.now() < deadline) back = await timed('/readyz')
    expect(back.status, back.text).toBe(200)
  }, 60_000)

  it("gives every answer an X-Request-Id: the client's when well formed, else a new UUID", async () => {
    const given = 'lb-trace:1.2_3-abc'
    expect(
      (await timed('/api/packages', { headers: { 'x-request-id': given } })).headers.get('x-request-id'),
    ).toBe(given)
    for (const bad of ['x'.repeat(129), 'two words', 'a"b']) {
      const answer = await timed('/healthz', { headers: { 'x-request-id': bad } })
      expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    }
    expect((await timed('/readyz')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('serves /metrics with the token (front and child merged), and on the loopback METRICS_PORT', async () => {
    expect((await timed('/metrics')).status).toBe(401)
    expect(
      (await timed('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status,
    ).toBe(401)
    const scrape = () => timed('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })
    /** A sample's value in a scrape (0 when absent), by its exact name and labels. */
    const value = (text: string, series: string) =>
      Number(
        text
          .split('\n')
          .find((line) => line.startsWith(`${series} `))
          ?.split(' ')[1] ?? 0,
      )
    const packages =
      'http_request_duration_seconds_count{method="GET",route="/api/packages",status_code="200",component="front"}'
    const hits = 'photo_packages_catalog_copy_lookups_total{result="hit",component="front"}'
    const misses = 'photo_packages_catalog_copy_lookups_total{result="miss",component="front"}'
    const before = await scrape()
    expect(before.status).toBe(200)
    // A catalog read three times: the first fills the front's copy (miss), the others are hits.
    for (let i = 0; i < 3; i++) expect((await timed('/api/packages?probe=metrics')).status).toBe(200)
    const after = await scrape()
    expect(value(after.text, packages) - value(before.text, packages)).toBe(3)
    expect(value(after.text, hits) - value(before.text, hits)).toBe(2)
    expect(value(after.text, misses) - value(before.text, misses)).toBe(1)
    expect(after.text).toMatch(/^process_cpu_user_seconds_total\{component="front"\} /m)
    expect(after.text).toMatch(/^process_cpu_user_seconds_total\{component="app"\} /m)
    expect(after.text).toMatch(/^photo_packages_generation_queue_depth\{component="app"\} \d+$/m)
    expect(
      value(
        after.text,
        'http_request_duration_seconds_count{method="GET",route="/readyz",status_code="503",component="front"}',
      ),
    ).toBe(3)
    const loopback = await timed('/metrics', {}, `http://127.0.0.1:${metricsPort}`)
    expect(loopback.status).toBe(200)
    expect(loopback.text).toContain('component="app"')
    // The child's own /metrics is the front's alone: a client's request to it never reaches the child.
    const forged = await timed('/metrics', { headers: { 'x-photo-packages-internal': 'guess' } })
    expect(forged.status).toBe(401)
  }, 60_000)
})
