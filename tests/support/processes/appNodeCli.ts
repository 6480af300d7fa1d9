/**
 * Another app node for multi-node tests: Payload's REST API on a random loopback port, in
 * its own process, against the DATABASE_URI / REDIS_URL / REDIS_PREFIX it was given. Prints
 * `APP_NODE <url>` once it answers, then serves until its process group is stopped.
 *
 * With APP_NODE_RUNS_JOBS=1 it starts Payload's job pollers as the Next.js route does (`cron:
 * true`), so with ROLE=all and JOBS_AUTORUN=1 it runs jobs too, as `npm start` does.
 *
 * No keep-alive timer while booting: a top-level await that can never settle must exit 13 at
 * once (the starter then tries again), not hang. The listening server keeps the process up.
 */
const { testPayload } = await import('../app/payload')
const { startRestServer } = await import('../app/restServer')
const payload = await testPayload()
if (process.env.APP_NODE_RUNS_JOBS === '1') {
  const { getPayload } = await import('payload')
  await getPayload({ config: payload.config, cron: true })
}
const server = await startRestServer()
process.stdout.write(`APP_NODE ${server.url}\n`)
process.on('SIGTERM', () => {
  void server.close().finally(() => process.exit(0))
})

export {}
