import http from 'node:http'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { startChild, type StartedChild } from '../support/processes/child'
import { freePort } from '../support/servers/freePort'

const root = path.resolve(import.meta.dirname, '../..')
const databaseUri = inject('e2eDatabaseUri')
const appUrl = inject('appUrl')

/** Status, content type and JSON body: what a client sees of a refusal. */
const seen = async (response: Response) => ({
  status: response.status,
  type: response.headers.get('content-type'),
  nosniff: response.headers.get('x-content-type-options'),
  body: await response.json(),
})

/**
 * `npm run dev` (scripts/dev.mjs) runs the same front as production (server/front.mjs, with
 * `--dev`) in front of `next dev`: a request the front refuses in production is refused alike in
 * development, instead of reaching Next (whose dev server answers a malformed path with a 500).
 */
describe('npm run dev: the front before next dev', () => {
  let dev: StartedChild
  let devUrl: string

  beforeAll(async () => {
    const port = await freePort()
    devUrl = `http://127.0.0.1:${port}`
    dev = startChild(process.execPath, ['scripts/dev.mjs'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URI: databaseUri,
        PAYLOAD_SECRET: 'e2e-secret',
        JOBS_AUTORUN: '0',
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      timeoutMs: 15 * 60_000,
      label: `npm run dev :${port}`,
      echo: false,
    })
    await dev.waitForOutput('Photo Packages ready on', 240_000)
  })

  afterAll(async () => {
    await dev?.stop()
  })

  it('answers a malformed path with the same 400 as production', async () => {
    for (const target of ['/api/packages/%ff%fe', '/api/generations/%E0%A4%A', '/packages/%ff%fe']) {
      const inDev = await seen(await fetch(`${devUrl}${target}`))
      expect(inDev, target).toMatchObject({
        status: 400,
        body: { error: 'The path has invalid percent-encoding.', field: 'path' },
      })
      expect(inDev, target).toEqual(await seen(await fetch(`${appUrl}${target}`)))
    }
  })

  it('refuses TRACE and a stray form post to a page as production does', async () => {
    // fetch refuses to send TRACE, so node:http sends it, as any other client can.
    const trace = (url: string) =>
      new Promise<{ status?: number; allow?: string; body: string }>((resolve, reject) => {
        const request = http.request(url, { method: 'TRACE' }, (response) => {
          let body = ''
          response.on('data', (chunk) => (body += chunk))
          response.on('end', () =>
            resolve({ status: response.statusCode, allow: String(response.headers.allow ?? ''), body }),
          )
        })
        request.on('error', reject)
        request.end()
      })
    const traced = await trace(`${devUrl}/api/packages`)
    expect(traced.status).toBe(405)
    expect(traced).toEqual(await trace(`${appUrl}/api/packages`))

    const form = { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'garbage' }
    const inDev = await seen(await fetch(`${devUrl}/login`, form))
    expect(inDev.status).toBe(400)
    expect(inDev).toEqual(await seen(await fetch(`${appUrl}/login`, form)))
  })

  it("passes the hot-reload WebSocket through to next dev (production's front takes no upgrade)", async () => {
    const upgraded = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.request(`${devUrl}/_next/hmr`, {
        headers: {
          origin: devUrl,
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': Buffer.alloc(16, 7).toString('base64'),
        },
      })
      request.on('upgrade', (response, socket) => {
        socket.destroy()
        resolve(response.statusCode)
      })
      request.on('response', (response) => {
        response.resume()
        resolve(response.statusCode)
      })
      request.on('error', reject)
      request.setTimeout(120_000, () => request.destroy(new Error('no answer to the upgrade')))
      request.end()
    })
    expect(upgraded).toBe(101)
  }, 150_000)

  it('passes everything else on to next dev, and keeps no copies', async () => {
    const packages = await fetch(`${devUrl}/api/packages`, { signal: AbortSignal.timeout(280_000) })
    expect(packages.status).toBe(200)
    expect((await packages.json()).packages.length).toBeGreaterThan(0)
    expect(packages.headers.get('surrogate-control')).toBeNull()
    expect(packages.headers.get('cache-status')).toBeNull()
  }, 300_000)
})
