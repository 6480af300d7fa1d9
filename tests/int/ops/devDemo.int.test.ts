import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { portraitJpeg } from '../../support/fixtures/images'
import { startChild, type StartedChild } from '../../support/processes/child'
import { freePort } from '../../support/servers/freePort'

const root = path.resolve(import.meta.dirname, '../../..')

/** A request as written, byte for byte (no Host at all is what fetch and node:http never send), read to the close. */
const raw = (port: number, head: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head))
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
    socket.setTimeout(280_000, () => socket.destroy(new Error(`no answer to ${head.split('\r\n')[0]}`)))
  })

/** The public catalog's package names under `host` ('' sends an empty Host; null none, over HTTP/1.0). */
const catalogAt = async (port: number, host: string | null): Promise<{ status: number; names: string[] }> => {
  const answer =
    host === null
      ? await raw(port, 'GET /api/packages HTTP/1.0\r\n\r\n')
      : await new Promise<string>((resolve, reject) => {
          // setHost false: node:http would otherwise fill an empty Host in itself.
          const request = http.request(
            {
              host: '127.0.0.1',
              port,
              path: '/api/packages',
              setHost: false,
              headers: { host },
              agent: false,
            },
            (response) => {
              let body = ''
              response.setEncoding('utf8')
              response.on('data', (chunk: string) => (body += chunk))
              response.on('end', () => resolve(`HTTP/1.1 ${response.statusCode} \r\n\r\n${body}`))
            },
          )
          request.on('error', reject)
          request.setTimeout(280_000, () => request.destroy(new Error(`no answer under Host ${host}`)))
          request.end()
        })
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1])
  const body = answer.slice(answer.indexOf('\r\n\r\n') + 4)
  return {
    status,
    names: status === 200 ? JSON.parse(body).packages.map((p: { name: string }) => p.name) : [],
  }
}

/**
 * `npm run dev` as a newcomer runs it (embedded SQLite, seeded on first start: the default studio
 * on every host no studio claims, Harbor Light on 127.0.0.1), on a PORT other than 3000. The front
 * (server/front.mjs --dev) proxies to `next dev` on a loopback port of its own; the request to it
 * always carries a Host, Node's own (127.0.0.1:<port>) when the client sent none.
 */
describe('npm run dev on the demo, on a port of its own', { timeout: 15 * 60_000 }, () => {
  let dev: StartedChild
  let port: number
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pp-dev-demo-'))
    port = await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      SQLITE_URL: `file:${path.join(dir, 'demo.db')}`,
      MEDIA_DIR: path.join(dir, 'media'),
      PRIVATE_MEDIA_DIR: path.join(dir, 'private-media'),
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
    }
    // What a newcomer has not set: no Postgres, Redis, SMTP, public origin or platform domain.
    for (const name of [
      'DATABASE_URI',
      'SERVER_URL',
      'REDIS_URL',
      'SMTP_HOST',
      'SMTP_PORT',
      'PLATFORM_DOMAIN',
      'TRUST_PROXY',
      'JOBS_AUTORUN',
      'PAYLOAD_SECRET',
    ])
      delete env[name]
    dev = startChild(process.execPath, ['scripts/dev.mjs'], {
      cwd: root,
      env,
      timeoutMs: 15 * 60_000,
      label: `npm run dev :${port}`,
      echo: false,
    })
    await dev.waitForOutput('Photo Packages ready on', 600_000)
  }, 15 * 60_000)

  afterAll(async () => {
    await dev?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('serves a request with an empty or no Host as the default studio, not the one claiming 127.0.0.1', async () => {
    const first = await catalogAt(port, `localhost:${port}`)
    expect(first.status, dev.output().slice(-3000)).toBe(200)
    const harbor = await catalogAt(port, `127.0.0.1:${port}`)
    expect(harbor.status).toBe(200)
    expect(harbor.names).not.toEqual(first.names)
    expect(await catalogAt(port, null)).toEqual(first)
    expect(await catalogAt(port, '')).toEqual(first)
  }, 300_000)

  it("links each studio's e-mails to its site at the port the dev server serves on", async () => {
    const signUp = async (host: string, email: string) => {
      const body = JSON.stringify({ email, password: 'dev-demo-pass-4471' })
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/api/users',
            method: 'POST',
            headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
            agent: false,
          },
          (response) => {
            response.resume()
            response.on('end', () => resolve(response.statusCode))
          },
        )
        request.on('error', reject)
        request.end(body)
      })
      expect(status, `${host} ${email}`).toBe(201)
    }
    const run = Date.now().toString(36)
    await signUp(`localhost:${port}`, `dev-first-${run}@example.com`)
    await signUp(`127.0.0.1:${port}`, `dev-harbor-${run}@example.com`)
    // Without SMTP the mail is logged, its text with it (src/lib/email.ts); the queue runs every 5 s.
    await expect
      .poll(() => dev.output(), { timeout: 120_000, interval: 1000 })
      .toContain(`http://127.0.0.1:${port}/verify?token=`)
    await expect
      .poll(() => dev.output(), { timeout: 120_000, interval: 1000 })
      .toContain(`http://localhost:${port}/verify?token=`)
    expect(dev.output()).not.toMatch(/http:\/\/(localhost|127\.0\.0\.1):3000\/verify/)
  }, 300_000)

  it('logs the password reset mail with its link: Payload builds it as HTML only', async () => {
    const email = `dev-reset-${Date.now().toString(36)}@example.com`
    const json = { 'content-type': 'application/json' }
    const base = `http://127.0.0.1:${port}`
    const signUp = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email, password: 'dev-demo-pass-4471' }),
    })
    expect(signUp.status).toBe(201)
    const forgot = await fetch(`${base}/api/users/forgot-password`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email }),
    })
    expect(forgot.status).toBe(200)
    await expect
      .poll(() => dev.output(), { timeout: 120_000, interval: 1000 })
      .toContain(`${base}/reset-password?token=`)
  }, 300_000)

  it('deletes a document once when deletes arrive at once on SQLite: the others are 404, never 500', async () => {
    const base = `http://127.0.0.1:${port}`
    const login = await fetch(`${base}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@photo-packages.local', password: 'admin-demo-pass' }),
    })
    expect(login.status).toBe(200)
    const headers = { authorization: `JWT ${((await login.json()) as { token: string }).token}` }
    const image = await portraitJpeg()
    for (let round = 0; round < 3; round++) {
      // Media: a document with files, which Payload deleted twice (a 500) when two deletes raced.
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), `dev-twice-${round}.jpg`)
      form.append('_payload', JSON.stringify({ alt: `Deleted at once ${round}` }))
      const created = await fetch(`${base}/api/media`, { method: 'POST', headers, body: form })
      expect(created.status, await created.clone().text()).toBe(201)
      const { doc } = (await created.json()) as { doc: { id: number } }
      const answers = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const response = await fetch(`${base}/api/media/${doc.id}`, { method: 'DELETE', headers })
          return { status: response.status, text: await response.text() }
        }),
      )
      expect(
        answers.map((answer) => answer.status).sort(),
        answers.map((answer) => answer.text.slice(0, 300)).join('\n'),
      ).toEqual([200, 404, 404, 404])
    }
  }, 300_000)

  it('keeps every session when sign-ins to one account arrive at once on SQLite', async () => {
    const base = `http://127.0.0.1:${port}`
    const signIn = async () => {
      const response = await fetch(`${base}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Staff sign in at any studio's host (the demo customer is the default studio's, not 127.0.0.1's).
        body: JSON.stringify({ email: 'admin@photo-packages.local', password: 'admin-demo-pass' }),
      })
      return { status: response.status, token: ((await response.json()) as { token?: string }).token }
    }
    const answers = await Promise.all(Array.from({ length: 5 }, signIn))
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200])
    const seen = await Promise.all(
      answers.map(async ({ token }) => {
        const me = await fetch(`${base}/api/users/me`, { headers: { authorization: `JWT ${token}` } })
        return ((await me.json()) as { user: { email: string } | null }).user?.email ?? null
      }),
    )
    expect(seen).toEqual(answers.map(() => 'admin@photo-packages.local'))
  }, 300_000)
})
