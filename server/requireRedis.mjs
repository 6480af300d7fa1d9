/**
 * Fail closed on a wrong REDIS_URL: before anything serves or runs jobs, Redis must answer a PING
 * within START_WAIT_MS (tried every half second, so a Redis starting beside us gets its moment).
 * Otherwise the process prints ONE line naming REDIS_URL, where it points (without credentials)
 * and the error, and exits 1 for its supervisor to restart it. Without the check a node with an
 * unreachable Redis logged "ready" and answered 500 to everything (issue 22, item 7).
 * Used by server/front.mjs, scripts/dev.mjs and scripts/worker.ts; plain JS so the front can use it.
 */
import { Redis } from 'ioredis'

export const START_WAIT_MS = 5000

/** The URL with any user name and password taken out. */
export const redactedRedisUrl = (url) => {
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    return parsed.toString()
  } catch {
    return 'an unparsable URL'
  }
}

const pingOnce = async (url) => {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  // Each failed try is reported once, below; ioredis must not print its own "Unhandled error event".
  // Its rejection says only "Connection is closed"; the event has the cause (ECONNREFUSED, WRONGPASS).
  let cause
  client.on('error', (error) => (cause ??= error))
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    throw cause ?? error
  } finally {
    client.disconnect()
  }
}

/**
 * Resolves once Redis at `url` (REDIS_URL, read by the caller) answers, or at once without one;
 * otherwise exits the process.
 */
export const requireRedis = async (url, waitMs = START_WAIT_MS) => {
  if (!url) return
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      return await pingOnce(url)
    } catch (error) {
      if (Date.now() >= deadline) {
        const reason = error instanceof Error ? error.message : String(error)
        console.error(
          `REDIS_URL: Redis at ${redactedRedisUrl(url)} did not answer within ${waitMs / 1000} s (${reason}); refusing to start.`,
        )
        process.exit(1)
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}
