/**
 * A separate worker process for the crash test: runs one generation's job against the
 * database in DATABASE_URI, so the test can kill it mid-job with SIGKILL.
 *
 * A ref'd timer holds the event loop open while the config and Payload load: once, on CI,
 * this process exited 13 (a top-level await left unsettled with an empty event loop) before
 * claiming the job. Imports are dynamic so the timer starts first; each step is logged to
 * stderr so the test can say where a worker stopped.
 */
const keepAlive = setInterval(() => undefined, 60_000)
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
clearInterval(keepAlive)
process.exit(0)
export {}
