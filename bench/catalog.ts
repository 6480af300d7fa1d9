import { spawn } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { createFreshDatabase, dropDatabase } from '../tests/support/database'

import { load, type LoadResult, peakRssMiB, run, waitForHttp } from './support'

const root = path.resolve(import.meta.dirname, '..')

/**
 * The catalog under load: the production build on a fresh seeded Postgres database, the
 * cached catalog endpoints and Payload's own uncached find, against a bare node:http
 * server that returns the same JSON bytes, all in the same run.
 */
export const benchCatalog = async () => {
  const { name, uri } = await createFreshDatabase('pp_bench')
  const port = 3900 + Math.floor(Math.random() * 50)
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    DATABASE_URI: uri,
    PAYLOAD_SECRET: 'bench-secret',
    JOBS_AUTORUN: '0',
    SEED_ADMIN_PASSWORD: 'bench-admin-pass',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
  }
  await run('npx', ['payload', 'migrate'], env)
  await run('npx', ['tsx', 'scripts/seed.ts'], env)
  if (!process.env.BENCH_SKIP_BUILD) await run('npx', ['next', 'build'], env)
  const server = spawn(process.execPath, ['server.mjs'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  const base = `http://127.0.0.1:${port}`
  const bare = http.createServer()
  try {
    await waitForHttp(`${base}/api/packages`, 120_000, server)
    const listBody = Buffer.from(await (await fetch(`${base}/api/packages`)).arrayBuffer())
    bare.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': listBody.length })
      res.end(listBody)
    })
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`
    const results: LoadResult[] = []
    results.push(await load('bare node:http (same JSON bytes)', bareUrl))
    results.push(await load('GET /api/packages (cached)', `${base}/api/packages`))
    results.push(await load('GET /api/packages/wedding-portraits (cached)', `${base}/api/packages/wedding-portraits`))
    results.push(await load("Payload's GET /api/photo-packages?depth=1 (uncached)", `${base}/api/photo-packages?depth=1`))
    const [bareResult, list, single, payloadFind] = results
    return {
      results,
      ratios: {
        cachedListVsBare: +(list.requestsPerSecond / bareResult.requestsPerSecond).toFixed(3),
        cachedSingleVsBare: +(single.requestsPerSecond / bareResult.requestsPerSecond).toFixed(3),
        cachedListVsPayloadFind: +(list.requestsPerSecond / Math.max(payloadFind.requestsPerSecond, 1)).toFixed(2),
      },
      appPeakRssMiB: server.pid ? peakRssMiB(server.pid) : null,
    }
  } finally {
    bare.close()
    if (server.pid) process.kill(-server.pid, 'SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await dropDatabase(name).catch(() => undefined)
  }
}
