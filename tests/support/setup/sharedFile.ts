import { afterAll } from 'vitest'

/**
 * Runs before each file of a shared project (int-fast: every file in one process, one module cache,
 * one Payload). A file may set variables for itself (STRIPE_*, GENERATION_CONCURRENCY...) and not
 * unset them, as it could in a process of its own: after it, the environment is put back as it
 * was before it, so the next file starts as if alone.
 */
const started = { ...process.env }

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in started)) delete process.env[name]
  Object.assign(process.env, started)
})
