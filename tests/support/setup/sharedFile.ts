import { afterAll } from 'vitest'

import { leaseHolder } from '@/generation/leaseHolder'

import { startedTestPayload } from '../app/payload'

/**
 * Runs before each file of a shared project (int-fast: a worker runs its files in one process, one
 * module cache, one Payload). A file may set variables for itself (STRIPE_*, GENERATION_CONCURRENCY...)
 * and not unset them, and may end while shoots it started still run (a test that checks a 202 does
 * not wait for the portraits), as it could in a process of its own. After it, those shoots are let
 * finish (they would change the database under the next file, whose "changes nothing" checks
 * compare whole tables) and the environment is put back, so the next file starts as if alone.
 */
const started = { ...process.env }
/** How long a file's last shoots may take to finish after it (ms): offline portraits take seconds. */
const SHOOTS_SETTLE_MS = 60_000

/**
 * Shoots this process is running: claimed by it (leaseHolder) under a live lease, which the run
 * renews until it ends and finalizeGeneration clears. A row a test set to `running` by hand (to
 * hold a progress stream open, or to stand for a crashed worker) has no live lease of ours and is
 * not waited for: nothing would ever finish it.
 */
const shootsRunning = async (): Promise<number> => {
  const payload = await startedTestPayload()
  if (!payload) return 0
  const { totalDocs } = await payload.count({
    collection: 'generations',
    where: {
      status: { equals: 'running' },
      leaseHolder: { equals: leaseHolder() },
      leaseExpiresAt: { greater_than: new Date().toISOString() },
    },
    overrideAccess: true,
  })
  return totalDocs
}

afterAll(async () => {
  const deadline = Date.now() + SHOOTS_SETTLE_MS
  while ((await shootsRunning()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  for (const name of Object.keys(process.env)) if (!(name in started)) delete process.env[name]
  Object.assign(process.env, started)
}, SHOOTS_SETTLE_MS + 5_000)
