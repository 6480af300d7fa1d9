/**
 * `npm run worker`: a job worker (ROLE=worker). Runs queued jobs (generations, maintenance,
 * schedules) and serves no HTTP. Start as many as the provider quota allows; each makes at most
 * GENERATION_CONCURRENCY provider calls at once. With REDIS_URL, app nodes (ROLE=web) wake it
 * the moment they queue a generation; without, it polls every 5 s. Prints
 * `Worker <pid> ready (...)` once it listens.
 *
 * Migrations are `npm start`'s job (or `npx payload migrate`): start the workers after it.
 */
process.env.ROLE = 'worker'
// Jobs are what this process is for: JOBS_AUTORUN=0 (a test setting) would leave it idle.
process.env.JOBS_AUTORUN = '1'

const { getPayload } = await import('payload')
const { default: config } = await import('../payload.config')
const { QUEUES } = await import('../src/plugin/queues')
const { listenForQueuedGenerations } = await import('../src/generation/wakeWorkers')
const { sweepStuckGenerations } = await import('../src/generation/sweepStuckGenerations')
const { closeRedis } = await import('../src/lib/redis')

// cron: true starts Payload's job pollers (jobs.autoRun) in this process.
const payload = await getPayload({ config, cron: true })
// The worker renders and sends the e-mails: without the public origin their links are wrong.
if (!process.env.SERVER_URL)
  payload.logger.warn(
    'SERVER_URL is not set: links in the e-mails this worker sends will not reach the site.',
  )
const runQueued = () => payload.jobs.run({ queue: QUEUES.generation, limit: 10 })
const woken = await listenForQueuedGenerations(payload, runQueued)
// A worker started to replace one that died takes over its lapsed leases now, not at the
// sweeper's next minute; the conditional requeue keeps two booting workers from both taking one.
await sweepStuckGenerations(payload)
await runQueued()
console.log(
  `Worker ${process.pid} ready (${woken ? 'woken through Redis, and polling every 5 s' : 'polling every 5 s'}).`,
)

const stop = async () => {
  // A job cut short here keeps its lease until it lapses; the sweeper then requeues it.
  await payload.destroy().catch(() => undefined)
  await closeRedis()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
export {}
