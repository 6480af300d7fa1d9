/**
 * `npm run worker`: a job worker (ROLE=worker). Runs queued jobs (generations, maintenance,
 * schedules) and serves no HTTP. Start as many as the provider quota allows; each makes at most
 * GENERATION_CONCURRENCY provider calls at once and holds at most one more generation than that
 * (src/generation/generationLanes.ts), so a burst is shared out among the workers. With
 * REDIS_URL, app nodes (ROLE=web) wake it the moment they queue a generation; without, it looks
 * every GENERATION_POLL_MS (5 s). Prints `Worker <pid> ready (...)` once it listens.
 *
 * Migrations are `npm start`'s job (or `npx payload migrate`): start the workers after it.
 */
process.env.ROLE = 'worker'
// Jobs are what this process is for: JOBS_AUTORUN=0 (a test setting) would leave it idle.
process.env.JOBS_AUTORUN = '1'

// A wrong REDIS_URL stops the worker here with one line naming it (server/requireRedis.mjs).
const { requireRedis } = await import('../server/requireRedis.mjs')
await requireRedis(process.env.REDIS_URL?.trim())

const { getPayload } = await import('payload')
const { default: config } = await import('../payload.config')
const { generationLanes } = await import('../src/generation/generationLanes')
const { sweepStuckGenerations } = await import('../src/generation/sweepStuckGenerations')
const { settings } = await import('../src/lib/settings')
const { closeRedis } = await import('../src/lib/redis')
const { startOpsServer } = await import('../src/ops/healthServer')

// cron: true starts Payload's job pollers (jobs.autoRun) and this process's generation lanes.
const payload = await getPayload({ config, cron: true })
// The worker renders and sends the e-mails: without the public origin their links are wrong.
if (!settings().serverUrl)
  payload.logger.warn(
    'SERVER_URL is not set: links in the e-mails this worker sends will not reach the site.',
  )
const lanes = generationLanes(payload)
if (!lanes) throw new Error('The generation lanes did not start (is the photoPackages plugin disabled?).')
// A worker started to replace one that died takes over its lapsed leases now, not at the
// sweeper's next minute; the conditional requeue keeps two booting workers from both taking one.
await sweepStuckGenerations(payload)
lanes.wake()
// WORKER_HEALTH_PORT: /healthz, /readyz and /metrics (token); METRICS_PORT: /metrics on loopback.
const { workerHealthPort, metricsPort } = settings()
const opsServers = await Promise.all([
  ...(workerHealthPort !== undefined
    ? [startOpsServer(payload, { port: workerHealthPort, host: '0.0.0.0', open: false })]
    : []),
  ...(metricsPort !== undefined
    ? [startOpsServer(payload, { port: metricsPort, host: '127.0.0.1', open: true })]
    : []),
])
const poll = `looking every ${settings().generationPollMs / 1000} s`
console.log(
  `Worker ${process.pid} ready (${lanes.size} generation lanes, ${lanes.woken ? `woken through Redis, and ${poll}` : poll}).`,
)

const stop = async () => {
  // A job cut short here keeps its lease until it lapses; the sweeper then requeues it.
  lanes.stop()
  await Promise.all(opsServers.map((server) => server.close()))
  await payload.destroy().catch(() => undefined)
  await closeRedis()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
export {}
