/**
 * A separate worker process for the crash test: runs one generation's job against the
 * database in DATABASE_URI, so the test can kill it mid-job with SIGKILL.
 *
 * Each step is logged to stderr so the test can say where a worker stopped. No keep-alive
 * timer: a top-level await that can never settle must exit 13 at once, not hang.
 */
const step = (message: string) => process.stderr.write(`worker ${process.pid}: ${message}\n`)

step('loading config')
const { default: config } = await import('@payload-config')
const { getPayload } = await import('payload')
const { runGeneration } = await import('@/generation/runGeneration')
step('starting Payload')
const payload = await getPayload({ config })
step('running the generation')
const outcome = await runGeneration(payload, Number(process.argv[2]))
step(`finished: ${outcome}`)
process.exit(0)
export {}
