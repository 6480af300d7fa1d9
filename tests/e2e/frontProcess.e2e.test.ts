import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, inject, it } from 'vitest'

import { startChild, type StartedChild } from '../support/processes/child'
import { freePort } from '../support/servers/freePort'

const root = path.resolve(import.meta.dirname, '../..')
const databaseUri = inject('e2eDatabaseUri')

/** Running: listed in /proc and not a zombie (an orphan waits there for init to reap it). */
const isAlive = (pid: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z'
  } catch {
    return false
  }
}

const waitFor = async (what: string, done: () => boolean, timeoutMs = 10_000): Promise<number> => {
  const startedAt = Date.now()
  while (!done()) {
    if (Date.now() - startedAt > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return Date.now() - startedAt
}

/** The Unix socket the front's child serves on (server/front.mjs names it after the front's pid). */
const socketOf = (frontPid: number): string => path.join(tmpdir(), `photo-packages-${frontPid}.sock`)

/** `server/front.mjs` on the suite's build, answering; with the pid of its Next.js child. */
const startFront = async (): Promise<{ front: StartedChild; appPid: number; url: string }> => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const front = startChild(process.execPath, ['server/front.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URI: databaseUri,
      PAYLOAD_SECRET: 'e2e-secret',
      SERVER_URL: url,
      ROLE: 'web',
      JOBS_AUTORUN: '0',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    timeoutMs: 10 * 60_000,
    label: `server/front.mjs :${port}`,
    echo: false,
  })
  const pid = front.child.pid!
  await waitFor('the front answers', () => front.output().includes('Photo Packages ready on'), 120_000)
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).map(Number)
  expect(children).toHaveLength(1)
  return { front, appPid: children[0], url }
}

/**
 * The production front (server/front.mjs) and its Next.js child (server/app.mjs) live and die
 * together, so a supervisor that restarts one never leaves the other holding the port or the
 * database, and the child's Unix socket is never served by an orphan.
 */
describe('the production front and its Next.js child', () => {
  let started: Awaited<ReturnType<typeof startFront>> | undefined

  afterEach(async () => {
    await started?.front.stop()
    if (started && isAlive(started.appPid)) process.kill(started.appPid, 'SIGKILL')
    started = undefined
  })

  it('proxies to the child, and stops the child when the front is killed outright', async () => {
    started = await startFront()
    const { front, appPid, url } = started
    const home = await fetch(`${url}/api/packages`)
    expect(home.status).toBe(200)
    expect(isAlive(appPid)).toBe(true)
    expect(existsSync(socketOf(front.child.pid!))).toBe(true)
    process.kill(front.child.pid!, 'SIGKILL')
    const ms = await waitFor('the child stops after the front is SIGKILLed', () => !isAlive(appPid))
    expect(ms).toBeLessThan(10_000)
    // No socket file is left in the temporary directory, one per restart.
    expect(existsSync(socketOf(front.child.pid!))).toBe(false)
  }, 180_000)

  it("logs a client's 4xx at info with its status and message, never at error (the production build logged them at error)", async () => {
    started = await startFront()
    const { front, url } = started
    const login = await fetch(`${url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@photo-packages.local', password: 'admin-demo-pass' }),
    })
    const { token } = (await login.json()) as { token: string }
    // The tester's sample (a bulk PATCH without where), and of its kind Payload's own 403 and 404.
    const answers = [
      await fetch(`${url}/api/photo-packages`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
        body: JSON.stringify({ name: 'Renamed' }),
      }),
      await fetch(`${url}/api/photo-uploads/1`),
      await fetch(`${url}/api/photo-packages/2147483646`, { headers: { authorization: `JWT ${token}` } }),
      // A file no document names (Payload logged "missing on the disk" at error).
      await fetch(`${url}/api/media/file/no-such-file.png`),
    ]
    expect(answers.map((answer) => answer.status)).toEqual([400, 403, 404, 404])
    const messages = await Promise.all(
      answers.map(
        async (answer) => ((await answer.json()) as { errors: { message: string }[] }).errors[0].message,
      ),
    )
    const logged = () =>
      front
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map(
          (line) =>
            JSON.parse(line) as { level: string; msg?: string; status?: number; err?: { status?: number } },
        )
    await waitFor('the refusals are logged', () =>
      messages.every((message) => logged().some((line) => line.msg === message)),
    )
    for (const message of messages) {
      const lines = logged().filter((line) => line.msg === message)
      expect(
        lines.map((line) => line.level),
        message,
      ).toEqual(['info'])
    }
    expect(logged().filter((line) => line.level === 'error' && (line.err?.status ?? 500) < 500)).toEqual([])
  }, 180_000)

  it('exits when its child dies, so the supervisor restarts the pair', async () => {
    started = await startFront()
    const { front, appPid } = started
    process.kill(appPid, 'SIGKILL')
    await waitFor('the front exits after its child died', () => front.child.exitCode !== null)
    expect(front.child.exitCode).not.toBe(0)
    expect(existsSync(socketOf(front.child.pid!))).toBe(false)
  }, 180_000)
})
