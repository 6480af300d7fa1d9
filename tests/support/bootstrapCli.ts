/**
 * Migrates and seeds the database named by DATABASE_URI, in its own process (the test
 * runner's main process never loads Payload). Used by the integration and e2e setups.
 *
 * A ref'd timer holds the event loop open while tsx loads the config: under load a tsx
 * child once exited 13 (an unsettled top-level await) mid-boot. The import is dynamic so
 * the timer starts first.
 */
const keepAlive = setInterval(() => undefined, 60_000)
const { bootstrapDatabase } = await import('./bootstrap')
await bootstrapDatabase()
clearInterval(keepAlive)
process.exit(0)

export {}
