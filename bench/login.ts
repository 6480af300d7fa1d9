/**
 * Sign-in and sign-up timings that must not tell whether an address is registered: a wrong
 * password for a registered address against one for an unknown address (hashed against a dummy),
 * the right password beside them, a sign-in with the chosen password to an account whose sign-up link
 * was never opened (it must look like a wrong password), and a sign-up of a new address against one
 * of a taken address.
 * A fresh Postgres database (migrated and seeded); Payload's REST handler behind the request guard
 * in a child process; each attempt from its own client address (no limit answers first).
 * BENCH_LOGIN_RUNS rounds (default 20), interleaved. Medians and p90 in ms; measured, not asserted.
 *
 *   npx tsx bench/login.ts               (alone)
 *   BENCH_ONLY=login npm run bench
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { bootstrappedDatabase, measureInChild, percentile } from './support'

const RESULT_PREFIX = 'BENCH_LOGIN_RESULT '

type Figures = Record<string, { p50: number; p90: number; status: number }>

/** The measuring side, in its own process (config and Payload are module singletons). */
const measure = async (runs: number): Promise<Figures> => {
  const { testPayload } = await import('../tests/support/app/payload')
  const { startRestServer } = await import('../tests/support/app/restServer')
  const payload = await testPayload()
  const server = await startRestServer()
  let client = 0
  const post = async (pathname: string, body: unknown) => {
    const started = performance.now()
    const response = await fetch(`${server.url}${pathname}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-photo-packages-client': `198.18.${++client >> 8}.${client & 255}`,
      },
      body: JSON.stringify(body),
    })
    await response.arrayBuffer()
    return { ms: performance.now() - started, status: response.status }
  }
  try {
    const email = `bench-login-${Date.now()}@example.com`
    await payload.create({
      collection: 'users',
      data: { email, password: 'bench-login-pass-1', role: 'customer' },
    })
    // Signed up over REST and never confirmed: its sign-in must answer like a wrong password.
    const waiting = `bench-waiting-${Date.now()}@example.com`
    await post('/api/users', { email: waiting, password: 'bench-waiting-pass-1' })
    const cases: Record<string, (round: number) => Promise<{ ms: number; status: number }>> = {
      'sign-in, registered, wrong password': () =>
        post('/api/users/login', { email, password: 'wrong-pass-1' }),
      'sign-in, unknown address': (round) =>
        post('/api/users/login', {
          email: `nobody-${round}-${Date.now()}@example.com`,
          password: 'wrong-pass-1',
        }),
      'sign-in, link not opened, chosen password': () =>
        post('/api/users/login', { email: waiting, password: 'bench-waiting-pass-1' }),
      'sign-in, registered, right password': () =>
        post('/api/users/login', { email, password: 'bench-login-pass-1' }),
      'sign-up, new address': (round) =>
        post('/api/users', {
          email: `bench-new-${round}-${Date.now()}@example.com`,
          password: 'bench-sign-up-9',
        }),
      'sign-up, taken address': () => post('/api/users', { email, password: 'bench-sign-up-9' }),
    }
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
    const statuses: Record<string, number> = {}
    // One warm-up round, then `runs` rounds with the cases interleaved (machine load hits all alike).
    for (let round = -1; round < runs; round++) {
      for (const [name, run] of Object.entries(cases)) {
        const { ms, status } = await run(round)
        statuses[name] = status
        if (round >= 0) samples[name].push(ms)
      }
    }
    return Object.fromEntries(
      Object.entries(samples).map(([name, values]) => [
        name,
        {
          p50: +percentile(values, 50).toFixed(1),
          p90: +percentile(values, 90).toFixed(1),
          status: statuses[name],
        },
      ]),
    )
  } finally {
    await server.close()
  }
}

/** Creates its own database, measures in a child process, drops the database. */
export async function benchLogin(): Promise<Figures> {
  const database = await bootstrappedDatabase('pp_bench_login')
  try {
    return measureInChild<Figures>('bench/login.ts', database.env, {
      childFlag: 'BENCH_LOGIN_CHILD',
      resultPrefix: RESULT_PREFIX,
      timeoutMs: 20 * 60_000,
    })
  } finally {
    await database.dispose()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.env.BENCH_LOGIN_CHILD) {
    console.log(
      `${RESULT_PREFIX}${JSON.stringify(await measure(Number(process.env.BENCH_LOGIN_RUNS ?? 20)))}`,
    )
  } else {
    console.table(await benchLogin())
  }
  process.exit(0)
}
