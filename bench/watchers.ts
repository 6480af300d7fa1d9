import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { startFakeGemini } from '../tests/fakes/geminiServer'
import { startWorker } from '../tests/support/processes/appNodes'
import { type OpenStream, openProgressStream } from '../tests/support/clients/progressStream'

import { childPids, ownPeakRssMiB, percentile, startProductionApp } from './support'

const LATENCY_MS = Number(process.env.BENCH_PROVIDER_LATENCY_MS ?? 1000)
const SHOOTS = Number(process.env.BENCH_WATCHER_SHOOTS ?? 100)
const CUSTOMERS = 20
const COUNTS = (process.env.BENCH_WATCHERS ?? '10,100,1000').split(',').map(Number)
/** PG 15 flushes a backend's counters at most once a second, and an idle one's within 10 s. */
const STATS_SETTLE_MS = 11_000
const TERMINAL = ['succeeded', 'partially_succeeded', 'failed', 'blocked']

const rssMiB = (pid: number): number => {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
    return match ? Math.round(Number(match[1]) / 1024) : 0
  } catch {
    return 0
  }
}

/**
 * Live progress at scale (issue 25): the production front (server/front.mjs and its Next child, ROLE=web)
 * and one `npm run worker` on a fresh database, Redis pub/sub, the fake Gemini at
 * BENCH_PROVIDER_LATENCY_MS (1000). For each N of BENCH_WATCHERS (10, 100, 1000): BENCH_WATCHER_SHOOTS
 * (100) shoots of 20 customers, requested at once, and N SSE streams through the front spread over
 * them. Per N: the database's transactions (pg_stat_database xact_commit + xact_rollback) during
 * the burst, per second and per shoot (read after the counters settle); the delay from an event's
 * insert in the worker's transaction (just before its commit) to its arrival at the client,
 * p50/p95, over the events that arrived live (not the state each stream opened with); failed
 * streams (not 200, or ended before the closing event); the front's and the Next child's RSS
 * with all N streams open; the load average.
 */
export const benchWatchers = async () => {
  const gemini = await startFakeGemini({ latencyMs: LATENCY_MS, imageEdge: 256 })
  const media = mkdtempSync(path.join(tmpdir(), 'pp-bench-watchers-'))
  const extra = {
    ROLE: 'web',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `pp-bench-${randomUUID().slice(0, 8)}:`,
    GEMINI_API_KEY: 'fake-gemini-key',
    GEMINI_BASE_URL: gemini.url,
    // Eight lanes: a worker's lane holds up to two pooled connections while it claims a job.
    GENERATION_CONCURRENCY: '8',
    STREAMS_PER_CUSTOMER: '1000',
    STREAMS_PER_NODE: '5000',
    MEDIA_DIR: path.join(media, 'media'),
    PRIVATE_MEDIA_DIR: path.join(media, 'private'),
  }
  const app = await startProductionApp('pp_bench_watchers', extra)
  Object.assign(process.env, { ...extra, DATABASE_URI: app.database.uri, PAYLOAD_SECRET: 'bench-secret' })
  const { testPayload } = await import('../tests/support/app/payload')
  const { ApiClient } = await import('../tests/support/clients/client')
  const { uploadPhoto } = await import('../tests/support/fixtures/generation')
  const { portraitJpeg } = await import('../tests/support/fixtures/images')
  const { closeRedis } = await import('../src/lib/redis')
  const payload = await testPayload()
  const worker = await startWorker({
    ...extra,
    ROLE: 'worker',
    DATABASE_URI: app.database.uri,
    DATABASE_POOL_MAX: '24',
    JOBS_AUTORUN: '1',
  })
  const stats = new pg.Client({ connectionString: app.database.uri })
  await stats.connect()
  const transactions = async () =>
    Number(
      (
        await stats.query(
          'select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()',
        )
      ).rows[0].n,
    )
  try {
    const theme = (
      await payload.find({
        collection: 'package-themes',
        where: { name: { equals: 'Garden Romance' } },
        limit: 1,
      })
    ).docs[0]
    const photo = await portraitJpeg()
    // The first account of a database becomes its admin: not one of the customers.
    if ((await payload.count({ collection: 'users' })).totalDocs === 0)
      await payload.create({
        collection: 'users',
        data: { email: 'bench-admin@example.com', password: 'bench-admin-pass', role: 'admin' },
      })
    const customers: { token: string; uploadId: number }[] = []
    for (let i = 0; i < CUSTOMERS; i++) {
      const email = `bench-watcher-${Date.now()}-${i}@example.com`
      const user = await payload.create({
        collection: 'users',
        data: { email, password: 'customer-pass-1', role: 'customer' },
      })
      await payload.create({
        collection: 'credit-adjustments',
        data: { user: user.id, amount: 40, reason: 'Benchmark budget' },
      })
      const { token } = await payload.login({
        collection: 'users',
        data: { email, password: 'customer-pass-1' },
      })
      const client = new ApiClient(app.base)
      client.token = token!
      const upload = await uploadPhoto(client, photo)
      if (upload.status !== 201) throw new Error(`upload answered ${upload.status}`)
      // No face check per portrait: this bench measures the progress path, not the worker's CPU.
      await payload.update({
        collection: 'photo-uploads',
        id: upload.body.doc.id,
        data: { faces: null },
        overrideAccess: true,
      })
      customers.push({ token: token!, uploadId: upload.body.doc.id })
    }
    const tokenOf = new Map<number, string>()
    const shoot = async (index: number) => {
      const customer = customers[index % CUSTOMERS]
      const response = await fetch(`${app.base}/api/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `JWT ${customer.token}` },
        body: JSON.stringify({
          packageSlug: 'wedding-portraits',
          themeId: theme.id,
          uploadId: customer.uploadId,
          portraitType: 'single',
        }),
      })
      const body = await response.json()
      if (response.status !== 202)
        throw new Error(`generate answered ${response.status}: ${JSON.stringify(body)}`)
      tokenOf.set(body.generationId, customer.token)
      return { id: body.generationId as number, token: customer.token }
    }

    const round = async (watchers: number) => {
      const before = await transactions()
      const started = Date.now()
      const shoots = await Promise.all(Array.from({ length: SHOOTS }, (_, i) => shoot(i)))
      const streams: { stream: OpenStream | null; generation: number }[] = []
      // Opened 50 at a time, as pages open over a moment, spread evenly over the shoots.
      for (let i = 0; i < watchers; i += 50) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(50, watchers - i) }, async (_, j) => {
            const target = shoots[(i + j) % shoots.length]
            const stream = await openProgressStream(
              `${app.base}/api/generations/${target.id}/events`,
              target.token,
            ).catch(() => null)
            return { stream, generation: target.id }
          }),
        )
        streams.push(...batch)
      }
      const allOpenMs = Date.now() - started
      const nextPid = childPids(app.server.pid as number)[0]
      const rssWhileOpen = { front: rssMiB(app.server.pid as number), next: nextPid ? rssMiB(nextPid) : 0 }
      await Promise.all(streams.map(({ stream }) => stream?.ended))
      // With fewer streams than shoots some shoots have none: the burst lasts until every one closed
      // (one look a second: about one transaction a second of the figures is this bench's own).
      const ids = shoots.map((s) => s.id)
      const open = 'select count(*)::int as n from generations where id = any($1) and finished_at is null'
      while ((await stats.query(open, [ids])).rows[0].n > 0)
        await new Promise((resolve) => setTimeout(resolve, 1000))
      const burstMs = Date.now() - started
      const load = loadavg().map((n) => +n.toFixed(2))
      await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS))
      const during = (await transactions()) - before
      const ended = streams.filter(
        ({ stream }) => stream && TERMINAL.includes(String(stream.messages.at(-1)?.view.status)),
      ).length
      // The live events: every one after the first each stream received (that one is the opening state).
      const { rows } = await stats.query(
        'select generation_id, seq, created_at from generation_events where generation_id = any($1)',
        [ids],
      )
      const insertedAt = new Map(
        rows.map((row) => [`${row.generation_id}:${row.seq}`, new Date(row.created_at).getTime()]),
      )
      const delays: number[] = []
      for (const { stream, generation } of streams)
        for (const message of stream?.messages.slice(1) ?? []) {
          const at = insertedAt.get(`${generation}:${message.seq}`)
          if (at !== undefined) delays.push(message.at - at)
        }
      return {
        watchers,
        shoots: SHOOTS,
        burstSeconds: +(burstMs / 1000).toFixed(1),
        allStreamsOpenAfterMs: allOpenMs,
        databaseTransactions: during,
        transactionsPerSecond: Math.round(during / (burstMs / 1000)),
        transactionsPerShoot: +(during / SHOOTS).toFixed(1),
        eventsRecorded: rows.length,
        liveEventsDelivered: delays.length,
        delayMs: { p50: Math.round(percentile(delays, 50)), p95: Math.round(percentile(delays, 95)) },
        failedStreams: watchers - ended,
        rssMiBWhileOpen: rssWhileOpen,
        loadAverage: load,
      }
    }

    // Unmeasured: the first shoots warm the Next routes, the worker and the connection pools.
    await round(10)
    // What opening one stream costs the database (owner check, latest event, the session's user),
    // and what the idle app and worker cost meanwhile: 50 streams of closed shoots (each gets the
    // closing event and ends) against an idle window of the same length.
    const settled = async (work: () => Promise<void>) => {
      const before = await transactions()
      await work()
      await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS))
      return (await transactions()) - before
    }
    const closed = [...tokenOf.keys()].slice(0, 50)
    const idle = await settled(async () => undefined)
    const opened = await settled(async () => {
      await Promise.all(
        closed.map(async (id) => {
          const stream = await openProgressStream(
            `${app.base}/api/generations/${id}/events`,
            tokenOf.get(id)!,
          )
          await stream.ended
        }),
      )
    })
    const openingTransactions = +((opened - idle) / closed.length).toFixed(2)
    const runs = []
    for (const watchers of COUNTS) {
      const result = await round(watchers)
      const beyondOpenings = result.databaseTransactions - watchers * openingTransactions
      const withBaseline = {
        ...result,
        transactionsPerSecondBeyondOpenings: Math.round(beyondOpenings / result.burstSeconds),
      }
      console.log(JSON.stringify(withBaseline))
      runs.push(withBaseline)
    }
    const nextPid = childPids(app.server.pid as number)[0]
    return {
      providerLatencyMs: LATENCY_MS,
      openingTransactionsPerStream: openingTransactions,
      idleTransactionsPer11s: idle,
      runs,
      peakRssMiB: {
        front: ownPeakRssMiB(app.server.pid as number),
        next: nextPid ? ownPeakRssMiB(nextPid) : 0,
        worker: ownPeakRssMiB(worker.child.child.pid as number),
      },
    }
  } finally {
    await stats.end().catch(() => undefined)
    await worker.stop()
    await payload.destroy().catch(() => undefined)
    await closeRedis()
    await app.stop()
    await gemini.close()
    rmSync(media, { recursive: true, force: true })
  }
}
